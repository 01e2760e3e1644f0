import type { Shape } from '../ir';
import { fmtShape, unknownOutputs } from './op-helpers';
import { poolFlopsPerOutput, type PoolMethod } from './pooling';
import type { AttrReader, OpContext, OpDefinition, OpEval } from './types';
import { numel } from './util';

// Facebook's C3D fork (facebook/C3D, V1 format): 5-D blobs num × channels × length × height ×
// width, with its own 3-D layers. The V1 enums CONVOLUTION3D, POOLING3D and VIDEO_DATA map to
// these types (lib/parse/caffe/v1-types.ts); their settings are C3D's extra fields of
// ConvolutionParameter, PoolingParameter and ImageDataParameter (the Caffe schema's c3d fork).

const METHODS = ['MAX', 'AVE', 'STOCHASTIC'] as const;

/** A C3D blob is 5-D; anything else is refused with the layer's own words. */
function fiveD(ctx: OpContext, x: Shape): x is readonly [number, number, number, number, number] {
  if (x.length === 5) return true;
  ctx.error(`input ${fmtShape(x)} has ${x.length} axes; C3D blobs are 5-D (num, channels, length, height, width)`);
  return false;
}

/** A C3D geometry field: one non-negative integer (the fork declares them non-repeated). */
function geometry(ctx: OpContext, p: AttrReader, block: string, name: string, fallback: number | null): number | null {
  const list = p.nums(name);
  if (list.length > 1) {
    ctx.error(
      `${name} is given ${list.length} times; C3D takes one value (kernel_depth etc. give the other axes)`,
      `${block}.${name}`,
    );
    return null;
  }
  const v = list[0] ?? fallback;
  if (v === null) {
    ctx.error(`${name} is required`, block);
    return null;
  }
  if (!Number.isInteger(v) || v < 0) {
    ctx.error(`${name} must be a non-negative integer, got ${v}`, `${block}.${name}`);
    return null;
  }
  return v;
}

/**
 * C3D Convolution3D (convolution3d_layer.cpp): a kernel_depth × kernel_size × kernel_size filter
 * over length × height × width, floor rounding, every filter seeing every input channel
 * (filter_group only splits the GEMM to save memory; it does not group channels).
 */
export const convolution3d: OpDefinition = {
  type: 'Convolution3D',
  category: 'conv',
  doc: 'C3D 3-D convolution (facebook/C3D, V1 type CONVOLUTION3D): kernel_depth × kernel_size² filters over length × height × width.',
  formula:
    'L′ = floor((L + 2·temporal_pad − kernel_depth) / temporal_stride) + 1, H′ = floor((H + 2·pad − k) / stride) + 1 (W′ alike); params = C_out·C_in·kd·k² (+ C_out); MACs = N·C_out·L′H′W′·C_in·kd·k²',
  arity: [1, 1],
  paramBlock: 'convolution_param',
  evaluate(ctx): OpEval {
    const x = ctx.inputs[0];
    if (!x) return unknownOutputs(ctx);
    if (!fiveD(ctx, x)) return unknownOutputs(ctx);
    const block = 'convolution_param';
    const p = ctx.attrs.msg(block);
    const numOutput = p.numOpt('num_output');
    if (numOutput === undefined || !Number.isInteger(numOutput) || numOutput <= 0) {
      ctx.error(`num_output must be a positive integer, got ${numOutput ?? 'nothing'}`, `${block}.num_output`);
      return unknownOutputs(ctx);
    }
    const k = geometry(ctx, p, block, 'kernel_size', null);
    const kd = geometry(ctx, p, block, 'kernel_depth', null);
    const s = geometry(ctx, p, block, 'stride', 1);
    const ts = geometry(ctx, p, block, 'temporal_stride', 1);
    const pad = geometry(ctx, p, block, 'pad', 0);
    const tpad = geometry(ctx, p, block, 'temporal_pad', 0);
    const fg = geometry(ctx, p, block, 'filter_group', 1);
    if (k === null || kd === null || s === null || ts === null || pad === null || tpad === null || fg === null) {
      return unknownOutputs(ctx);
    }
    if (k === 0 || kd === 0 || s === 0 || ts === 0 || fg === 0) {
      ctx.error('kernel_size, kernel_depth, strides and filter_group must be positive', block);
      return unknownOutputs(ctx);
    }
    // convolution3d_layer.cpp SetUp: CHECK_EQ(num_output_ % filter_group_, 0).
    if (numOutput % fg !== 0) {
      ctx.error(`num_output ${numOutput} is not divisible by filter_group ${fg}`, `${block}.filter_group`);
      return unknownOutputs(ctx);
    }
    const [n, c, l, h, w] = x;
    const lOut = Math.floor((l + 2 * tpad - kd) / ts) + 1;
    const hOut = Math.floor((h + 2 * pad - k) / s) + 1;
    const wOut = Math.floor((w + 2 * pad - k) / s) + 1;
    if (lOut <= 0 || hOut <= 0 || wOut <= 0) {
      ctx.error(`the ${kd}×${k}×${k} kernel does not fit the padded input ${fmtShape(x)}`, `${block}.kernel_size`);
      return unknownOutputs(ctx);
    }
    const bias = p.bool('bias_term', true);
    const kernelVolume = c * kd * k * k;
    const out: Shape = [n, numOutput, lOut, hOut, wOut];
    const outputs = numel(out);
    const macs = outputs * kernelVolume;
    return {
      outputs: [out],
      params: numOutput * kernelVolume + (bias ? numOutput : 0),
      macs,
      flops: 2 * macs + (bias ? outputs : 0),
      rf: [
        { kernel: kd, stride: ts, pad: tpad },
        { kernel: k, stride: s, pad },
        { kernel: k, stride: s, pad },
      ],
    };
  },
};

