import type { Shape } from '../../ir';
import { dtypeName } from '../../ir/dtype';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { onnxOp, type OnnxCtx } from './context';

/** Output size of a resize along one axis: floor(in·scale), or the given size. */
function resizeShape(
  o: OnnxCtx,
  x: Shape,
  scales: readonly number[] | undefined,
  sizes: readonly number[] | undefined,
): Shape | undefined {
  const axes = o.intsAttr('axes')?.map((a) => (a < 0 ? a + x.length : a)) ?? x.map((_, i) => i);
  const out = [...x];
  if (sizes && sizes.length) {
    if (sizes.length !== axes.length) return o.error(`sizes has ${sizes.length} entries for ${axes.length} axes`);
    const policy = o.str('keep_aspect_ratio_policy', 'stretch');
    if (policy !== 'stretch') {
      const ratios = axes.map((a, i) => sizes[i]! / x[a]!);
      const r = ratios.reduce((a, b) => (policy === 'not_larger' ? Math.min(a, b) : Math.max(a, b)));
      axes.forEach((a) => (out[a] = Math.round(r * x[a]!)));
      return out;
    }
    axes.forEach((a, i) => (out[a] = sizes[i]!));
    return out;
  }
  if (!scales) return undefined;
  if (scales.length !== axes.length) return o.error(`scales has ${scales.length} entries for ${axes.length} axes`);
  axes.forEach((a, i) => (out[a] = Math.floor(x[a]! * scales[i]!)));
  return out;
}

/** FLOPs per output element of an interpolation mode (docs/counting.md). */
function interpFlops(mode: string, spatialAxes: number): number {
  if (mode === 'nearest') return 0;
  if (mode === 'cubic') return 4 ** spatialAxes * 2;
  return 2 ** spatialAxes;
}

const resize = onnxOp({
  type: 'Resize',
  category: 'shape',
  doc: 'resizes by scales or to sizes (nearest, linear, cubic)',
  formula: 'out = floor(in·scale) or sizes; FLOPs per output: nearest 0, linear 2^axes, cubic 2·4^axes',
  arity: [1, 4],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    // Opset 10: (X, scales); opset 11+: (X, roi, scales, sizes).
    const scales = o.opset < 11 ? o.value(1) : o.has(2) ? o.value(2) : undefined;
    const sizes = o.opset >= 11 && o.has(3) ? o.ints(3) : undefined;
    const out = resizeShape(o, x, scales?.length ? scales : undefined, sizes);
    if (!out) return undefined;
    const changed = out.filter((d, i) => d !== x[i]).length;
    return { outputs: [out], flops: interpFlops(o.str('mode', 'nearest'), Math.max(1, changed)) * numel(out) };
  },
});

const upsample = onnxOp({
  type: 'Upsample',
  category: 'shape',
  doc: 'resizes by scales (opsets 7–9; attribute scales in 7, input in 9)',
  formula: 'out = floor(in·scale); FLOPs per output: nearest 0, linear 2^axes',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    const scales = o.hasAttr('scales') ? o.ctx.attrs.nums('scales') : o.value(1);
    if (!x || !scales) return undefined;
    if (scales.length !== x.length) return o.error(`scales has ${scales.length} entries for a ${x.length}-D input`);
    const out = x.map((d, i) => Math.floor(d * scales[i]!));
    const changed = out.filter((d, i) => d !== x[i]).length;
    return { outputs: [out], flops: interpFlops(o.str('mode', 'nearest'), Math.max(1, changed)) * numel(out) };
  },
});

const gridSample = onnxOp({
  type: 'GridSample',
  category: 'shape',
  doc: 'samples X at grid locations: N×C×H_out×W_out',
  formula: 'FLOPs per output: bilinear 4·… (2^axes), nearest 0, bicubic 2·4^axes',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const grid = o.shape(1);
    if (!x || !grid) return undefined;
    const out = [x[0]!, x[1]!, ...grid.slice(1, -1)];
    const mode = o.str('mode', 'bilinear');
    return {
      outputs: [out],
      flops:
        interpFlops(mode === 'bilinear' ? 'linear' : mode === 'bicubic' ? 'cubic' : 'nearest', grid.length - 2) *
        numel(out),
    };
  },
});

