import type { Shape } from '../../ir';
import { dtypeName } from '../../ir/dtype';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { keepValues, MAX_FOLD, onnxOp, type OnnxCtx } from './context';
import { broadcastOrError } from './elementwise';
import { flatIndex, remap, stridesOf } from './tensor-math';

/** Axes given as an attribute (older opsets) or as an input (newer): the attribute wins when present. */
export function axesOf(o: OnnxCtx, attr: string, input: number): number[] | undefined | null {
  const a = o.intsAttr(attr);
  if (a) return a;
  if (!o.has(input)) return null;
  return o.ints(input);
}

/** Values of the tensor as the same elements with a new shape (reshapes keep the order). */
const same = (o: OnnxCtx) => {
  const v = o.value(0);
  return v ? [v] : undefined;
};

const shapeOp = onnxOp({
  type: 'Shape',
  category: 'shape',
  doc: 'the input’s shape as a 1-D int64 tensor (start/end slice it, opset 15)',
  formula: 'out = [rank] (values: the dims); FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const r = x.length;
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
    const start = clamp(o.int('start', 0));
    const end = clamp(o.hasAttr('end') ? o.int('end', r) : r);
    const dims = x.slice(start, Math.max(start, end));
    return { outputs: [[dims.length]], values: [dims], dtypes: ['int64'] };
  },
});

const sizeOp = onnxOp({
  type: 'Size',
  category: 'shape',
  doc: 'number of elements of the input, as an int64 scalar',
  formula: 'out = scalar; FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    return { outputs: [[]], values: [[numel(x)]], dtypes: ['int64'] };
  },
});

const reshape = onnxOp({
  type: 'Reshape',
  category: 'shape',
  doc: 'new shape with the same elements: 0 copies the input dim (unless allowzero), −1 is inferred',
  formula: 'out = shape input (0 → in[i], −1 → remaining); FLOPs 0',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    const target = o.nIn >= 2 ? o.ints(1) : o.intsAttr('shape');
    if (!x) return undefined;
    if (!target) {
      if (o.nIn >= 2 && o.shape(1))
        o.warn(
          'the target shape is computed at run time from data the analysis does not know, so the output shape is unknown',
        );
      return undefined;
    }
    const allowZero = o.int('allowzero', 0) !== 0;
    const out: number[] = [];
    let infer = -1;
    for (let i = 0; i < target.length; i++) {
      const d = target[i]!;
      if (d === -1) {
        if (infer >= 0) return o.error(`shape ${target.join(',')} has more than one −1`);
        infer = i;
        out.push(1);
      } else if (d === 0 && !allowZero) {
        if (i >= x.length)
          return o.error(`shape ${target.join(',')}: 0 at position ${i} has no input dim to copy (input ${o.fmt(x)})`);
        out.push(x[i]!);
      } else if (d < 0) return o.error(`shape ${target.join(',')} has an invalid dim ${d}`);
      else out.push(d);
    }
    const total = numel(x);
    if (infer >= 0) {
      const rest = numel(out);
      if (rest === 0 || total % rest !== 0) {
        return o.error(`cannot reshape ${o.fmt(x)} (${total} elements) to ${target.join(',')}`);
      }
      out[infer] = total / rest;
    } else if (numel(out) !== total) {
      return o.error(`cannot reshape ${o.fmt(x)} (${total} elements) to ${o.fmt(out)} (${numel(out)} elements)`);
    }
    return { outputs: [out], values: same(o), dtypes: [o.dtype(0)] };
  },
});

const flatten = onnxOp({
  type: 'Flatten',
  category: 'shape',
  doc: '2-D view: dims before axis multiplied, dims from axis multiplied (axis 1)',
  formula: 'out = [∏in[:axis], ∏in[axis:]]; FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const a = o.int('axis', 1);
    const axis = a < 0 ? a + x.length : a;
    if (axis < 0 || axis > x.length) return o.error(`axis ${a} is out of range for a ${x.length}-D input`, 'axis');
    return { outputs: [[numel(x.slice(0, axis)), numel(x.slice(axis))]], values: same(o) };
  },
});