/**
 * C3D Pooling3D (pool3d_layer.cpp): a kernel_depth × kernel_size² window, sizes rounded up
 * (ceil, with no clipping of a last window in the padding), no temporal padding, spatial padding
 * only for AVE.
 */
export const pooling3d: OpDefinition = {
  type: 'Pooling3D',
  category: 'pool',
  doc: 'C3D 3-D pooling (facebook/C3D, V1 type POOLING3D) over kernel_depth × kernel_size² windows.',
  formula:
    'L′ = ceil((L − kernel_depth) / temporal_stride) + 1, H′ = ceil((H + 2·pad − k) / stride) + 1 (W′ alike); FLOPs/output: MAX kd·k²−1, AVE kd·k²+1',
  arity: [1, 1],
  paramBlock: 'pooling_param',
  evaluate(ctx): OpEval {
    const x = ctx.inputs[0];
    if (!x) return unknownOutputs(ctx);
    if (!fiveD(ctx, x)) return unknownOutputs(ctx);
    if (ctx.node.tops.length !== 1) {
      ctx.error(`Pooling3D has exactly one top, got ${ctx.node.tops.length}`);
      return unknownOutputs(ctx);
    }
    const block = 'pooling_param';
    const p = ctx.attrs.msg(block);
    const method: PoolMethod = p.enumOf('pool', METHODS, 'MAX');
    // pool3d_layer.cpp: Forward_cpu's STOCHASTIC case is NOT_IMPLEMENTED.
    if (method === 'STOCHASTIC') {
      ctx.error('STOCHASTIC pooling is not implemented by C3D’s Pooling3D', `${block}.pool`);
      return unknownOutputs(ctx);
    }
    const k = geometry(ctx, p, block, 'kernel_size', null);
    const kd = geometry(ctx, p, block, 'kernel_depth', null);
    const s = geometry(ctx, p, block, 'stride', 1);
    const ts = geometry(ctx, p, block, 'temporal_stride', 1);
    const pad = geometry(ctx, p, block, 'pad', 0);
    if (k === null || kd === null || s === null || ts === null || pad === null) return unknownOutputs(ctx);
    if (k === 0 || kd === 0 || s === 0 || ts === 0) {
      ctx.error('kernel_size, kernel_depth and strides must be positive', block);
      return unknownOutputs(ctx);
    }
    // pool3d_layer.cpp SetUp: padding is implemented only for average pooling.
    if (pad !== 0 && method !== 'AVE') {
      ctx.error('padding is implemented only for AVE pooling in C3D’s Pooling3D', `${block}.pad`);
      return unknownOutputs(ctx);
    }
    const [n, c, l, h, w] = x;
    const lOut = Math.ceil((l - kd) / ts) + 1;
    const hOut = Math.ceil((h + 2 * pad - k) / s) + 1;
    const wOut = Math.ceil((w + 2 * pad - k) / s) + 1;
    if (lOut <= 0 || hOut <= 0 || wOut <= 0) {
      ctx.error(`the ${kd}×${k}×${k} window does not fit the input ${fmtShape(x)}`, `${block}.kernel_size`);
      return unknownOutputs(ctx);
    }
    const out: Shape = [n, c, lOut, hOut, wOut];
    return {
      outputs: [out],
      flops: numel(out) * poolFlopsPerOutput(method, kd * k * k),
      rf: [
        { kernel: kd, stride: ts, pad: 0 },
        { kernel: k, stride: s, pad },
        { kernel: k, stride: s, pad },
      ],
    };
  },
};

/**
 * C3D VideoData (video_data_layer.cpp): clips of new_length frames listed in image_data_param's
 * source, resized to new_height × new_width and centre-cropped to crop_size; the reader declares
 * the data top as a graph input (channels assumed 3: the frames are decoded as colour). Top 1 is
 * the label, batch_size × 1 × 1 × 1 × 1.
 */
export const c3dVideoData: OpDefinition = {
  type: 'C3DVideoData',
  category: 'input',
  doc: 'C3D video clip reader (facebook/C3D, V1 type VIDEO_DATA): batch × 3 × new_length × crop × crop.',
  formula: 'data: N×3×new_length×crop_size² (or new_height×new_width); label: N×1×1×1×1; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'image_data_param',
  evaluate(ctx): OpEval {
    const p = ctx.attrs.msg('image_data_param');
    const length = p.num('new_length', 0);
    const crop = p.num('crop_size', 0);
    const h = crop > 0 ? crop : p.num('new_height', 0);
    const w = crop > 0 ? crop : p.num('new_width', 0);
    const data = length > 0 && h > 0 && w > 0 ? [ctx.batch, 3, length, h, w] : null;
    return {
      outputs: ctx.node.tops.map((_, i) => (i === 0 ? data : i === 1 ? [ctx.batch, 1, 1, 1, 1] : null)),
      flops: 0,
    };
  },
};

/** The C3D fork's layers. */
export const C3D_OPS: readonly OpDefinition[] = [convolution3d, pooling3d, c3dVideoData];