/** Operators whose output size depends on the data: exact when the data is known, unknown otherwise. */
const nonZero = onnxOp({
  type: 'NonZero',
  category: 'shape',
  doc: 'indices of the non-zero elements: rank × count (count depends on the data)',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    const v = o.value(0);
    if (!x) return undefined;
    if (!v) return dataDependent(o);
    return { outputs: [[x.length, v.filter((e) => e !== 0).length]], dtypes: ['int64'] };
  },
});

function dataDependent(o: OnnxCtx): undefined {
  o.warn('its output size depends on values known only at run time, so it is unknown here');
  return undefined;
}

const compress = onnxOp({
  type: 'Compress',
  category: 'shape',
  doc: 'keeps the slices (along axis, or of the flattened input) where condition is true',
  formula: 'FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const c = o.value(1);
    if (!x) return undefined;
    if (!c) return dataDependent(o);
    const count = c.filter((e) => e !== 0).length;
    if (!o.hasAttr('axis')) return { outputs: [[Math.min(count, numel(x))]] };
    const axis = o.axis(o.int('axis', 0), x.length);
    if (axis === undefined) return undefined;
    return { outputs: [x.map((d, i) => (i === axis ? Math.min(count, d) : d))] };
  },
});

const unique = onnxOp({
  type: 'Unique',
  category: 'shape',
  doc: 'unique elements (or slices along axis), their first indices, inverse indices and counts',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    const v = o.value(0);
    if (!x) return undefined;
    if (!v) return dataDependent(o);
    const axisAttr = o.hasAttr('axis') ? o.axis(o.int('axis', 0), x.length) : undefined;
    if (o.hasAttr('axis') && axisAttr === undefined) return undefined;
    let count: number;
    let y: Shape;
    let inverse: number;
    if (axisAttr === undefined) {
      count = new Set(v).size;
      y = [count];
      inverse = numel(x);
    } else {
      const n = x[axisAttr]!;
      const inner = numel(x.slice(axisAttr + 1));
      const outer = numel(x.slice(0, axisAttr));
      const keys = new Set<string>();
      for (let j = 0; j < n; j++) {
        const parts: number[] = [];
        for (let a = 0; a < outer; a++) for (let b = 0; b < inner; b++) parts.push(v[(a * n + j) * inner + b]!);
        keys.add(parts.join(','));
      }
      count = keys.size;
      y = x.map((d, i) => (i === axisAttr ? count : d));
      inverse = n;
    }
    return { outputs: [y, [count], [inverse], [count]], dtypes: [o.dtype(0), 'int64', 'int64', 'int64'] };
  },
});

/** Corners (y1, x1, y2, x2 ordered) of box `i` in ONNX NonMaxSuppression layout. */
function corners(b: readonly number[], i: number, centerPoint: boolean): [number, number, number, number] {
  const [a, c, d, e] = [b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2]!, b[4 * i + 3]!];
  if (centerPoint) return [c - e / 2, a - d / 2, c + e / 2, a + d / 2];
  return [Math.min(a, d), Math.min(c, e), Math.max(a, d), Math.max(c, e)];
}

function iou(p: readonly number[], q: readonly number[]): number {
  const h = Math.max(0, Math.min(p[2]!, q[2]!) - Math.max(p[0]!, q[0]!));
  const w = Math.max(0, Math.min(p[3]!, q[3]!) - Math.max(p[1]!, q[1]!));
  const inter = h * w;
  const union = (p[2]! - p[0]!) * (p[3]! - p[1]!) + (q[2]! - q[0]!) * (q[3]! - q[1]!) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * NonMaxSuppression's output count is the number of boxes it keeps: computed (greedy, per batch
 * and class, as the operator defines it) when boxes and scores are known, unknown otherwise.
 */
