import type { Shape } from '../../ir';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { onnxOp, type OnnxCtx } from './context';
import { axesOf } from './shape-ops';
import { stridesOf } from './tensor-math';

/**
 * Normalisations that compute statistics at run time (Instance, Layer, Group, MVN) cost 5 FLOPs
 * per element: mean (1 add), centring (1), square and sum (2), normalising by the reciprocal
 * standard deviation (1); a scale adds 1 and a bias 1 (docs/counting.md).
 */
const STATS_FLOPS = 5;

const batchNorm = onnxOp({
  type: 'BatchNormalization',
  category: 'norm',
  doc: 'normalises with stored mean/variance, then scale and bias (inference)',
  formula: 'out = in; params = scale + bias (2·C); buffers = mean + variance (2·C); FLOPs = 2·elements',
  arity: [5, 5],
  buffers: [3, 4],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    if (x.length < 2) return o.error(`expects N×C×…, got ${o.fmt(x)}`);
    const c = x[1]!;
    for (const i of [1, 2, 3, 4]) {
      const s = o.shape(i);
      if (s && numel(s) !== c) return o.error(`input ${i} has ${numel(s)} values for ${c} channels`);
    }
    const outs: Shape[] = [x, ...Array.from({ length: o.nOut - 1 }, () => [c])];
    return { outputs: outs, flops: 2 * numel(x), rf: 'identity' };
  },
});

function statsNorm(
  type: string,
  doc: string,
  arity: [number, number],
  shape: (o: OnnxCtx, x: Shape) => Shape[] | undefined,
): OpDefinition {
  return onnxOp({
    type,
    category: 'norm',
    doc,
    formula: `FLOPs = ${STATS_FLOPS}·elements (+1 scale, +1 bias, per element)`,
    arity,
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      const outs = shape(o, x);
      if (!outs) return undefined;
      const affine = (o.has(1) ? 1 : 0) + (o.has(2) ? 1 : 0);
      return { outputs: outs, flops: (STATS_FLOPS + affine) * numel(x), rf: 'identity' };
    },
  });
}

const instanceNorm = statsNorm(
  'InstanceNormalization',
  'per-sample, per-channel normalisation with scale and bias',
  [3, 3],
  (_, x) => [x],
);

const layerNorm = statsNorm(
  'LayerNormalization',
  'normalises over the axes from axis on, then scale (and bias); optional Mean and InvStdDev outputs',
  [2, 3],
  (o, x) => {
    const axis = o.axis(o.int('axis', -1), x.length);
    if (axis === undefined) return undefined;
    const stat = x.map((d, i) => (i < axis ? d : 1));
    return [x, ...Array.from({ length: o.nOut - 1 }, () => stat)];
  },
);

const groupNorm = statsNorm(
  'GroupNormalization',
  'normalises over channel groups (num_groups), then scale and bias',
  [3, 3],
  (o, x) => {
    const g = o.int('num_groups', 1);
    if (x.length < 2 || g <= 0 || x[1]! % g !== 0)
      return o.error(`num_groups ${g} does not divide ${x[1]} channels`, 'num_groups');
    return [x];
  },
);

const mvn = statsNorm(
  'MeanVarianceNormalization',
  'zero mean, unit variance over axes (default 0, 2, 3)',
  [1, 1],
  (_, x) => [x],
);

const lpNorm = onnxOp({
  type: 'LpNormalization',
  category: 'norm',
  doc: 'divides by the Lp norm along axis (p 1 or 2)',
  formula: 'FLOPs = 3·elements (|x| or x², sum, divide)',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    return x ? { outputs: [x], flops: 3 * numel(x), rf: 'identity' } : undefined;
  },
});

const lrn = onnxOp({
  type: 'LRN',
  category: 'norm',
  doc: 'local response normalisation across size channels',
  formula: 'FLOPs = (size + 3)·elements (as Caffe LRN)',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    return x ? { outputs: [x], flops: (o.int('size', 1) + 3) * numel(x), rf: 'identity' } : undefined;
  },
});

/** The axes a reduction uses: attribute (older opsets) or input; all axes when none are given. */
function reduceAxes(o: OnnxCtx, x: Shape): number[] | undefined {
  const given = axesOf(o, 'axes', 1);
  if (given === undefined) return undefined;
  if (!given || given.length === 0) {
    if (o.int('noop_with_empty_axes', 0) !== 0) return [];
    return x.map((_, i) => i);
  }
  const out: number[] = [];
  for (const a of given) {
    const r = o.axis(a, x.length, 'axes');
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}

/** Reduced values when the input's are known (shape products, sums of small tables). */
function foldReduce(
  x: Shape,
  v: readonly number[],
  axes: readonly number[],
  keep: Shape,
  init: number,
  fn: (a: number, b: number) => number,
): number[] | undefined {
  const n = numel(keep);
  if (n > 4096) return undefined;
  const out = new Array<number>(n).fill(init);
  const st = stridesOf(x);
  const kst = stridesOf(keep);
  for (let f = 0; f < v.length; f++) {
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      const c = Math.floor(f / st[i]!) % x[i]!;
      if (!axes.includes(i)) k += c * kst[i]!;
    }
    out[k] = fn(out[k]!, v[f]!);
  }
  return out;
}

