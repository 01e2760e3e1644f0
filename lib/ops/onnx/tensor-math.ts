import type { Shape } from '../../ir';
import { numel } from '../util';
import { MAX_FOLD } from './context';

/** Multidirectional (numpy) broadcast of shapes; undefined when two dims differ and neither is 1. */
export function broadcastShapes(shapes: readonly Shape[]): Shape | undefined {
  const rank = shapes.reduce((r, s) => Math.max(r, s.length), 0);
  const out: number[] = new Array(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!;
      const j = rank - s.length + i;
      const cur = out[j]!;
      if (cur === d || d === 1) continue;
      if (cur === 1) out[j] = d;
      else return undefined;
    }
  }
  return out;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= shape[i]!;
  }
  return st;
}

/** Index into a broadcast operand for output position `idx` (a flat index of `out`). */
function operandIndex(
  flat: number,
  out: Shape,
  outStrides: readonly number[],
  s: Shape,
  sStrides: readonly number[],
): number {
  let k = 0;
  const off = out.length - s.length;
  for (let i = 0; i < out.length; i++) {
    const coord = Math.floor(flat / outStrides[i]!) % out[i]!;
    const j = i - off;
    if (j >= 0 && s[j]! !== 1) k += coord * sStrides[j]!;
  }
  return k;
}

/**
 * Element values of a broadcast n-ary function when every operand's values are known and the
 * output is small; undefined otherwise.
 */
export function foldBroadcast(
  shapes: readonly (Shape | null)[],
  values: readonly (readonly number[] | undefined)[],
  /** Called with the operands' values at one output position (an array: a node may have any number of inputs). */
  fn: (args: readonly number[]) => number,
): number[] | undefined {
  if (shapes.some((s) => !s) || values.some((v) => !v)) return undefined;
  const ss = shapes as Shape[];
  const out = broadcastShapes(ss);
  if (!out) return undefined;
  const n = numel(out);
  if (n > MAX_FOLD) return undefined;
  const outStrides = stridesOf(out);
  const st = ss.map(stridesOf);
  const res = new Array<number>(n);
  const args = new Array<number>(ss.length);
  for (let f = 0; f < n; f++) {
    for (let k = 0; k < ss.length; k++) args[k] = values[k]![operandIndex(f, out, outStrides, ss[k]!, st[k]!)]!;
    res[f] = fn(args);
  }
  return res;
}

/** Values of a transpose/gather-like re-indexing: out[f] = values[map(coords of f)]. */
export function remap(
  out: Shape,
  values: readonly number[],
  source: (coords: number[]) => number,
): number[] | undefined {
  const n = numel(out);
  if (n > MAX_FOLD) return undefined;
  const st = stridesOf(out);
  const res = new Array<number>(n);
  const coords = new Array<number>(out.length);
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < out.length; i++) coords[i] = Math.floor(f / st[i]!) % out[i]!;
    const k = source(coords);
    if (k < 0 || k >= values.length) return undefined;
    res[f] = values[k]!;
  }
  return res;
}

/** Flat index of coordinates in a shape. */
export function flatIndex(coords: readonly number[], strides: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < coords.length; i++) k += coords[i]! * strides[i]!;
  return k;
}

/** Integer arithmetic as ONNX int tensors do it (truncating division for Div on integers). */
export function isIntType(dtype: string | undefined): boolean {
  return !!dtype && /^(u?int(8|16|32|64|4)|bool)$/.test(dtype);
}