const nms = onnxOp({
  type: 'NonMaxSuppression',
  category: 'detection',
  doc: 'selected box indices (batch, class, box) after non-maximum suppression: count × 3',
  formula: 'FLOPs: data-dependent, not counted',
  arity: [2, 5],
  infer(o) {
    const boxes = o.value(0);
    const scores = o.value(1);
    const ss = o.shape(1);
    const maxOut = o.has(2) ? o.value(2)?.[0] : 0;
    const iouT = o.has(3) ? o.value(3)?.[0] : 0;
    const scoreT = o.has(4) ? o.value(4)?.[0] : undefined;
    if (!boxes || !scores || !ss || maxOut === undefined || iouT === undefined || (o.has(4) && scoreT === undefined)) {
      return dataDependent(o);
    }
    const [batches, classes, spatial] = [ss[0]!, ss[1]!, ss[2]!];
    const center = o.int('center_point_box', 0) !== 0;
    let selected = 0;
    for (let b = 0; b < batches; b++) {
      const boxAt = (i: number) => corners(boxes, b * spatial + i, center);
      for (let c = 0; c < classes; c++) {
        const base = (b * classes + c) * spatial;
        const order = Array.from({ length: spatial }, (_, i) => i)
          .filter((i) => scoreT === undefined || scores[base + i]! > scoreT)
          .sort((i, j) => scores[base + j]! - scores[base + i]!);
        const kept: number[] = [];
        for (const i of order) {
          if (kept.length >= maxOut) break;
          if (kept.every((k) => iou(boxAt(k), boxAt(i)) <= iouT)) kept.push(i);
        }
        selected += kept.length;
      }
    }
    return { outputs: [[selected, 3]], dtypes: ['int64'] };
  },
});

const quantize = onnxOp({
  type: 'QuantizeLinear',
  category: 'elementwise',
  doc: 'y = saturate(round(x / scale) + zero_point)',
  formula: 'out = in; FLOPs = 3·elements',
  arity: [2, 3],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const to =
      o.hasAttr('output_dtype') && o.int('output_dtype', 0)
        ? dtypeName(o.int('output_dtype', 0))
        : (o.dtype(2) ?? 'uint8');
    return { outputs: [x], flops: 3 * numel(x), dtypes: [to], rf: 'identity' };
  },
});

const dequantize = onnxOp({
  type: 'DequantizeLinear',
  category: 'elementwise',
  doc: 'y = (x − zero_point) · scale',
  formula: 'out = in; FLOPs = 2·elements',
  arity: [2, 3],
  weights: [0],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    return { outputs: [x], flops: 2 * numel(x), dtypes: [o.dtype(1) ?? 'float'], rf: 'identity' };
  },
});

const dynamicQuantize = onnxOp({
  type: 'DynamicQuantizeLinear',
  category: 'elementwise',
  doc: 'uint8 quantisation with the scale and zero point computed from the data',
  formula: 'out = in, scalar scale and zero point; FLOPs = 5·elements (min, max, scale, round, add)',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    return { outputs: [x, [], []], flops: 5 * numel(x), dtypes: ['uint8', 'float', 'uint8'] };
  },
});

function randomOp(type: string, doc: string, like: boolean): OpDefinition {
  return onnxOp({
    type,
    category: 'input',
    doc,
    formula: 'FLOPs 0 (random generation not counted)',
    arity: like ? [1, 1] : [0, 0],
    random: true,
    infer(o) {
      const shape = like ? o.shape(0) : o.intsAttr('shape');
      if (!shape) return undefined;
      const dtype = o.hasAttr('dtype') ? dtypeName(o.int('dtype', 1)) : like ? o.dtype(0) : 'float';
      return { outputs: [shape], dtypes: [dtype] };
    },
  });
}

const multinomial = onnxOp({
  type: 'Multinomial',
  category: 'input',
  doc: 'samples class indices from batch × classes log-probabilities: batch × sample_size',
  formula: 'FLOPs 0',
  arity: [1, 1],
  random: true,
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    return { outputs: [[x[0]!, o.int('sample_size', 1)]], dtypes: [dtypeName(o.int('dtype', 6))] };
  },
});

const bernoulli = onnxOp({
  type: 'Bernoulli',
  category: 'input',
  doc: 'samples 0/1 with the input’s probabilities',
  formula: 'FLOPs 0',
  arity: [1, 1],
  random: true,
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    return { outputs: [x], dtypes: [o.hasAttr('dtype') ? dtypeName(o.int('dtype', 1)) : o.dtype(0)] };
  },
});

/** Length of a signal window, from its scalar size input. */
function windowOp(type: string, doc: string): OpDefinition {
  return onnxOp({
    type,
    category: 'input',
    doc,
    formula: 'out = [size]; FLOPs 0 (computed once)',
    arity: [1, 1],
    infer(o) {
      const n = o.value(0)?.[0];
      if (n === undefined) return undefined;
      return { outputs: [[Math.trunc(n)]], dtypes: [dtypeName(o.int('output_datatype', 1))] };
    },
  });
}

