import type { Shape } from '../../ir';
import type { OpDefinition, RFAxisStep } from '../types';
import { poolFlopsPerOutput } from '../pooling';
import { convAlgorithms } from '../util-algorithms';
import { convOutDim, deconvOutDim, effectiveKernel, numel, poolOutDim } from '../util';
import { onnxOp, type OnnxCtx, type OnnxResult } from './context';

/** The geometry of one windowed op (conv or pool) after auto_pad and defaults. */
interface Window {
  readonly kernel: number[];
  readonly stride: number[];
  readonly dilation: number[];
  /** Padding before and after, per spatial axis. */
  readonly padBegin: number[];
  readonly padEnd: number[];
  readonly out: number[];
}

/**
 * Output size of a convolution or pooling window along each spatial axis, ONNX rules:
 * explicit pads (begin…, end…) with floor rounding (ceil with ceil_mode: the same rule as
 * Caffe's pooling, the last window must start inside the input), or auto_pad SAME_UPPER /
 * SAME_LOWER (out = ceil(in / stride)) / VALID. The formulas are the shared ones in lib/ops/util.
 */
function windowGeometry(o: OnnxCtx, spatial: readonly number[], kernel: number[], ceil: boolean): Window | undefined {
  const n = spatial.length;
  const stride = o.intsAttr('strides') ?? spatial.map(() => 1);
  const dilation = o.intsAttr('dilations') ?? spatial.map(() => 1);
  if (kernel.length !== n || stride.length !== n || dilation.length !== n) {
    return o.error(`kernel_shape/strides/dilations need ${n} entries for ${n} spatial axes`, 'kernel_shape');
  }
  if (kernel.some((k) => k <= 0) || stride.some((s) => s <= 0) || dilation.some((d) => d <= 0)) {
    return o.error('kernel_shape, strides and dilations must be positive', 'kernel_shape');
  }
  const autoPad = o.str('auto_pad', 'NOTSET');
  const padBegin: number[] = [];
  const padEnd: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = effectiveKernel(kernel[i]!, dilation[i]!);
    const inp = spatial[i]!;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
      const o2 = Math.ceil(inp / stride[i]!);
      const total = Math.max((o2 - 1) * stride[i]! + k - inp, 0);
      const small = Math.floor(total / 2);
      padBegin.push(autoPad === 'SAME_UPPER' ? small : total - small);
      padEnd.push(autoPad === 'SAME_UPPER' ? total - small : small);
      out.push(o2);
      continue;
    }
    const pads = autoPad === 'VALID' ? [] : (o.intsAttr('pads') ?? []);
    const pb = pads[i] ?? 0;
    const pe = pads[i + n] ?? 0;
    padBegin.push(pb);
    padEnd.push(pe);
    // The shared formulas take the padding per side; asymmetric pads enter as their mean.
    const mean = (pb + pe) / 2;
    out.push(
      ceil ? poolOutDim(inp, k, stride[i]!, mean, true) : convOutDim(inp, kernel[i]!, stride[i]!, mean, dilation[i]!),
    );
  }
  if (out.some((d) => d <= 0)) {
    return o.error(
      `the window (kernel ${kernel.join('×')}) does not fit the ${spatial.join('×')} input with this padding`,
    );
  }
  return { kernel, stride, dilation, padBegin, padEnd, out };
}

function rfSteps(w: Window): RFAxisStep[] {
  return w.kernel.map((k, i) => ({
    kernel: effectiveKernel(k, w.dilation[i]!),
    stride: w.stride[i]!,
    pad: w.padBegin[i]!,
  }));
}

/** Convolution cost and shape from X (N×C×spatial) and W (M×C/g×k…); shared by Conv, ConvInteger and QLinearConv. */
function convolve(o: OnnxCtx, xIndex: number, wIndex: number, biasIndex: number | null): OnnxResult | undefined {
  const x = o.shape(xIndex);
  const w = o.shape(wIndex);
  if (!x || !w) return undefined;
  if (x.length < 3 || w.length !== x.length)
    return o.error(`expects X of rank ≥ 3 and W of the same rank, got ${o.fmt(x)} and ${o.fmt(w)}`);
  const group = o.int('group', 1);
  const cIn = x[1]!;
  const cOut = w[0]!;
  if (group <= 0 || cIn % group !== 0 || cOut % group !== 0)
    return o.error(`group ${group} does not divide channels ${cIn} → ${cOut}`, 'group');
  if (w[1]! * group !== cIn)
    return o.error(`W ${o.fmt(w)} expects ${w[1]! * group} input channels with group ${group}, X has ${cIn}`);
  const kernel = o.intsAttr('kernel_shape') ?? w.slice(2);
  const spatial = x.slice(2);
  const g = windowGeometry(o, spatial, [...kernel], false);
  if (!g) return undefined;
  const out: Shape = [x[0]!, cOut, ...g.out];
  const macs = x[0]! * cOut * numel(g.out) * (cIn / group) * numel(kernel);
  const bias = biasIndex !== null && o.has(biasIndex) ? numel(out) : 0;
  return {
    outputs: [out],
    macs,
    flops: 2 * macs + bias,
    rf: rfSteps(g),
    algorithms: convAlgorithms({
      cIn,
      cOut,
      group,
      kernel,
      stride: g.stride,
      dilation: g.dilation,
      pad: g.padBegin,
      inSpatial: spatial,
      outSpatial: g.out,
    }),
  };
}

