import type { Shape } from '../ir';
import type { OpCategory, OpContext, OpDefinition, OpEval } from './types';
import { canonicalAxis, numel } from './util';

/** Shape as users read it in messages: `1×3×224×224` (`scalar` for rank 0). */
export function fmtShape(shape: Shape | null | undefined): string {
  if (!shape) return 'unknown';
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** True when both shapes are known and equal. */
export function shapesEqual(a: Shape | null | undefined, b: Shape | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((d, i) => d === b[i]);
}

/** Caffe's channel count: dim 1 for blobs of rank ≥ 2, else 1 (Blob::channels() semantics for N-D). */
export function channelsOf(shape: Shape): number {
  return shape.length >= 2 ? shape[1]! : 1;
}

/** Unknown outputs for every top (used whenever an input shape is missing). */
export function unknownOutputs(ctx: OpContext): OpEval {
  return { outputs: sameForEach(ctx.node.tops.length, null) };
}

/** `n` copies of `v` in an array of exactly `n` slots (no callback per layer, as `tops.map` takes). */
export function sameForEach<T>(n: number, v: T): T[] {
  if (n === 1) return [v];
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = v;
  return out;
}

/**
 * Resolves a (possibly negative) axis of a parameter block against a rank, reporting a
 * diagnostic on the field when it is out of range (Caffe CHECK in CanonicalAxisIndex).
 */
export function axisOrError(ctx: OpContext, value: number, rank: number, field: string): number | undefined {
  const a = canonicalAxis(value, rank);
  if (a === undefined) ctx.error(`axis ${value} is out of range for a ${rank}-D input`, field);
  return a;
}

/** Options of a layer that keeps its input shape and costs a fixed number of FLOPs per element. */
export interface ElementwiseSpec {
  readonly type: string;
  readonly aliases?: readonly string[];
  readonly category?: OpCategory;
  readonly doc: string;
  readonly formula: string;
  readonly paramBlock?: string;
  /** FLOPs per output element (counting.md elementwise table). */
  readonly flopsPerElement: number;
  /** Learnable values, given the input shape. */
  readonly params?: (ctx: OpContext, input: Shape) => number;
  /** Stored, not learned values, given the input shape. */
  readonly buffers?: (ctx: OpContext, input: Shape) => number;
  /** Shape of top `i` ≥ 1 when a layer declares extra tops; default: the input shape. */
  readonly extraTop?: (ctx: OpContext, input: Shape, i: number) => Shape;
  /** Extra validation; return false to stop (the op reports its own error). */
  readonly check?: (ctx: OpContext, input: Shape) => boolean;
}

/**
 * Definition of a one-bottom layer whose top has the bottom's shape (activations, Dropout,
 * per-position normalisations). Extra tops, when a fork declares them, get the same shape.
 */
export function elementwiseOp(spec: ElementwiseSpec): OpDefinition {
  return {
    type: spec.type,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    category: spec.category ?? 'activation',
    doc: spec.doc,
    formula: spec.formula,
    arity: [1, 1],
    ...(spec.paramBlock ? { paramBlock: spec.paramBlock } : {}),
    evaluate(ctx) {
      const input = ctx.inputs[0];
      if (!input) return unknownOutputs(ctx);
      if (spec.check && !spec.check(ctx, input)) return unknownOutputs(ctx);
      const n = numel(input);
      return {
        // One top (the common case): the input list itself ([input]), so no list is made per layer.
        outputs:
          ctx.node.tops.length === 1
            ? ctx.inputs
            : ctx.node.tops.map((_, i) => (i > 0 && spec.extraTop ? spec.extraTop(ctx, input, i) : input)),
        params: spec.params ? spec.params(ctx, input) : 0,
        buffers: spec.buffers ? spec.buffers(ctx, input) : 0,
        flops: spec.flopsPerElement * n,
        rf: 'identity',
      };
    },
  };
}

/** Caffe's `Blob::count(start, end)`: product of dims in [start, end). */
export function countRange(shape: Shape, start: number, end = shape.length): number {
  let n = 1;
  for (let i = start; i < end; i++) n *= shape[i]!;
  return n;
}