const dft = onnxOp({
  type: 'DFT',
  category: 'fc',
  doc: 'discrete Fourier transform along axis (complex as a trailing axis of 2)',
  formula: 'FLOPs ≈ 5·n·log2(n) per transform (FFT)',
  arity: [1, 3],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const axisRaw = o.opset >= 20 && o.has(2) ? o.value(2)?.[0] : o.int('axis', 1);
    if (axisRaw === undefined) return undefined;
    const axis = o.axis(axisRaw, x.length - 1);
    if (axis === undefined) return undefined;
    const given = o.has(1) ? o.value(1)?.[0] : x[axis];
    if (given === undefined) return undefined;
    const n = Math.trunc(given);
    const onesided = o.int('onesided', 0) !== 0 && o.int('inverse', 0) === 0;
    const out = [...x];
    out[axis] = onesided ? Math.floor(n / 2) + 1 : n;
    out[out.length - 1] = 2;
    const transforms = numel(x) / x[axis]! / x[x.length - 1]!;
    return { outputs: [out], flops: Math.round(transforms * 5 * n * Math.log2(Math.max(2, n))) };
  },
});

const stft = onnxOp({
  type: 'STFT',
  category: 'fc',
  doc: 'short-time Fourier transform: batch × frames × bins × 2',
  formula: 'frames = floor((length − frame_length) / step) + 1; FLOPs ≈ 5·n·log2(n) per frame',
  arity: [2, 4],
  infer(o) {
    const x = o.shape(0);
    const step = o.value(1)?.[0];
    if (!x || step === undefined) return undefined;
    const window = o.shape(2);
    const frame = o.has(3) ? o.value(3)?.[0] : window?.[0];
    if (frame === undefined) return undefined;
    const frames = Math.floor((x[1]! - frame) / step) + 1;
    const onesided = o.int('onesided', 1) !== 0;
    const bins = onesided ? Math.floor(frame / 2) + 1 : frame;
    return {
      outputs: [[x[0]!, frames, bins, 2]],
      flops: Math.round(x[0]! * frames * 5 * frame * Math.log2(Math.max(2, frame))),
    };
  },
});

const melWeightMatrix = onnxOp({
  type: 'MelWeightMatrix',
  category: 'input',
  doc: 'mel filter bank: (dft_length / 2 + 1) × num_mel_bins',
  formula: 'FLOPs 0 (computed once)',
  arity: [5, 5],
  infer(o) {
    const bins = o.value(0)?.[0];
    const dft = o.value(1)?.[0];
    if (bins === undefined || dft === undefined) return undefined;
    return { outputs: [[Math.floor(dft / 2) + 1, Math.trunc(bins)]], dtypes: [dtypeName(o.int('output_datatype', 1))] };
  },
});

const stringNormalizer = onnxOp({
  type: 'StringNormalizer',
  category: 'other',
  doc: 'string case folding and stop-word removal (output length depends on the data)',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    if (!o.ctx.attrs.has('stopwords')) return { outputs: [x], dtypes: ['string'] };
    const strings = o.facts(0)?.strings;
    if (!strings) return dataDependent(o);
    // Stop words are removed (case-sensitively or not); nothing left gives one empty string.
    const sensitive = o.int('is_case_sensitive', 0) !== 0;
    const fold = (s: string) => (sensitive ? s : s.toLowerCase());
    const stop = new Set(
      (o.ctx.attrs.raw('stopwords') as string[] | string | undefined)
        ? [o.ctx.attrs.raw('stopwords')].flat().map((s) => fold(String(s)))
        : [],
    );
    const kept = Math.max(1, strings.filter((s) => !stop.has(fold(s))).length);
    return { outputs: [x.length === 2 ? [x[0]!, kept] : [kept]], dtypes: ['string'] };
  },
});

const tfIdf = onnxOp({
  type: 'TfIdfVectorizer',
  category: 'other',
  doc: 'n-gram counts or TF-IDF weights: [C] or N × C with C = max(ngram_indexes) + 1',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    const idx = o.intsAttr('ngram_indexes');
    if (!x || !idx) return undefined;
    if (idx.length === 0)
      return o.error('ngram_indexes is empty: the output width max(ngram_indexes) + 1 is undefined');
    const c = idx.reduce((m, i) => Math.max(m, i)) + 1;
    return { outputs: [x.length === 1 ? [c] : [x[0]!, c]], dtypes: ['float'] };
  },
});

