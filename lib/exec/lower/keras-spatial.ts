import { positiveInt, prod, tuple, windows, type SpatialInput, type WindowAxis } from '../../ops/keras/common';
import { sidePairs } from '../../ops/keras/padding-cropping';
import { attrFloat, attrInt, attrInts, attrString } from '../onnx/attrs';
import type { AttributeObject } from '../onnx/proto';
import { opContext } from './caffe-params';
import { channelsFirstOp, fromChannelsFirst, spatialInput, toChannelsFirst } from './keras-common';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * Keras spatial layers of every rank (1-D, 2-D, 3-D) in either data_format. Window geometry
 * comes from lib/ops/keras/common (TF "valid"/"same"/"causal" arithmetic) and becomes explicit
 * ONNX pads, so the engine's shapes equal the analyser's by construction.
 */

/** A required int tuple of the layer (already validated by the analysis). */
function ints(ctx: LowerContext, key: string, rank: number, fallback: number[] | null): number[] {
  const v = tuple(opContext(ctx), key, rank, fallback, 0);
  if (!v) throw new LoweringRefused(`${key} could not be read`);
  return v;
}

function windowPads(
  ctx: LowerContext,
  s: SpatialInput,
  kernel: number[],
  stride: number[],
  dilation: number[],
): number[] {
  const padding = ctx.attrs.str('padding', 'valid').toLowerCase();
  const win: WindowAxis[] | undefined = windows(opContext(ctx), padding, s.spatial, kernel, stride, dilation);
  if (!win) throw new LoweringRefused('window geometry could not be read');
  // TF puts the odd padding pixel after: asymmetric begin/end pads.
  return [...win.map((w) => w.padBefore), ...win.map((w) => w.padTotal - w.padBefore)];
}

/** Channels of the analyser's output in the layer's layout. */
function outChannels(ctx: LowerContext, s: SpatialInput): number {
  const y = ctx.outShapes[0]!;
  return s.channelsFirst ? y[1]! : y[y.length - 1]!;
}

/** Keras Conv{1,2,3}D, DepthwiseConv{1,2}D, SeparableConv{1,2}D → Conv (two for separable). */
export function conv(rank: number, kind: 'conv' | 'depthwise' | 'separable'): Lowerer {
  return (ctx) => {
    const s = spatialInput(ctx, rank);
    const kernel = ints(ctx, 'kernel_size', rank, null);
    const stride = ints(ctx, 'strides', rank, Array<number>(rank).fill(1));
    const dilation = ints(ctx, 'dilation_rate', rank, Array<number>(rank).fill(1));
    const pads = windowPads(ctx, s, kernel, stride, dilation);
    const cin = s.channels;
    const cout = outChannels(ctx, s);
    const useBias = ctx.attrs.bool('use_bias', true);
    const geometry = [attrInts('kernel_shape', kernel), attrInts('strides', stride), attrInts('dilations', dilation)];
    const ones = Array<number>(rank).fill(1);
    channelsFirstOp(ctx, s, (x, y) => {
      if (kind === 'conv') {
        const group = ctx.attrs.num('groups', 1);
        const w = ctx.weight('kernel', [cout, cin / group, ...kernel], 'fan', (cin / group) * prod(kernel));
        const inputs = [x, w];
        if (useBias) inputs.push(ctx.weight('bias', [cout], 'small'));
        ctx.op('Conv', inputs, [y], [...geometry, attrInts('pads', pads), attrInt('group', group)]);
        return;
      }
      const mid = kind === 'depthwise' ? cout : cin * ctx.attrs.num('depth_multiplier', 1);
      const dw = ctx.weight('depthwise_kernel', [mid, 1, ...kernel], 'fan', prod(kernel));
      if (kind === 'depthwise') {
        const inputs = [x, dw];
        if (useBias) inputs.push(ctx.weight('bias', [cout], 'small'));
        ctx.op('Conv', inputs, [y], [...geometry, attrInts('pads', pads), attrInt('group', cin)]);
        return;
      }
      const t = ctx.tmp('depthwise');
      ctx.op('Conv', [x, dw], [t], [...geometry, attrInts('pads', pads), attrInt('group', cin)]);
      const pw = ctx.weight('pointwise_kernel', [cout, mid, ...ones], 'fan', mid);
      const inputs = [t, pw];
      if (useBias) inputs.push(ctx.weight('bias', [cout], 'small'));
      ctx.op('Conv', inputs, [y], [attrInts('kernel_shape', ones)]);
    });
  };
}