const squeeze = onnxOp({
  type: 'Squeeze',
  category: 'shape',
  doc: 'removes size-1 axes (the listed ones, or all)',
  formula: 'FLOPs 0',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    const axes = axesOf(o, 'axes', 1);
    if (!x || axes === undefined) return undefined;
    let drop: Set<number>;
    if (axes === null || axes.length === 0) drop = new Set(x.flatMap((d, i) => (d === 1 ? [i] : [])));
    else {
      drop = new Set();
      for (const a of axes) {
        const r = o.axis(a, x.length, 'axes');
        if (r === undefined) return undefined;
        if (x[r] !== 1) return o.error(`axis ${a} has size ${x[r]}, not 1`, 'axes');
        drop.add(r);
      }
    }
    return { outputs: [x.filter((_, i) => !drop.has(i))], values: same(o) };
  },
});

const unsqueeze = onnxOp({
  type: 'Unsqueeze',
  category: 'shape',
  doc: 'inserts size-1 axes at the listed output positions',
  formula: 'FLOPs 0',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    const axes = axesOf(o, 'axes', 1);
    if (!x || !axes) return undefined;
    const rank = x.length + axes.length;
    const at = new Set<number>();
    for (const a of axes) {
      const r = o.axis(a, rank, 'axes');
      if (r === undefined) return undefined;
      if (at.has(r)) return o.error(`axis ${a} is given twice`, 'axes');
      at.add(r);
    }
    const out: number[] = [];
    let k = 0;
    for (let i = 0; i < rank; i++) out.push(at.has(i) ? 1 : x[k++]!);
    return { outputs: [out], values: same(o) };
  },
});

const transpose = onnxOp({
  type: 'Transpose',
  category: 'shape',
  doc: 'permutes the axes (perm; default: reversed)',
  formula: 'out[i] = in[perm[i]]; FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const perm = o.intsAttr('perm') ?? x.map((_, i) => x.length - 1 - i);
    if (perm.length !== x.length || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
      return o.error(`perm [${perm.join(', ')}] is not a permutation of the ${x.length} axes`, 'perm');
    }
    const out = perm.map((p) => x[p]!);
    const v = o.value(0);
    const st = stridesOf(x);
    const values = v ? remap(out, v, (c) => c.reduce((acc, ci, i) => acc + ci * st[perm[i]!]!, 0)) : undefined;
    return { outputs: [out], ...(values ? { values: [values] } : {}) };
  },
});

const concat = onnxOp({
  type: 'Concat',
  category: 'concat',
  doc: 'joins inputs along axis; other dims must match',
  formula: 'out[axis] = Σ in_k[axis]; FLOPs 0',
  arity: [1, Infinity],
  infer(o) {
    const shapes: Shape[] = [];
    for (let i = 0; i < o.nIn; i++) {
      const s = o.shape(i);
      if (!s) return undefined;
      shapes.push(s);
    }
    const first = shapes[0]!;
    const axis = o.axis(o.int('axis', 1), first.length);
    if (axis === undefined) return undefined;
    const out = [...first];
    out[axis] = 0;
    for (const s of shapes) {
      if (s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i])) {
        return o.error(`inputs ${shapes.map((x) => o.fmt(x)).join(', ')} differ outside axis ${axis}`);
      }
      out[axis]! += s[axis]!;
    }
    let values: number[] | undefined;
    if (numel(out) <= MAX_FOLD && shapes.every((_, i) => o.value(i))) {
      // Chunks of each input along the axis, interleaved per outer index.
      const outer = numel(first.slice(0, axis));
      values = [];
      for (let j = 0; j < outer; j++) {
        shapes.forEach((s, i) => {
          const chunk = numel(s.slice(axis));
          const v = o.value(i)!;
          for (let k = j * chunk; k < (j + 1) * chunk; k++) values!.push(v[k]!);
        });
      }
    }
    return { outputs: [out], ...(values ? { values: [values] } : {}) };
  },
});

