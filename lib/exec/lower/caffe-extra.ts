import { poolOutDim } from '../../ops/util';
import { attrFloat, attrInt, attrInts } from '../onnx/attrs';
import { poolEndPad } from './pool';
import { LoweringRefused, type LowerContext, type Lowerer } from './types';

/**
 * Caffe layers beyond the stock ones the issue lists: fork activations, SegNet BN, MVN, Axpy,
 * Tile, YOLO Reorg, ArgMax, Reduction, Embed, SPP, ROIPooling, BatchReindex, LSTMUnit.
 */

function scalar(ctx: LowerContext, name: string, v: number): string {
  return ctx.floats(name, [v], []);
}

/** Threshold: y = x > t ? 1 : 0 (Greater gives bool; Cast back to float). */
export const threshold: Lowerer = (ctx) => {
  const t = ctx.tmp('greater');
  ctx.op(
    'Greater',
    [ctx.inputs[0]!, scalar(ctx, 'threshold', ctx.attrs.msg('threshold_param').num('threshold', 0))],
    [t],
  );
  ctx.op('Cast', [t], [ctx.outputs[0]!], [attrInt('to', 1)]);
};

/** Mish: x·tanh(softplus(x)) (ONNX Mish needs opset 18). */
export const mish: Lowerer = (ctx) => {
  const sp = ctx.tmp('softplus');
  const th = ctx.tmp('tanh');
  ctx.op('Softplus', [ctx.inputs[0]!], [sp]);
  ctx.op('Tanh', [sp], [th]);
  ctx.op('Mul', [ctx.inputs[0]!, th], [ctx.outputs[0]!]);
};

/** HSwish: x·relu6(x + 3)/6 is ONNX HardSwish. */
export const hswish: Lowerer = (ctx) => ctx.op('HardSwish', [ctx.inputs[0]!], [ctx.outputs[0]!]);

/** HSigmoid: relu6(x + 3)/6 = clip(x/6 + ½, 0, 1), ONNX HardSigmoid with α = 1/6, β = ½. */
export const hsigmoid: Lowerer = (ctx) =>
  ctx.op('HardSigmoid', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrFloat('alpha', 1 / 6), attrFloat('beta', 0.5)]);

/** Axes other than 1 (the channels): statistics per channel over batch and space. */
function nonChannelAxes(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2)];
}

/** Per-channel vector dims [1, C, 1, …]. */
function channelVector(x: readonly number[]): number[] {
  return x.map((d, i) => (i === 1 ? d : 1));
}

/**
 * Mean and variance of x over `axes` (kept as size-1 axes), and x − mean. Returns the tensor
 * names of (mean, variance, centred).
 */
function moments(ctx: LowerContext, axes: readonly number[]): [string, string, string] {
  const mean = ctx.tmp('mean');
  const centred = ctx.tmp('centred');
  const sq = ctx.tmp('squared');
  const variance = ctx.tmp('variance');
  ctx.op('ReduceMean', [ctx.inputs[0]!], [mean], [attrInts('axes', axes), attrInt('keepdims', 1)]);
  ctx.op('Sub', [ctx.inputs[0]!, mean], [centred]);
  ctx.op('Mul', [centred, centred], [sq]);
  ctx.op('ReduceMean', [sq], [variance], [attrInts('axes', axes), attrInt('keepdims', 1)]);
  return [mean, variance, centred];
}

/**
 * SegNet BN (caffe-segnet bn_layer.cpp): bn_mode INFERENCE is y = scale·x + shift; LEARN (the
 * default) normalises with the batch's own per-channel mean and variance first, and can
 * expose them as tops 1 and 2 (1×C×1×1).
 */
export const segnetBn: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const p = ctx.attrs.msg('bn_param');
  const mode = p.enumOf('bn_mode', ['LEARN', 'INFERENCE'] as const, 'LEARN');
  const dims = channelVector(x);
  let normalised = ctx.inputs[0]!;
  if (mode === 'LEARN') {
    const [mean, variance, centred] = moments(ctx, nonChannelAxes(x.length));
    const ve = ctx.tmp('var_eps');
    const sd = ctx.tmp('std');
    normalised = ctx.tmp('normalised');
    ctx.op('Add', [variance, scalar(ctx, 'var_eps', p.num('var_eps', 1e-9))], [ve]);
    ctx.op('Sqrt', [ve], [sd]);
    ctx.op('Div', [centred, sd], [normalised]);
    if (ctx.outputs[1]) ctx.op('Identity', [mean], [ctx.outputs[1]]);
    if (ctx.outputs[2]) ctx.op('Identity', [variance], [ctx.outputs[2]]);
  } else if (ctx.outputs.length > 1) {
    throw new LoweringRefused('bn_mode INFERENCE has no batch statistics to output');
  }
  const scaled = ctx.tmp('scaled');
  ctx.op('Mul', [normalised, ctx.weight('scale', dims, 'positive')], [scaled]);
  ctx.op('Add', [scaled, ctx.weight('shift', dims, 'small')], [ctx.outputs[0]!]);
};