/**
 * Keras Conv{1,2,3}DTranspose → ConvTranspose. ONNX gives s·(i−1) + op + k_eff − begin − end;
 * the analyser's output fixes begin + end − op: TF crops the forward conv's "same" padding
 * (odd pixel at the end), and a negative total becomes output_padding (valid with k < s).
 */
export function convTranspose(rank: number): Lowerer {
  return (ctx) => {
    const s = spatialInput(ctx, rank);
    const kernel = ints(ctx, 'kernel_size', rank, null);
    const stride = ints(ctx, 'strides', rank, Array<number>(rank).fill(1));
    const dilation = ints(ctx, 'dilation_rate', rank, Array<number>(rank).fill(1));
    const y = ctx.outShapes[0]!;
    const ySpatial = s.channelsFirst ? y.slice(2) : y.slice(1, -1);
    const begin: number[] = [];
    const end: number[] = [];
    const outPad: number[] = [];
    s.spatial.forEach((d, i) => {
      const kEff = dilation[i]! * (kernel[i]! - 1) + 1;
      const total = stride[i]! * (d - 1) + kEff - ySpatial[i]!;
      const b = total > 0 ? Math.floor(total / 2) : 0;
      begin.push(b);
      end.push(total > 0 ? total - b : 0);
      outPad.push(total < 0 ? -total : 0);
    });
    if (outPad.some((p, i) => p >= Math.max(stride[i]!, dilation[i]!)))
      throw new LoweringRefused('output size needs output_padding ≥ stride, which ONNX ConvTranspose rejects');
    const cin = s.channels;
    const cout = outChannels(ctx, s);
    channelsFirstOp(ctx, s, (x, out) => {
      const inputs = [x, ctx.weight('kernel', [cin, cout, ...kernel], 'fan', cin * prod(kernel))];
      if (ctx.attrs.bool('use_bias', true)) inputs.push(ctx.weight('bias', [cout], 'small'));
      const attrs: AttributeObject[] = [
        attrInts('kernel_shape', kernel),
        attrInts('strides', stride),
        attrInts('dilations', dilation),
        attrInts('pads', [...begin, ...end]),
      ];
      if (outPad.some((p) => p > 0)) attrs.push(attrInts('output_padding', outPad));
      ctx.op('ConvTranspose', inputs, [out], attrs);
    });
  };
}

/** Max/AveragePooling{1,2,3}D (TF rounding as explicit pads; average over the in-bounds part only). */
export function pool(rank: number, opType: 'MaxPool' | 'AveragePool'): Lowerer {
  return (ctx) => {
    const s = spatialInput(ctx, rank);
    const size = ints(ctx, 'pool_size', rank, Array<number>(rank).fill(2));
    const stride = ints(ctx, 'strides', rank, size);
    const attrs = [
      attrInts('kernel_shape', size),
      attrInts('strides', stride),
      attrInts('pads', windowPads(ctx, s, size, stride, Array<number>(rank).fill(1))),
    ];
    // TF averages over the valid part of a "same" window only.
    if (opType === 'AveragePool') attrs.push(attrInt('count_include_pad', 0));
    const x = toChannelsFirst(ctx, s, ctx.inputs[0]!);
    const y = s.channelsFirst ? ctx.outputs[0]! : ctx.tmp('pool');
    ctx.op(opType, [x], [y], attrs);
    if (!s.channelsFirst) fromChannelsFirst(ctx, s, y, ctx.outputs[0]!);
  };
}

/** Spatial axes of the layer's tensors. */
function spatialAxes(s: SpatialInput): number[] {
  return s.spatial.map((_, i) => i + (s.channelsFirst ? 2 : 1));
}

/** Global{Max,Average}Pooling{1,2,3}D → ReduceMax/ReduceMean over the spatial axes (no transposes needed). */
export function globalPool(rank: number, opType: 'ReduceMax' | 'ReduceMean'): Lowerer {
  return (ctx) => {
    const s = spatialInput(ctx, rank);
    const keep = ctx.attrs.bool('keepdims', false);
    ctx.op(
      opType,
      [ctx.inputs[0]!],
      [ctx.outputs[0]!],
      [attrInts('axes', spatialAxes(s)), attrInt('keepdims', keep ? 1 : 0)],
    );
  };
}