const split = onnxOp({
  type: 'Split',
  category: 'shape',
  doc: 'splits along axis: split sizes (attribute before opset 13, input since), or num_outputs parts',
  formula: 'FLOPs 0',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const axis = o.axis(o.int('axis', 0), x.length);
    if (axis === undefined) return undefined;
    const len = x[axis]!;
    const given = axesOf(o, 'split', 1);
    if (given === undefined) return undefined;
    let parts: number[];
    if (given && given.length) {
      parts = given;
      if (parts.reduce((a, b) => a + b, 0) !== len)
        return o.error(`split ${parts.join(',')} does not add up to ${len}`, 'split');
    } else {
      const n = o.hasAttr('num_outputs') ? o.int('num_outputs', o.nOut) : o.nOut;
      const size = Math.ceil(len / n);
      parts = Array.from({ length: n }, (_, i) => Math.max(0, Math.min(size, len - i * size)));
      if (!o.hasAttr('num_outputs') && len % n !== 0)
        return o.error(`axis ${axis} (size ${len}) does not split into ${n} equal parts`);
    }
    const outs = parts.map((p) => x.map((d, i) => (i === axis ? p : d)));
    return { outputs: outs, dtypes: outs.map(() => o.dtype(0)) };
  },
});

/** Slice bounds per axis after ONNX clamping; shared by Slice and its value fold. */
export function sliceBounds(dim: number, start: number, end: number, step: number): { start: number; count: number } {
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
    return { start: s, count: Math.max(0, Math.ceil((e - s) / step)) };
  }
  s = Math.min(Math.max(s, -1), dim - 1);
  e = Math.min(Math.max(e, -1), dim - 1);
  return { start: s, count: Math.max(0, Math.ceil((e - s) / step)) };
}

const slice = onnxOp({
  type: 'Slice',
  category: 'shape',
  doc: 'strided slice: starts, ends, axes, steps (attributes before opset 10, inputs since)',
  formula: 'out[a] = ceil((end − start) / step) after clamping; FLOPs 0',
  arity: [1, 5],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const legacy = o.hasAttr('starts');
    const starts = legacy ? o.intsAttr('starts') : o.value(1)?.slice();
    const ends = legacy ? o.intsAttr('ends') : o.value(2)?.slice();
    const axes = legacy ? (o.intsAttr('axes') ?? null) : o.has(3) ? o.ints(3) : null;
    const steps = legacy ? null : o.has(4) ? o.ints(4) : null;
    if (!starts || !ends || axes === undefined || steps === undefined) return undefined;
    const ax = axes ?? starts.map((_, i) => i);
    const out = [...x];
    const first = x.map(() => 0);
    const stride = x.map(() => 1);
    for (let k = 0; k < ax.length; k++) {
      const a = o.axis(ax[k]!, x.length, 'axes');
      if (a === undefined) return undefined;
      const step = steps?.[k] ?? 1;
      if (step === 0) return o.error('a step of 0 is not allowed');
      const b = sliceBounds(x[a]!, starts[k]!, ends[k]!, step);
      out[a] = b.count;
      first[a] = b.start;
      stride[a] = step;
    }
    const v = o.value(0);
    const st = stridesOf(x);
    const values = v
      ? remap(out, v, (c) =>
          flatIndex(
            c.map((ci, i) => first[i]! + ci * stride[i]!),
            st,
          ),
        )
      : undefined;
    return { outputs: [out], ...(values ? { values: [values] } : {}) };
  },
});

