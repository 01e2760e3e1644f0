import type { Shape } from '../../ir';
import type { OpDefinition } from '../types';
import { numel } from '../util';
import { onnxOp, type OnnxCtx, type OnnxResult } from './context';
import { broadcastShapes } from './tensor-math';

/**
 * numpy matmul shapes: 1-D operands are promoted (a → 1×K, b → K×1) and the promoted axis is
 * dropped again; leading (batch) axes broadcast. MACs = ∏batch·M·K·N.
 */
export function matmulShapes(o: OnnxCtx, a: Shape, b: Shape): { out: Shape; macs: number } | undefined {
  if (a.length === 0 || b.length === 0) return o.error('MatMul does not take scalars');
  const a2 = a.length === 1 ? [1, a[0]!] : a;
  const b2 = b.length === 1 ? [b[0]!, 1] : b;
  const m = a2[a2.length - 2]!;
  const k = a2[a2.length - 1]!;
  const kb = b2[b2.length - 2]!;
  const n = b2[b2.length - 1]!;
  if (k !== kb) return o.error(`inner dimensions differ: ${o.fmt(a)} × ${o.fmt(b)} (${k} vs ${kb})`);
  const batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)]);
  if (!batch) return o.error(`batch dimensions of ${o.fmt(a)} and ${o.fmt(b)} cannot be broadcast`);
  const out = [...batch, ...(a.length === 1 ? [] : [m]), ...(b.length === 1 ? [] : [n])];
  return { out, macs: numel(batch) * m * k * n };
}

function matmulLike(o: OnnxCtx, ia: number, ib: number, dtype?: string): OnnxResult | undefined {
  const a = o.shape(ia);
  const b = o.shape(ib);
  if (!a || !b) return undefined;
  const r = matmulShapes(o, a, b);
  if (!r) return undefined;
  return { outputs: [r.out], macs: r.macs, flops: 2 * r.macs, ...(dtype ? { dtypes: [dtype] } : {}) };
}

const matmul = onnxOp({
  type: 'MatMul',
  category: 'fc',
  doc: 'matrix product with numpy broadcasting of leading axes',
  formula: 'out = batch × M × N; MACs = ∏batch·M·K·N; FLOPs = 2·MACs',
  arity: [2, 2],
  infer: (o) => matmulLike(o, 0, 1),
});

const matmulInteger = onnxOp({
  type: 'MatMulInteger',
  category: 'fc',
  doc: 'integer matrix product (zero points), int32 result',
  formula: 'as MatMul',
  arity: [2, 4],
  weights: [1],
  infer: (o) => matmulLike(o, 0, 1, 'int32'),
});

const qlinearMatmul = onnxOp({
  type: 'QLinearMatMul',
  category: 'fc',
  doc: 'quantized matrix product (a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point)',
  formula: 'as MatMul',
  arity: [8, 8],
  weights: [3],
  infer: (o) => matmulLike(o, 0, 3, o.dtype(7)),
});

const gemm = onnxOp({
  type: 'Gemm',
  category: 'fc',
  doc: 'alpha·A′·B′ + beta·C (transA, transB; C broadcasts to M×N)',
  formula: 'out = M × N; MACs = M·K·N; FLOPs = 2·MACs + M·N when C is given',
  arity: [2, 3],
  infer(o) {
    const a = o.shape(0);
    const b = o.shape(1);
    if (!a || !b) return undefined;
    if (a.length !== 2 || b.length !== 2) return o.error(`expects 2-D A and B, got ${o.fmt(a)} and ${o.fmt(b)}`);
    const [m, k] = o.int('transA', 0) ? [a[1]!, a[0]!] : [a[0]!, a[1]!];
    const [kb, n] = o.int('transB', 0) ? [b[1]!, b[0]!] : [b[0]!, b[1]!];
    if (k !== kb) return o.error(`inner dimensions differ: A′ is ${m}×${k}, B′ is ${kb}×${n}`);
    const c = o.shape(2);
    if (c && !broadcastShapes([c, [m, n]])?.every((d, i) => d === [m, n][i])) {
      return o.error(`C ${o.fmt(c)} does not broadcast to ${m}×${n}`);
    }
    const macs = m * k * n;
    return { outputs: [[m, n]], macs, flops: 2 * macs + (o.has(2) ? m * n : 0) };
  },
});

