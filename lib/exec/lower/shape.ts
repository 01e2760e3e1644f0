import { attrInt, attrInts, attrString } from '../onnx/attrs';
import { LoweringRefused, type Lowerer } from './types';

function axisOf(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new LoweringRefused(`axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** Caffe Concat (axis, legacy concat_dim) → Concat. */
export const concat: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('concat_param');
  const axis = p.has('concat_dim') && !p.has('axis') ? p.num('concat_dim', 1) : p.num('axis', 1);
  ctx.op('Concat', [...ctx.inputs], [ctx.outputs[0]!], [attrInt('axis', axisOf(axis, ctx.inShapes[0]!.length))]);
};

/** Caffe Slice → Split with the section sizes the analyser derived (from slice_point or equal parts). */
export const slice: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('slice_param');
  const x = ctx.inShapes[0]!;
  const axis = axisOf(p.has('slice_dim') && !p.has('axis') ? p.num('slice_dim', 1) : p.num('axis', 1), x.length);
  const sizes = ctx.outShapes.map((s) => s[axis]!);
  ctx.op('Split', [ctx.inputs[0]!, ctx.ints('split', sizes)], [...ctx.outputs], [attrInt('axis', axis)]);
};

/** Caffe Split copies its bottom to every top → one Identity per top. */
export const split: Lowerer = (ctx) => {
  for (const out of ctx.outputs) ctx.op('Identity', [ctx.inputs[0]!], [out]);
};

/** Reshape, Flatten and friends: the analyser already resolved 0/−1 dims and axes, so reshape to its shape. */
export const reshapeToOutput: Lowerer = (ctx) => {
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('shape', ctx.outShapes[0]!)], [ctx.outputs[0]!]);
};

/** Caffe Permute: listed axes first, the remaining ones after in their order (permute_layer.cpp). */
export const permute: Lowerer = (ctx) => {
  const rank = ctx.inShapes[0]!.length;
  const order = ctx.attrs
    .msg('permute_param')
    .nums('order')
    .map((a) => axisOf(a, rank));
  const perm = [...order, ...Array.from({ length: rank }, (_, i) => i).filter((i) => !order.includes(i))];
  ctx.op('Transpose', [ctx.inputs[0]!], [ctx.outputs[0]!], [attrInts('perm', perm)]);
};

/** ShuffleChannel: reshape N×g×(C/g)×… → swap the two channel axes → reshape back. */
export const shuffleChannel: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const g = ctx.attrs.msg('shuffle_channel_param').num('group', 1);
  const c = x[1]!;
  if (c % g !== 0) throw new LoweringRefused(`group ${g} does not divide ${c} channels`);
  const split = [x[0]!, g, c / g, ...x.slice(2)];
  const a = ctx.tmp('grouped');
  const b = ctx.tmp('swapped');
  ctx.op('Reshape', [ctx.inputs[0]!, ctx.ints('grouped_shape', split)], [a]);
  const perm = [0, 2, 1, ...x.slice(2).map((_, i) => i + 3)];
  ctx.op('Transpose', [a], [b], [attrInts('perm', perm)]);
  ctx.op('Reshape', [b, ctx.ints('shape', x)], [ctx.outputs[0]!]);
};

/** Caffe Crop: slice bottom 0 to the output shape from `axis` on, starting at `offset` (one or per axis). */
export const crop: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('crop_param');
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const axis = axisOf(p.num('axis', 2), x.length);
  const offsets = p.nums('offset');
  const axes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = axis; i < x.length; i++) {
    const off = offsets.length === 0 ? 0 : offsets.length === 1 ? offsets[0]! : offsets[i - axis];
    if (off === undefined) throw new LoweringRefused(`crop offset missing for axis ${i}`);
    axes.push(i);
    starts.push(off);
    ends.push(off + y[i]!);
  }
  ctx.op(
    'Slice',
    [ctx.inputs[0]!, ctx.ints('starts', starts), ctx.ints('ends', ends), ctx.ints('axes', axes)],
    [ctx.outputs[0]!],
  );
};

/** Caffe Eltwise: SUM (with coefficients: scaled first), PROD → Mul chain, MAX → Max. */
export const eltwise: Lowerer = (ctx) => {
  const p = ctx.attrs.msg('eltwise_param');
  const op = p.enumOf('operation', ['PROD', 'SUM', 'MAX'] as const, 'SUM');
  const out = ctx.outputs[0]!;
  if (op === 'MAX') {
    ctx.op('Max', [...ctx.inputs], [out]);
    return;
  }
  if (op === 'PROD') {
    let acc = ctx.inputs[0]!;
    ctx.inputs.slice(1).forEach((b, i) => {
      const dst = i === ctx.inputs.length - 2 ? out : ctx.tmp(`prod${i}`);
      ctx.op('Mul', [acc, b], [dst]);
      acc = dst;
    });
    return;
  }
  const coeff = p.nums('coeff');
  const terms = ctx.inputs.map((b, i) => {
    const c = coeff[i] ?? 1;
    if (c === 1) return b;
    const t = ctx.tmp(`coeff${i}`);
    ctx.op('Mul', [b, ctx.floats(`coeff${i}`, [c], [])], [t]);
    return t;
  });
  ctx.op(terms.length === 2 ? 'Add' : 'Sum', terms, [out]);
};

function resize(mode: 'linear' | 'nearest', transform: string): Lowerer {
  return (ctx) => {
    if (ctx.inputs.length > 1) throw new LoweringRefused('a second bottom is only lowered for Upsample (its mask)');
    const y = ctx.outShapes[0]!;
    const attrs = [attrString('mode', mode), attrString('coordinate_transformation_mode', transform)];
    if (mode === 'nearest') attrs.push(attrString('nearest_mode', 'floor'));
    // Resize(X, roi, scales, sizes): empty names skip the optional roi and scales.
    ctx.op('Resize', [ctx.inputs[0]!, '', '', ctx.ints('sizes', y)], [ctx.outputs[0]!], attrs);
  };
}

/** Caffe Interp (PSPNet/DeepLab) is bilinear with aligned corners. */
export const interp = resize('linear', 'align_corners');

const nearestUpsample = resize('nearest', 'asymmetric');

/**
 * SegNet Upsample with the pooling mask as second bottom (upsample_layer.cpp): each value goes
 * to position mask (an offset inside its channel plane of the output), zeros elsewhere. ONNX
 * MaxUnpool wants offsets into the whole N×C×H×W output, so (n·C + c)·H·W is added per plane.
 */
const maskUpsample: Lowerer = (ctx) => {
  const x = ctx.inShapes[0]!;
  const y = ctx.outShapes[0]!;
  const [n, c] = x as [number, number];
  const planeSize = y.slice(2).reduce((a, b) => a * b, 1);
  const offsets = Array.from({ length: n * c }, (_, i) => i * planeSize);
  const flatOffsets = ctx.tmp('plane_offsets');
  const idx = ctx.tmp('mask_int');
  const full = ctx.tmp('indices');
  ctx.op(
    'Reshape',
    [ctx.ints('offsets', offsets), ctx.ints('offsets_shape', [n, c, ...x.slice(2).map(() => 1)])],
    [flatOffsets],
  );
  ctx.op('Cast', [ctx.inputs[1]!], [idx], [attrInt('to', 7)]);
  ctx.op('Add', [idx, flatOffsets], [full]);
  // Window = stride = the scale; an odd output size (upsample_h/w) trims the end via pads, so
  // the default unpooled size already equals the analyser's.
  const kernel = y.slice(2).map((d, i) => Math.max(1, Math.ceil(d / x[i + 2]!)));
  const ends = y.slice(2).map((d, i) => x[i + 2]! * kernel[i]! - d);
  ctx.op(
    'MaxUnpool',
    [ctx.inputs[0]!, full, ctx.ints('output_shape', y)],
    [ctx.outputs[0]!],
    [attrInts('kernel_shape', kernel), attrInts('strides', kernel), attrInts('pads', [...ends.map(() => 0), ...ends])],
  );
};

/** Upsample: nearest (integer scale) → Resize to the analyser's size; with a mask bottom → MaxUnpool. */
export const upsample: Lowerer = (ctx) => (ctx.inputs.length > 1 ? maskUpsample(ctx) : nearestUpsample(ctx));