const gather = onnxOp({
  type: 'Gather',
  category: 'shape',
  doc: 'takes entries of data along axis at the given indices',
  formula: 'out = data[:axis] + indices + data[axis+1:]; FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const data = o.shape(0);
    const idx = o.shape(1);
    if (!data || !idx) return undefined;
    const axis = o.axis(o.int('axis', 0), data.length);
    if (axis === undefined) return undefined;
    const out = [...data.slice(0, axis), ...idx, ...data.slice(axis + 1)];
    const v = o.value(0);
    const iv = o.ints(1);
    let values: number[] | undefined;
    if (v && iv) {
      const st = stridesOf(data);
      const ist = stridesOf(idx);
      const q = idx.length;
      values = remap(out, v, (c) => {
        const iPos = flatIndex(c.slice(axis, axis + q), ist);
        let j = iv[iPos]!;
        if (j < 0) j += data[axis]!;
        const coords = [...c.slice(0, axis), j, ...c.slice(axis + q)];
        return flatIndex(coords, st);
      });
    }
    return { outputs: [out], dtypes: [o.dtype(0)], ...(values ? { values: [values] } : {}) };
  },
});

const gatherElements = onnxOp({
  type: 'GatherElements',
  category: 'shape',
  doc: 'per-element gather along axis: the output has the indices’ shape',
  formula: 'out = indices shape; FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const data = o.shape(0);
    const idx = o.shape(1);
    if (!data || !idx) return undefined;
    if (idx.length !== data.length) return o.error(`indices rank ${idx.length} differs from data rank ${data.length}`);
    return { outputs: [idx], dtypes: [o.dtype(0)] };
  },
});

const gatherND = onnxOp({
  type: 'GatherND',
  category: 'shape',
  doc: 'gathers slices of data addressed by the last axis of indices (batch_dims leading axes shared)',
  formula: 'out = indices[:-1] + data[batch_dims + indices[-1]:]; FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const data = o.shape(0);
    const idx = o.shape(1);
    if (!data || !idx || idx.length === 0) return undefined;
    const b = o.int('batch_dims', 0);
    const last = idx[idx.length - 1]!;
    if (b + last > data.length)
      return o.error(`indices address ${last} axes after ${b} batch axes of a ${data.length}-D input`);
    return { outputs: [[...idx.slice(0, -1), ...data.slice(b + last)]], dtypes: [o.dtype(0)] };
  },
});

const expand = onnxOp({
  type: 'Expand',
  category: 'shape',
  doc: 'broadcasts the input to the given shape',
  formula: 'out = broadcast(in, shape); FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const target = o.ints(1);
    if (!x || !target) return undefined;
    const out = broadcastOrError(o, [x, target]);
    if (!out) return undefined;
    const v = o.value(0);
    const st = stridesOf(x);
    const off = out.length - x.length;
    const values = v
      ? remap(out, v, (c) =>
          flatIndex(
            x.map((d, i) => (d === 1 ? 0 : c[i + off]!)),
            st,
          ),
        )
      : undefined;
    return { outputs: [out], ...(values ? { values: [values] } : {}) };
  },
});

const tile = onnxOp({
  type: 'Tile',
  category: 'shape',
  doc: 'repeats the input along each axis',
  formula: 'out[i] = in[i]·repeats[i]; FLOPs 0',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const reps = o.ints(1);
    if (!x || !reps) return undefined;
    if (reps.length !== x.length) return o.error(`repeats has ${reps.length} entries for a ${x.length}-D input`);
    const out = x.map((d, i) => d * reps[i]!);
    const v = o.value(0);
    const st = stridesOf(x);
    const values = v
      ? remap(out, v, (c) =>
          flatIndex(
            c.map((ci, i) => ci % x[i]!),
            st,
          ),
        )
      : undefined;
    return { outputs: [out], ...(values ? { values: [values] } : {}) };
  },
});