interface ReduceSpec {
  /** FLOPs per input element and per output element. */
  readonly perIn: number;
  readonly perOut: number;
  readonly fold?: { init: number; fn: (a: number, b: number) => number; finish?: (v: number, count: number) => number };
}

function reduce(type: string, doc: string, spec: ReduceSpec): OpDefinition {
  return onnxOp({
    type,
    category: 'elementwise',
    doc,
    formula: `FLOPs = ${spec.perIn}·input elements${spec.perOut ? ` + ${spec.perOut}·output elements` : ''}`,
    arity: [1, 2],
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      const axes = reduceAxes(o, x);
      if (!axes) return undefined;
      const kept = x.map((d, i) => (axes.includes(i) ? 1 : d));
      const out = o.int('keepdims', 1) !== 0 ? kept : x.filter((_, i) => !axes.includes(i));
      const v = o.value(0);
      const count = numel(x) / Math.max(1, numel(kept));
      const folded = v && spec.fold ? foldReduce(x, v, axes, kept, spec.fold.init, spec.fold.fn) : undefined;
      const finish = spec.fold?.finish;
      const values = folded && finish ? folded.map((e) => finish(e, count)) : folded;
      return {
        outputs: [out],
        flops: spec.perIn * numel(x) + spec.perOut * numel(out),
        ...(values ? { values: [values] } : {}),
      };
    },
  });
}

const add = (a: number, b: number) => a + b;

const REDUCTIONS: OpDefinition[] = [
  reduce('ReduceSum', 'sum over axes', { perIn: 1, perOut: 0, fold: { init: 0, fn: add } }),
  reduce('ReduceMean', 'mean over axes', { perIn: 1, perOut: 1, fold: { init: 0, fn: add, finish: (v, n) => v / n } }),
  reduce('ReduceMax', 'maximum over axes', { perIn: 1, perOut: 0, fold: { init: -Infinity, fn: Math.max } }),
  reduce('ReduceMin', 'minimum over axes', { perIn: 1, perOut: 0, fold: { init: Infinity, fn: Math.min } }),
  reduce('ReduceProd', 'product over axes', { perIn: 1, perOut: 0, fold: { init: 1, fn: (a, b) => a * b } }),
  reduce('ReduceSumSquare', 'sum of squares over axes', { perIn: 2, perOut: 0 }),
  reduce('ReduceL1', 'sum of absolute values over axes', { perIn: 2, perOut: 0 }),
  reduce('ReduceL2', 'square root of the sum of squares over axes', { perIn: 2, perOut: 1 }),
  reduce('ReduceLogSum', 'log of the sum over axes', { perIn: 1, perOut: 1 }),
  reduce('ReduceLogSumExp', 'log of the sum of exponentials over axes', { perIn: 2, perOut: 1 }),
];

function argReduce(type: string, doc: string): OpDefinition {
  return onnxOp({
    type,
    category: 'elementwise',
    doc,
    formula: 'FLOPs = input elements (one compare each); int64 indices',
    arity: [1, 1],
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      const axis = o.axis(o.int('axis', 0), x.length);
      if (axis === undefined) return undefined;
      const out = o.int('keepdims', 1) !== 0 ? x.map((d, i) => (i === axis ? 1 : d)) : x.filter((_, i) => i !== axis);
      return { outputs: [out], flops: numel(x), dtypes: ['int64'] };
    },
  });
}

function softmaxLike(type: string, doc: string, flops: number): OpDefinition {
  return onnxOp({
    type,
    category: 'activation',
    doc,
    formula: `out = in; FLOPs = ${flops}·elements`,
    arity: [1, 1],
    infer(o) {
      const x = o.shape(0);
      return x ? { outputs: [x], flops: flops * numel(x) } : undefined;
    },
  });
}

const topK = onnxOp({
  type: 'TopK',
  category: 'elementwise',
  doc: 'the K largest (or smallest) entries along axis, with their int64 indices',
  formula: 'out = in with axis → K; FLOPs = input elements (one compare each)',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    const k = o.hasAttr('k') ? o.int('k', 1) : o.value(1)?.[0];
    if (!x || k === undefined) return undefined;
    const axis = o.axis(o.int('axis', -1), x.length);
    if (axis === undefined) return undefined;
    if (k > x[axis]!) return o.error(`K = ${k} is larger than axis ${axis} (${x[axis]})`);
    const out = x.map((d, i) => (i === axis ? Math.trunc(k) : d));
    return { outputs: [out, out], flops: numel(x), dtypes: [o.dtype(0), 'int64'] };
  },
});

/** Normalisations, reductions, softmax family and TopK of the ONNX namespace. */
export const ONNX_NORM_REDUCE_OPS: readonly OpDefinition[] = [
  batchNorm,
  instanceNorm,
  layerNorm,
  groupNorm,
  mvn,
  lpNorm,
  lrn,
  ...REDUCTIONS,
  argReduce('ArgMax', 'index of the maximum along axis'),
  argReduce('ArgMin', 'index of the minimum along axis'),
  softmaxLike('Softmax', 'softmax along axis', 3),
  softmaxLike('LogSoftmax', 'log of softmax along axis', 3),
  softmaxLike('Hardmax', '1 at the maximum along axis, 0 elsewhere', 1),
  topK,
];