function lossOp(type: string, doc: string, extraOutput: boolean): OpDefinition {
  return onnxOp({
    type,
    category: 'loss',
    doc,
    formula: "out = scalar (reduction mean/sum) or the target's shape (none); FLOPs = 2·input elements",
    arity: [2, 3],
    infer(o) {
      const scores = o.shape(0);
      const target = o.shape(1);
      if (!scores || !target) return undefined;
      const out = o.str('reduction', 'mean') === 'none' ? target : [];
      return { outputs: extraOutput && o.nOut > 1 ? [out, scores] : [out], flops: 2 * numel(scores) };
    },
  });
}

/** Optimiser ops (ai.onnx.preview.training): updated tensors have the shapes of the tensors they update. */
function optimizer(type: string, groups: number, outGroups: number, doc: string): OpDefinition {
  return onnxOp({
    type: `ai.onnx.preview.training.${type}`,
    category: 'other',
    doc,
    formula: 'outputs: the updated tensors (shapes of the inputs they replace); FLOPs ≈ 10 per updated element',
    arity: [2 + groups, Infinity],
    infer(o) {
      const n = (o.nIn - 2) / groups;
      if (!Number.isInteger(n)) return o.error(`${o.nIn - 2} tensors do not split into ${groups} equal groups`);
      const outs: (Shape | null)[] = [];
      // Outputs: new X for each tensor, then the other updated states (V, H) in input order.
      const groupOf = [0, ...Array.from({ length: outGroups - 1 }, (_, g) => g + 2)];
      for (const g of groupOf) for (let i = 0; i < n; i++) outs.push(o.ctx.inputs[2 + g * n + i] ?? null);
      const elements = outs.reduce((a, s) => a + (s ? numel(s) : 0), 0);
      return { outputs: outs, flops: 10 * elements };
    },
  });
}

const gradient = onnxOp({
  type: 'ai.onnx.preview.training.Gradient',
  category: 'other',
  doc: 'gradients of y with respect to xs (each has its x’s shape)',
  formula: 'FLOPs not counted (a graph transform)',
  arity: [1, Infinity],
  infer(o) {
    const xs =
      o.ctx.attrs.nums('xs').length ||
      (Array.isArray(o.ctx.attrs.raw('xs')) ? (o.ctx.attrs.raw('xs') as unknown[]).length : 0);
    const outs = Array.from({ length: o.nOut }, (_, i) => o.ctx.inputs[i] ?? null);
    return xs || outs.length ? { outputs: outs } : undefined;
  },
});

/** Data-dependent, quantisation, random, signal, text, loss and training operators. */
export const ONNX_MISC_OPS: readonly OpDefinition[] = [
  resize,
  upsample,
  gridSample,
  nonZero,
  compress,
  unique,
  nms,
  quantize,
  dequantize,
  dynamicQuantize,
  randomOp('RandomNormal', 'normal random tensor of attribute shape', false),
  randomOp('RandomUniform', 'uniform random tensor of attribute shape', false),
  randomOp('RandomNormalLike', 'normal random tensor shaped like the input', true),
  randomOp('RandomUniformLike', 'uniform random tensor shaped like the input', true),
  multinomial,
  bernoulli,
  windowOp('HannWindow', 'Hann window of the given size'),
  windowOp('HammingWindow', 'Hamming window of the given size'),
  windowOp('BlackmanWindow', 'Blackman window of the given size'),
  dft,
  stft,
  melWeightMatrix,
  stringNormalizer,
  tfIdf,
  lossOp('NegativeLogLikelihoodLoss', 'negative log-likelihood loss', false),
  lossOp('SoftmaxCrossEntropyLoss', 'softmax cross-entropy loss (optional log_prob output)', true),
  optimizer('Adagrad', 3, 2, 'Adagrad update of X with gradients G and accumulated squares H'),
  optimizer('Momentum', 3, 2, 'momentum update of X with gradients G and velocities V'),
  optimizer('Adam', 4, 3, 'Adam update of X with gradients G, velocities V and squared gradients H'),
  gradient,
];