const pad = onnxOp({
  type: 'Pad',
  category: 'shape',
  doc: 'pads each axis at both ends (constant, reflect, edge or wrap)',
  formula: 'out[i] = in[i] + pad_begin[i] + pad_end[i]; FLOPs 0',
  arity: [1, 4],
  infer(o) {
    const x = o.shape(0);
    const pads = o.hasAttr('pads') ? o.intsAttr('pads') : o.ints(1);
    if (!x || !pads) return undefined;
    const axes = o.has(3) ? o.ints(3) : x.map((_, i) => i);
    if (!axes) return undefined;
    if (pads.length !== 2 * axes.length)
      return o.error(`pads has ${pads.length} entries for ${axes.length} axes (2 per axis)`);
    const out = [...x];
    for (let k = 0; k < axes.length; k++) {
      const a = o.axis(axes[k]!, x.length, 'axes');
      if (a === undefined) return undefined;
      out[a] = x[a]! + pads[k]! + pads[k + axes.length]!;
      if (out[a]! < 0) return o.error(`padding makes axis ${a} negative (${out[a]})`);
    }
    return { outputs: [out] };
  },
});

const constantOfShape = onnxOp({
  type: 'ConstantOfShape',
  category: 'input',
  doc: 'a tensor of the given shape filled with one value (attribute value; default float 0)',
  formula: 'out = shape input; FLOPs 0 (filled once)',
  arity: [1, 1],
  infer(o) {
    const dims = o.ints(0);
    if (!dims) {
      if (o.shape(0)) o.warn('the shape comes from data the analysis does not know, so the output shape is unknown');
      return undefined;
    }
    if (dims.some((d) => d < 0)) return o.error(`shape ${dims.join(',')} has a negative dim`);
    const t = o.tensorAttr('value');
    const fill = t?.values?.[0] ?? 0;
    const n = numel(dims);
    const dtype = t?.dtype ?? 'float';
    return {
      outputs: [dims],
      dtypes: [dtype],
      ...(keepValues(n, dtype) ? { values: [new Array<number>(n).fill(fill)] } : {}),
    };
  },
});

const constant = onnxOp({
  type: 'Constant',
  category: 'input',
  doc: 'a tensor stored in the node (value, value_float(s), value_int(s), value_string(s))',
  formula: 'out = the stored tensor; FLOPs 0',
  arity: [0, 0],
  infer(o) {
    const t = o.tensorAttr('value') ?? o.tensorAttr('sparse_value');
    if (t) return { outputs: [t.dims], dtypes: [t.dtype], ...(t.values ? { values: [t.values] } : {}) };
    const scalar = (name: string, dtype: string) => {
      const v = o.ctx.attrs.raw(name);
      if (v === undefined) return undefined;
      if (Array.isArray(v)) {
        const nums = v.filter((e): e is number => typeof e === 'number');
        return { outputs: [[v.length]], dtypes: [dtype], ...(nums.length === v.length ? { values: [nums] } : {}) };
      }
      return { outputs: [[]], dtypes: [dtype], ...(typeof v === 'number' ? { values: [[v]] } : {}) };
    };
    return (
      scalar('value_float', 'float') ??
      scalar('value_floats', 'float') ??
      scalar('value_int', 'int64') ??
      scalar('value_ints', 'int64') ??
      scalar('value_string', 'string') ??
      scalar('value_strings', 'string') ??
      o.error('has no value attribute')
    );
  },
});

const range = onnxOp({
  type: 'Range',
  category: 'shape',
  doc: 'start, start + delta, … up to limit (exclusive)',
  formula: 'out = [max(ceil((limit − start) / delta), 0)]; FLOPs 0',
  arity: [3, 3],
  infer(o) {
    const start = o.value(0)?.[0];
    const limit = o.value(1)?.[0];
    const delta = o.value(2)?.[0];
    if (start === undefined || limit === undefined || delta === undefined) return undefined;
    if (delta === 0) return o.error('delta is 0');
    const n = Math.max(Math.ceil((limit - start) / delta), 0);
    return {
      outputs: [[n]],
      ...(n <= MAX_FOLD ? { values: [Array.from({ length: n }, (_, i) => start + i * delta)] } : {}),
    };
  },
});