/** MVN (mvn_layer.cpp): x − mean over each map (or each image with across_channels), ÷ (std + eps). */
export const mvn: Lowerer = (ctx) => {
  const rank = ctx.inShapes[0]!.length;
  const p = ctx.attrs.msg('mvn_param');
  const from = p.bool('across_channels', false) ? 1 : 2;
  const axes = Array.from({ length: rank - from }, (_, i) => i + from);
  if (!p.bool('normalize_variance', true)) {
    const mean = ctx.tmp('mean');
    ctx.op('ReduceMean', [ctx.inputs[0]!], [mean], [attrInts('axes', axes), attrInt('keepdims', 1)]);
    ctx.op('Sub', [ctx.inputs[0]!, mean], [ctx.outputs[0]!]);
    return;
  }
  const [, variance, centred] = moments(ctx, axes);
  const sd = ctx.tmp('std');
  const den = ctx.tmp('std_eps');
  ctx.op('Sqrt', [variance], [sd]);
  ctx.op('Add', [sd, scalar(ctx, 'eps', p.num('eps', 1e-9))], [den]);
  ctx.op('Div', [centred, den], [ctx.outputs[0]!]);
};

/** Axpy: a (N×C×1×1) · x + y. */
export const axpy: Lowerer = (ctx) => {
  const t = ctx.tmp('ax');
  ctx.op('Mul', [ctx.inputs[0]!, ctx.inputs[1]!], [t]);
  ctx.op('Add', [t, ctx.inputs[2]!], [ctx.outputs[0]!]);
};

/** Tile: `tiles` copies along `axis`. */
export const tile: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  ctx.op(
    'Tile',
    [
      ctx.inputs[0]!,
      ctx.ints(
        'repeats',
        x.map((d, i) => y[i]! / d),
      ),
    ],
    [ctx.outputs[0]!],
  );
};

/**
 * YOLOv2 Reorg (caffe-yolov2 reorg_layer.cpp → darknet reorg_cpu with the bottom's w, h, c).
 * Forward (reverse false) reads the bottom as if it were C/s² × H·s × W·s and writes C × H × W:
 * out[(a·s + b)·C/s² + c', j, i] = x'[c', j·s + a, i·s + b], i.e. Reshape to N×C/s²×H×s×W×s,
 * Transpose to N×s×s×C/s²×H×W, then Reshape to the top's shape (darknet's well-known mismatch
 * with a plain space-to-depth). Reverse is the inverse permutation.
 */
export const reorg: Lowerer = (ctx) => {
  const [n, c, h, w] = ctx.inShapes[0]! as [number, number, number, number];
  const p = ctx.attrs.msg('reorg_param');
  const s = p.num('stride', 1);
  if (ctx.inShapes[0]!.length !== 4 || c % (s * s) !== 0)
    throw new LoweringRefused(`darknet reorg needs channels divisible by stride² = ${s * s}`);
  const view = ctx.tmp('view');
  const moved = ctx.tmp('moved');
  const reverse = p.bool('reverse', false);
  const shape6 = reverse ? [n, s, s, c / (s * s), h, w] : [n, c / (s * s), h, s, w, s];
  const perm = reverse ? [0, 3, 4, 1, 5, 2] : [0, 3, 5, 1, 2, 4];
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('view_shape', shape6)], [view]);
  ctx.op('Transpose', [view], [moved], [attrInts('perm', perm)]);
  ctx.op('Reshape', [moved, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);
};

/**
 * ArgMax (argmax_layer.cpp). Along `axis`: the top_k indices (or values with out_max_val).
 * Per image: TopK over the flattened image; N×1×k indices, or N×2×k (indices, then values).
 * Indices come out of TopK as int64 and are cast to float, like Caffe's Dtype top.
 */