const conv = onnxOp({
  type: 'Conv',
  category: 'conv',
  doc: 'N-D convolution (group, dilations, strides, pads / auto_pad)',
  formula:
    'out = floor((in + pad_b + pad_e − (d·(k−1)+1)) / s) + 1; MACs = N·C_out·∏out·(C_in/g)·∏k; FLOPs = 2·MACs + bias',
  arity: [2, 3],
  infer: (o) => convolve(o, 0, 1, 2),
});

const convInteger = onnxOp({
  type: 'ConvInteger',
  category: 'conv',
  doc: 'integer convolution (zero points), accumulating in int32',
  formula: 'as Conv; output int32',
  arity: [2, 4],
  weights: [1],
  infer: (o) => {
    const r = convolve(o, 0, 1, null);
    return r && { ...r, dtypes: ['int32'] };
  },
});

const qlinearConv = onnxOp({
  type: 'QLinearConv',
  category: 'conv',
  doc: 'quantized convolution (x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, B)',
  formula: 'as Conv',
  arity: [8, 9],
  weights: [3, 8],
  infer: (o) => {
    const r = convolve(o, 0, 3, 8);
    return r && { ...r, dtypes: [o.dtype(7) ?? o.dtype(0)] };
  },
});

const convTranspose = onnxOp({
  type: 'ConvTranspose',
  category: 'deconv',
  doc: 'transposed convolution (output_padding, output_shape, auto_pad)',
  formula: 'out = s·(in − 1) + output_padding + d·(k−1) + 1 − pad_b − pad_e; MACs = N·C_in·∏in·(C_out/g)·∏k',
  arity: [2, 3],
  infer(o) {
    const x = o.shape(0);
    const w = o.shape(1);
    if (!x || !w) return undefined;
    if (x.length < 3 || w.length !== x.length)
      return o.error(`expects X of rank ≥ 3 and W of the same rank, got ${o.fmt(x)} and ${o.fmt(w)}`);
    const group = o.int('group', 1);
    const cIn = x[1]!;
    if (w[0] !== cIn) return o.error(`W ${o.fmt(w)} expects ${w[0]} input channels, X has ${cIn}`);
    const cOut = w[1]! * group;
    const spatial = x.slice(2);
    const n = spatial.length;
    const kernel = o.intsAttr('kernel_shape') ?? w.slice(2);
    const stride = o.intsAttr('strides') ?? spatial.map(() => 1);
    const dilation = o.intsAttr('dilations') ?? spatial.map(() => 1);
    const outPad = o.intsAttr('output_padding') ?? spatial.map(() => 0);
    const outputShape = o.intsAttr('output_shape');
    const autoPad = o.str('auto_pad', 'NOTSET');
    const pads = o.intsAttr('pads') ?? [];
    const outSpatial: number[] = [];
    for (let i = 0; i < n; i++) {
      if (outputShape) {
        outSpatial.push(outputShape[outputShape.length - n + i]!);
      } else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
        outSpatial.push(spatial[i]! * stride[i]!);
      } else {
        const mean = ((pads[i] ?? 0) + (pads[i + n] ?? 0)) / 2;
        outSpatial.push(deconvOutDim(spatial[i]!, kernel[i]!, stride[i]!, mean, dilation[i]!) + (outPad[i] ?? 0));
      }
    }
    if (outSpatial.some((d) => !(d > 0))) return o.error(`the output size ${outSpatial.join('×')} is not positive`);
    const out: Shape = [x[0]!, cOut, ...outSpatial];
    const macs = x[0]! * cIn * numel(spatial) * (cOut / group) * numel(kernel);
    return { outputs: [out], macs, flops: 2 * macs + (o.has(2) ? numel(out) : 0) };
  },
});

type PoolKind = 'max' | 'average' | 'lp';