const eyeLike = onnxOp({
  type: 'EyeLike',
  category: 'input',
  doc: 'a 2-D tensor with ones on diagonal k, shaped like the input',
  formula: 'out = in shape; FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    if (x.length !== 2) return o.error(`expects a 2-D input, got ${o.fmt(x)}`);
    return { outputs: [x], dtypes: [o.hasAttr('dtype') ? dtypeName(o.int('dtype', 1)) : o.dtype(0)] };
  },
});

const trilu = onnxOp({
  type: 'Trilu',
  category: 'shape',
  doc: 'keeps the upper or lower triangle of the last two axes',
  formula: 'out = in shape; FLOPs 0',
  arity: [1, 2],
  infer(o) {
    const x = o.shape(0);
    return x ? { outputs: [x] } : undefined;
  },
});

const oneHot = onnxOp({
  type: 'OneHot',
  category: 'shape',
  doc: 'one-hot encoding: a new axis of size depth at axis',
  formula: 'out = indices with depth inserted at axis; FLOPs 0',
  arity: [3, 3],
  infer(o) {
    const idx = o.shape(0);
    const depth = o.value(1)?.[0];
    if (!idx || depth === undefined) return undefined;
    const rank = idx.length + 1;
    const axis = o.axis(o.int('axis', -1), rank);
    if (axis === undefined) return undefined;
    const out = [...idx.slice(0, axis), Math.trunc(depth), ...idx.slice(axis)];
    return { outputs: [out], dtypes: [o.dtype(2)] };
  },
});

const depthToSpace = onnxOp({
  type: 'DepthToSpace',
  category: 'shape',
  doc: 'moves blocks of channels into space: N×C×H×W → N×C/b²×H·b×W·b',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const b = o.int('blocksize', 0);
    if (x.length !== 4 || b <= 0 || x[1]! % (b * b) !== 0)
      return o.error(`cannot move ${b}×${b} blocks out of ${o.fmt(x)}`);
    return { outputs: [[x[0]!, x[1]! / (b * b), x[2]! * b, x[3]! * b]] };
  },
});

const spaceToDepth = onnxOp({
  type: 'SpaceToDepth',
  category: 'shape',
  doc: 'moves b×b blocks of space into channels: N×C×H×W → N×C·b²×H/b×W/b',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    const b = o.int('blocksize', 0);
    if (x.length !== 4 || b <= 0 || x[2]! % b !== 0 || x[3]! % b !== 0)
      return o.error(`cannot fold ${b}×${b} blocks of ${o.fmt(x)}`);
    return { outputs: [[x[0]!, x[1]! * b * b, x[2]! / b, x[3]! / b]] };
  },
});

/** Shape-only operators that keep the data's shape (scatters, reversals, cumulative sums). */
function sameShape(type: string, doc: string, arity: [number, number], flops = 0): OpDefinition {
  return onnxOp({
    type,
    category: 'shape',
    doc,
    formula: `out = data shape; FLOPs ${flops ? `${flops}·elements` : 0}`,
    arity,
    infer(o) {
      const x = o.shape(0);
      return x ? { outputs: [x], flops: flops * numel(x) } : undefined;
    },
  });
}

/** Shape, indexing and data-movement operators of the ONNX namespace. */
export const ONNX_SHAPE_OPS: readonly OpDefinition[] = [
  shapeOp,
  sizeOp,
  reshape,
  flatten,
  squeeze,
  unsqueeze,
  transpose,
  concat,
  split,
  slice,
  gather,
  gatherElements,
  gatherND,
  expand,
  tile,
  pad,
  constantOfShape,
  constant,
  range,
  eyeLike,
  trilu,
  oneHot,
  depthToSpace,
  spaceToDepth,
  sameShape('ScatterND', 'writes updates into a copy of data at index tuples', [3, 3]),
  sameShape('ScatterElements', 'writes updates into a copy of data along axis', [3, 3]),
  sameShape('Scatter', 'ScatterElements under its opset 9–10 name', [3, 3]),
  sameShape('ReverseSequence', 'reverses each sequence up to its length', [2, 2]),
  sameShape('CumSum', 'cumulative sum along axis', [2, 2], 1),
];