export const argMax: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('argmax_param');
  const k = p.num('top_k', 1);
  const outMaxVal = p.bool('out_max_val', false);
  const x = ctx.inShapes[0]!;
  const values = ctx.tmp('values');
  const indices = ctx.tmp('indices');
  const idx = ctx.tmp('indices_float');
  if (p.has('axis')) {
    const a = p.num('axis', 0);
    const axis = a < 0 ? a + x.length : a;
    ctx.op('TopK', [ctx.inputs[0]!, ctx.ints('k', [k])], [values, indices], [attrInt('axis', axis)]);
    if (outMaxVal) ctx.op('Identity', [values], [ctx.outputs[0]!]);
    else ctx.op('Cast', [indices], [ctx.outputs[0]!], [attrInt('to', 1)]);
    return;
  }
  const flat = ctx.tmp('flat');
  ctx.op('Flatten', [ctx.inputs[0]!], [flat], [attrInt('axis', 1)]);
  ctx.op('TopK', [flat, ctx.ints('k', [k])], [values, indices], [attrInt('axis', 1)]);
  ctx.op('Cast', [indices], [idx], [attrInt('to', 1)]);
  let both = idx;
  if (outMaxVal) {
    both = ctx.tmp('indices_values');
    ctx.op('Concat', [idx, values], [both], [attrInt('axis', 1)]);
  }
  ctx.op('Reshape', [both, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);
};

const REDUCE: Readonly<Record<string, string>> = {
  SUM: 'ReduceSum',
  ASUM: 'ReduceL1',
  SUMSQ: 'ReduceSumSquare',
  MEAN: 'ReduceMean',
};

/** Reduction (reduction_layer.cpp): every axis from `axis` on collapsed into one value, times coeff. */
export const reduction: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('reduction_param');
  const op = REDUCE[p.enumOf('operation', ['INVALID', 'SUM', 'ASUM', 'SUMSQ', 'MEAN'] as const, 'SUM')];
  if (!op) throw new LoweringRefused('reduction operation could not be read');
  const y = ctx.outShapes[0]!;
  const coeff = p.num('coeff', 1);
  const flat = ctx.tmp('flat');
  const reduced = coeff === 1 ? ctx.outputs[0]! : ctx.tmp('reduced');
  // Collapse the reduced axes into one trailing axis and reduce it: what is left is the top's shape.
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('flat_shape', [...y, -1])], [flat]);
  const axis = y.length;
  // ReduceSum takes its axes as an input from opset 13 on; the others still as an attribute.
  if (op === 'ReduceSum') ctx.op(op, [flat, ctx.ints('axes', [axis])], [reduced], [attrInt('keepdims', 0)]);
  else ctx.op(op, [flat], [reduced], [attrInts('axes', [axis]), attrInt('keepdims', 0)]);
  if (coeff !== 1) ctx.op('Mul', [reduced, scalar(ctx, 'coeff', coeff)], [ctx.outputs[0]!]);
};

/** Float ids → int64 row indices clipped into [0, rows − 1] (the run feeds random floats). */
function indices(ctx: LowerContext, x: string, rows: number): string {
  const clipped = ctx.tmp('clipped');
  const ids = ctx.tmp('ids');
  ctx.op('Clip', [x, scalar(ctx, 'id_min', 0), scalar(ctx, 'id_max', rows - 1)], [clipped]);
  ctx.op('Cast', [clipped], [ids], [attrInt('to', 7)]);
  return ids;
}

/** Embed: Gather rows of the input_dim × num_output table (+ bias). */
export const embed: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('embed_param');
  const rows = p.num('input_dim', 1);
  const cols = p.num('num_output', 1);
  const ids = indices(ctx, ctx.inputs[0]!, rows);
  const table = ctx.weight('W', [rows, cols], 'fan', 1);
  if (!p.bool('bias_term', true)) {
    ctx.op('Gather', [table, ids], [ctx.outputs[0]!], [attrInt('axis', 0)]);
    return;
  }
  const g = ctx.tmp('gathered');
  ctx.op('Gather', [table, ids], [g], [attrInt('axis', 0)]);
  ctx.op('Add', [g, ctx.weight('B', [cols], 'small')], [ctx.outputs[0]!]);
};

/** BatchReindex: rows of bottom 0 picked by the (float) indices of bottom 1. */
export const batchReindex: Lowerer = (ctx) => {
  const ids = indices(ctx, ctx.inputs[1]!, ctx.inShapes[0]![0]!);
  ctx.op('Gather', [ctx.inputs[0]!, ids], [ctx.outputs[0]!], [attrInt('axis', 0)]);
};