/** An einsum equation split into operand terms and output, with `...` as one token. */
function parseEinsum(eq: string, operands: number): { inputs: string[][]; output: string[] | null } | string {
  const clean = eq.replace(/\s+/g, '');
  const [lhs, rhs] = clean.split('->');
  const terms = (lhs ?? '').split(',');
  if (terms.length !== operands) return `the equation has ${terms.length} operand terms for ${operands} inputs`;
  const tokens = (t: string): string[] | string => {
    const out: string[] = [];
    for (let i = 0; i < t.length; i++) {
      if (t.startsWith('...', i)) {
        out.push('...');
        i += 2;
      } else if (/[A-Za-z]/.test(t[i]!)) out.push(t[i]!);
      else return `unexpected "${t[i]}" in the equation`;
    }
    return out;
  };
  const inputs: string[][] = [];
  for (const t of terms) {
    const tk = tokens(t);
    if (typeof tk === 'string') return tk;
    inputs.push(tk);
  }
  if (rhs === undefined) return { inputs, output: null };
  const out = tokens(rhs);
  return typeof out === 'string' ? out : { inputs, output: out };
}

const einsum = onnxOp({
  type: 'Einsum',
  category: 'fc',
  doc: 'Einstein summation over the equation’s indices',
  formula: 'MACs = (operands − 1)·∏ extents of all indices; FLOPs = 2·MACs (one operand: ∏ extents adds if it reduces)',
  arity: [1, Infinity],
  infer(o) {
    const shapes: Shape[] = [];
    for (let i = 0; i < o.nIn; i++) {
      const s = o.shape(i);
      if (!s) return undefined;
      shapes.push(s);
    }
    const parsed = parseEinsum(o.str('equation', ''), shapes.length);
    if (typeof parsed === 'string') return o.error(parsed, 'equation');
    const extent = new Map<string, number>();
    const ellipses: Shape[] = [];
    for (let t = 0; t < shapes.length; t++) {
      const term = parsed.inputs[t]!;
      const s = shapes[t]!;
      const ell = term.includes('...') ? s.length - (term.length - 1) : 0;
      if (ell < 0 || (!term.includes('...') && term.length !== s.length)) {
        return o.error(`term "${term.join('')}" does not match input ${t} of shape ${o.fmt(s)}`, 'equation');
      }
      let d = 0;
      for (const label of term) {
        if (label === '...') {
          ellipses.push(s.slice(d, d + ell));
          d += ell;
          continue;
        }
        const size = s[d++]!;
        const seen = extent.get(label);
        if (seen !== undefined && seen !== size && seen !== 1 && size !== 1) {
          return o.error(`index ${label} has sizes ${seen} and ${size}`, 'equation');
        }
        extent.set(label, Math.max(seen ?? 1, size));
      }
    }
    const ellShape = broadcastShapes(ellipses);
    if (!ellShape) return o.error('the "..." dimensions of the inputs cannot be broadcast', 'equation');
    let outputLabels = parsed.output;
    if (!outputLabels) {
      const counts = new Map<string, number>();
      for (const term of parsed.inputs) for (const l of term) if (l !== '...') counts.set(l, (counts.get(l) ?? 0) + 1);
      outputLabels = [
        ...(ellipses.length ? ['...'] : []),
        ...[...counts]
          .filter(([, c]) => c === 1)
          .map(([l]) => l)
          .sort(),
      ];
    }
    const out: number[] = [];
    for (const l of outputLabels) {
      if (l === '...') for (const d of ellShape) out.push(d);
      else if (extent.has(l)) out.push(extent.get(l)!);
      else return o.error(`output index ${l} does not appear in the inputs`, 'equation');
    }
    const all = numel(ellShape) * numel([...extent.values()]);
    const reduces = all > numel(out);
    const macs = shapes.length > 1 ? (shapes.length - 1) * all : 0;
    return { outputs: [out], macs, flops: shapes.length > 1 ? 2 * macs : reduces ? all : 0 };
  },
});

const det = onnxOp({
  type: 'Det',
  category: 'fc',
  doc: 'determinant of each square matrix in the last two axes',
  formula: 'out = in[:-2]; FLOPs ≈ (2/3)·n³ per matrix (LU)',
  arity: [1, 1],
  infer(o) {
    const x = o.shape(0);
    if (!x) return undefined;
    if (x.length < 2 || x[x.length - 1] !== x[x.length - 2]) return o.error(`expects square matrices, got ${o.fmt(x)}`);
    const n = x[x.length - 1]!;
    const out = x.slice(0, -2);
    return { outputs: [out], flops: Math.round(numel(out) * (2 / 3) * n ** 3) };
  },
});

/** Matrix products of the ONNX namespace. */
export const ONNX_LINALG_OPS: readonly OpDefinition[] = [matmul, matmulInteger, qlinearMatmul, gemm, einsum, det];