function pool(type: string, kind: PoolKind, doc: string): OpDefinition {
  return onnxOp({
    type,
    category: 'pool',
    doc,
    formula:
      'out = floor((in + pad_b + pad_e − (d·(k−1)+1)) / s) + 1 (ceil with ceil_mode); FLOPs per output: max k−1 compares, average k adds + 1 divide, Lp 2k',
    arity: [1, 1],
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      if (x.length < 3) return o.error(`expects N×C×spatial, got ${o.fmt(x)}`);
      const kernel = o.intsAttr('kernel_shape');
      if (!kernel) return o.error('kernel_shape is required', 'kernel_shape');
      const g = windowGeometry(o, x.slice(2), kernel, o.int('ceil_mode', 0) !== 0);
      if (!g) return undefined;
      const out: Shape = [x[0]!, x[1]!, ...g.out];
      const k = numel(kernel);
      const per = kind === 'lp' ? 2 * k : poolFlopsPerOutput(kind === 'max' ? 'MAX' : 'AVE', k);
      const outs = o.nOut > 1 ? [out, out] : [out];
      return {
        outputs: outs,
        flops: per * numel(out),
        rf: rfSteps(g),
        dtypes: outs.map((_, i) => (i === 0 ? o.dtype(0) : 'int64')),
      };
    },
  });
}

function globalPool(type: string, kind: PoolKind, doc: string): OpDefinition {
  return onnxOp({
    type,
    category: 'pool',
    doc,
    formula: 'out = N×C×1…; FLOPs per output: max k−1, average k + 1, Lp 2k (k = spatial size)',
    arity: [1, 1],
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      if (x.length < 3) return o.error(`expects N×C×spatial, got ${o.fmt(x)}`);
      const out: Shape = [x[0]!, x[1]!, ...x.slice(2).map(() => 1)];
      const k = numel(x.slice(2));
      const per = kind === 'lp' ? 2 * k : poolFlopsPerOutput(kind === 'max' ? 'MAX' : 'AVE', k);
      return { outputs: [out], flops: per * numel(out), rf: x.slice(2).map((d) => ({ kernel: d, stride: d, pad: 0 })) };
    },
  });
}

const maxUnpool = onnxOp({
  type: 'MaxUnpool',
  category: 'pool',
  doc: 'scatters pooled values back to their argmax positions',
  formula: 'out = output_shape, or (in − 1)·s + k − pad_b − pad_e; FLOPs 0',
  arity: [2, 3],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const given = o.has(2) ? o.ints(2) : null;
    if (given) return { outputs: [given] };
    if (given === undefined) return undefined;
    const kernel = o.intsAttr('kernel_shape') ?? [];
    const n = x.length - 2;
    const stride = o.intsAttr('strides') ?? kernel.map(() => 1);
    const pads = o.intsAttr('pads') ?? [];
    const out = [
      x[0]!,
      x[1]!,
      ...x.slice(2).map((d, i) => (d - 1) * stride[i]! + kernel[i]! - (pads[i] ?? 0) - (pads[i + n] ?? 0)),
    ];
    return { outputs: [out] };
  },
});

const roiAlign = onnxOp({
  type: 'RoiAlign',
  category: 'pool',
  doc: 'bilinear region-of-interest pooling: num_rois × C × output_height × output_width',
  formula: 'FLOPs ≈ 4·sampling points per output (bilinear) + averaging',
  arity: [3, 3],
  infer(o) {
    const x = o.shape(0);
    const rois = o.shape(1);
    if (!x || !rois) return undefined;
    const oh = o.int('output_height', 1);
    const ow = o.int('output_width', 1);
    const out: Shape = [rois[0]!, x[1]!, oh, ow];
    const ratio = o.int('sampling_ratio', 0);
    const samples = ratio > 0 ? ratio * ratio : 4;
    return { outputs: [out], flops: numel(out) * samples * 5 };
  },
});

const maxRoiPool = onnxOp({
  type: 'MaxRoiPool',
  category: 'pool',
  doc: 'max region-of-interest pooling: num_rois × C × pooled_shape',
  formula: 'FLOPs 0 (compares counted as in pooling are data-dependent)',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const rois = o.shape(1);
    const pooled = o.intsAttr('pooled_shape');
    if (!x || !rois || !pooled) return undefined;
    return { outputs: [[rois[0]!, x[1]!, ...pooled]] };
  },
});

/** Convolution and pooling operators of the ONNX namespace. */
export const ONNX_CONV_POOL_OPS: readonly OpDefinition[] = [
  conv,
  convInteger,
  qlinearConv,
  convTranspose,
  pool('MaxPool', 'max', 'max pooling (optional Indices output)'),
  pool('AveragePool', 'average', 'average pooling (count_include_pad)'),
  pool('LpPool', 'lp', 'Lp-norm pooling'),
  globalPool('GlobalAveragePool', 'average', 'average over all spatial positions'),
  globalPool('GlobalMaxPool', 'max', 'max over all spatial positions'),
  globalPool('GlobalLpPool', 'lp', 'Lp norm over all spatial positions'),
  maxUnpool,
  roiAlign,
  maxRoiPool,
];