/** ROIPooling (Fast R-CNN) is ONNX MaxRoiPool: rois R×5 (batch index, x1, y1, x2, y2). */
export const roiPooling: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('roi_pooling_param');
  const rois = ctx.inShapes[1]!;
  const r = ctx.tmp('rois');
  ctx.op('Reshape', [ctx.inputs[1]!, ctx.ints('rois_shape', [rois[0]!, 5])], [r]);
  ctx.op(
    'MaxRoiPool',
    [ctx.inputs[0]!, r],
    [ctx.outputs[0]!],
    [
      attrInts('pooled_shape', [p.num('pooled_h', 1), p.num('pooled_w', 1)]),
      attrFloat('spatial_scale', p.num('spatial_scale', 1)),
    ],
  );
};

/**
 * SPP (spp_layer.cpp): per level 2^l bins, kernel = stride = ⌈in/bins⌉, pad = (k·bins − in + 1)/2,
 * Caffe's ceil rounding as explicit end pads; each level flattened, all concatenated.
 */
export const spp: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('spp_param');
  const height = p.num('pyramid_height', 1);
  const method = p.enumOf('pool', ['MAX', 'AVE', 'STOCHASTIC'] as const, 'MAX');
  if (method === 'STOCHASTIC') throw new LoweringRefused('STOCHASTIC pooling has no ONNX equivalent');
  const [, , h, w] = ctx.inShapes[0]! as [number, number, number, number];
  const levels: string[] = [];
  for (let level = 0; level < height; level++) {
    const bins = 2 ** level;
    const geo = [h, w].map((d) => {
      const k = Math.ceil(d / bins);
      const pad = Math.trunc((k * bins - d + 1) / 2);
      return { k, pad, end: poolEndPad(d, k, k, pad, poolOutDim(d, k, k, pad)) };
    });
    const attrs = [
      attrInts(
        'kernel_shape',
        geo.map((g) => g.k),
      ),
      attrInts(
        'strides',
        geo.map((g) => g.k),
      ),
      attrInts('pads', [...geo.map((g) => g.pad), ...geo.map((g) => g.end)]),
    ];
    if (method === 'AVE') attrs.push(attrInt('count_include_pad', geo.some((g) => g.pad > 0) ? 1 : 0));
    const pooled = height === 1 ? ctx.outputs[0]! : ctx.tmp(`level${level}`);
    ctx.op(method === 'MAX' ? 'MaxPool' : 'AveragePool', [ctx.inputs[0]!], [pooled], attrs);
    if (height === 1) return;
    const flat = ctx.tmp(`level${level}_flat`);
    ctx.op('Flatten', [pooled], [flat], [attrInt('axis', 1)]);
    levels.push(flat);
  }
  ctx.op('Concat', levels, [ctx.outputs[0]!], [attrInt('axis', 1)]);
};

/**
 * LSTMUnit (lstm_unit_layer.cpp): gates i, f, o, g from x (1×N×4H); f is zeroed where cont = 0;
 * c = f·c_prev + i·g, h = o·tanh(c).
 */
export const lstmUnit: Lowerer = (ctx) => {
  const [cPrev, x, cont] = ctx.inputs as [string, string, string];
  const n = ctx.inShapes[2]![1]!;
  const parts = ['i', 'f', 'o', 'g'].map((g) => ctx.tmp(`${g}_in`));
  ctx.op('Split', [x, ctx.ints('split', Array<number>(4).fill(ctx.inShapes[0]![2]!))], parts, [attrInt('axis', 2)]);
  const [i, f, o, g] = ['i', 'f', 'o', 'g'].map((name) => ctx.tmp(name)) as [string, string, string, string];
  ctx.op('Sigmoid', [parts[0]!], [i]);
  ctx.op('Sigmoid', [parts[1]!], [f]);
  ctx.op('Sigmoid', [parts[2]!], [o]);
  ctx.op('Tanh', [parts[3]!], [g]);
  const c3 = ctx.tmp('cont');
  const fc = ctx.tmp('f_cont');
  const keep = ctx.tmp('keep');
  const add = ctx.tmp('add');
  const tc = ctx.tmp('tanh_c');
  ctx.op('Reshape', [cont, ctx.ints('cont_shape', [1, n, 1])], [c3]);
  ctx.op('Mul', [f, c3], [fc]);
  ctx.op('Mul', [fc, cPrev], [keep]);
  ctx.op('Mul', [i, g], [add]);
  ctx.op('Add', [keep, add], [ctx.outputs[0]!]);
  ctx.op('Tanh', [ctx.outputs[0]!], [tc]);
  ctx.op('Mul', [o, tc], [ctx.outputs[1]!]);
};