/** ZeroPadding{1,2,3}D → Pad (constant 0); Cropping{1,2,3}D → Slice. */
export function border(rank: number, kind: 'pad' | 'crop'): Lowerer {
  return (ctx) => {
    const s = spatialInput(ctx, rank);
    const key = kind === 'pad' ? 'padding' : 'cropping';
    const pairs = sidePairs(opContext(ctx), key, rank, kind === 'pad' ? 1 : 0);
    if (!pairs) throw new LoweringRefused(`${key} could not be read`);
    const x = ctx.inShapes[0]!;
    const axes = spatialAxes(s);
    if (kind === 'pad') {
      const begin = x.map(() => 0);
      const end = x.map(() => 0);
      axes.forEach((a, i) => {
        begin[a] = pairs[i]![0];
        end[a] = pairs[i]![1];
      });
      ctx.op(
        'Pad',
        [ctx.inputs[0]!, ctx.ints('pads', [...begin, ...end])],
        [ctx.outputs[0]!],
        [attrString('mode', 'constant')],
      );
      return;
    }
    const starts = pairs.map((p) => p[0]);
    const ends = axes.map((a, i) => x[a]! - pairs[i]![1]);
    ctx.op(
      'Slice',
      [ctx.inputs[0]!, ctx.ints('starts', starts), ctx.ints('ends', ends), ctx.ints('axes', axes)],
      [ctx.outputs[0]!],
    );
  };
}

/**
 * Resize to the analyser's output. Nearest follows tf.image.resize with half-pixel centres
 * (src = ⌊(dst + ½)·in/out⌋, i.e. ONNX half_pixel + round_prefer_ceil; plain repetition for
 * integer factors) and runs in any layout; bilinear/bicubic run channels-first (ORT's linear
 * modes resize the inner axes), with TF's cubic coefficient −0.5.
 */
function resizeTo(ctx: LowerContext, s: SpatialInput, interpolation: string): void {
  const modes: Record<string, string> = { nearest: 'nearest', bilinear: 'linear', bicubic: 'cubic' };
  const mode = modes[interpolation];
  if (!mode) throw new LoweringRefused(`interpolation "${interpolation}" has no ONNX Resize mode`);
  const attrs = [attrString('mode', mode), attrString('coordinate_transformation_mode', 'half_pixel')];
  if (mode === 'nearest') {
    attrs.push(attrString('nearest_mode', 'round_prefer_ceil'));
    ctx.op('Resize', [ctx.inputs[0]!, '', '', ctx.ints('sizes', ctx.outShapes[0]!)], [ctx.outputs[0]!], attrs);
    return;
  }
  if (mode === 'cubic') attrs.push(attrFloat('cubic_coeff_a', -0.5));
  const y = ctx.outShapes[0]!;
  const sizes = s.channelsFirst ? y : [y[0]!, y[y.length - 1]!, ...y.slice(1, -1)];
  channelsFirstOp(ctx, s, (x, out) => ctx.op('Resize', [x, '', '', ctx.ints('sizes', sizes)], [out], attrs));
}

/** UpSampling{1,2,3}D (size × per axis). */
export function upSampling(rank: number): Lowerer {
  return (ctx) => resizeTo(ctx, spatialInput(ctx, rank), ctx.attrs.str('interpolation', 'nearest').toLowerCase());
}

/** Keras Resizing (preprocessing) to height × width. */
export const resizing: Lowerer = (ctx) => {
  if (ctx.attrs.bool('crop_to_aspect_ratio', false))
    throw new LoweringRefused('crop_to_aspect_ratio crops before resizing; not lowered');
  resizeTo(ctx, spatialInput(ctx, 2), ctx.attrs.str('interpolation', 'bilinear').toLowerCase());
};

/** Keras CenterCrop → Slice from ⌊(in − size)/2⌋ (a crop larger than the input resizes in Keras: refused). */
export const centerCrop: Lowerer = (ctx) => {
  const s = spatialInput(ctx, 2);
  const octx = opContext(ctx);
  const size = [positiveInt(octx, 'height'), positiveInt(octx, 'width')];
  if (size.some((v, i) => v === undefined || v > s.spatial[i]!))
    throw new LoweringRefused('a crop larger than the input resizes in Keras; not lowered');
  const starts = s.spatial.map((d, i) => Math.floor((d - size[i]!) / 2));
  ctx.op(
    'Slice',
    [
      ctx.inputs[0]!,
      ctx.ints('starts', starts),
      ctx.ints(
        'ends',
        starts.map((b, i) => b + size[i]!),
      ),
      ctx.ints('axes', spatialAxes(s)),
    ],
    [ctx.outputs[0]!],
  );
};
