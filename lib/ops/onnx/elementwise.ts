import type { DType, Shape } from '../../ir';
import { dtypeName } from '../../ir/dtype';
import type { OpCategory, OpDefinition } from '../types';
import { numel } from '../util';
import { onnxOp, type OnnxCtx, type OnnxResult } from './context';
import { broadcastShapes, foldBroadcast, isIntType } from './tensor-math';

interface UnarySpec {
  readonly category?: OpCategory;
  readonly doc: string;
  /** FLOPs per element (docs/counting.md). */
  readonly flops?: number;
  readonly fn?: (x: number, o: OnnxCtx) => number;
  /** Output element type, when it is not the input's. */
  readonly dtype?: (o: OnnxCtx) => DType | undefined;
  readonly maxInputs?: number;
}

function unary(type: string, spec: UnarySpec): OpDefinition {
  const flops = spec.flops ?? 1;
  return onnxOp({
    type,
    category: spec.category ?? 'activation',
    doc: spec.doc,
    formula: `out = in (same shape); FLOPs = ${flops}·elements`,
    arity: [1, spec.maxInputs ?? 1],
    infer(o) {
      const x = o.shape(0);
      if (!x) return undefined;
      const v = o.value(0);
      const fn = spec.fn;
      const out = fn && v ? v.map((e) => fn(e, o)) : undefined;
      const dtype = spec.dtype ? spec.dtype(o) : o.dtype(0);
      return {
        outputs: [x],
        flops: flops * numel(x),
        rf: 'identity',
        ...(out ? { values: [out] } : {}),
        dtypes: [dtype],
      };
    },
  });
}

const BOOL = () => 'bool';

/** Round half to even, as ONNX Round does. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const UNARY: OpDefinition[] = [
  unary('Abs', { category: 'elementwise', doc: 'absolute value', fn: Math.abs }),
  unary('Neg', { category: 'elementwise', doc: 'negation', fn: (x) => -x }),
  unary('Reciprocal', { category: 'elementwise', doc: '1 / x', fn: (x) => 1 / x }),
  unary('Ceil', { category: 'elementwise', doc: 'round up', fn: Math.ceil }),
  unary('Floor', { category: 'elementwise', doc: 'round down', fn: Math.floor }),
  unary('Round', { category: 'elementwise', doc: 'round half to even', fn: roundEven }),
  unary('Sign', { category: 'elementwise', doc: 'sign (−1, 0, 1)', fn: Math.sign }),
  unary('Sqrt', { category: 'elementwise', doc: 'square root', fn: Math.sqrt }),
  unary('Exp', { category: 'elementwise', doc: 'eˣ', fn: Math.exp }),
  unary('Log', { category: 'elementwise', doc: 'natural logarithm', fn: Math.log }),
  unary('Erf', { category: 'elementwise', doc: 'Gauss error function' }),
  unary('Sin', { category: 'elementwise', doc: 'sine', fn: Math.sin }),
  unary('Cos', { category: 'elementwise', doc: 'cosine', fn: Math.cos }),
  unary('Tan', { category: 'elementwise', doc: 'tangent', fn: Math.tan }),
  unary('Asin', { category: 'elementwise', doc: 'arc sine', fn: Math.asin }),
  unary('Acos', { category: 'elementwise', doc: 'arc cosine', fn: Math.acos }),
  unary('Atan', { category: 'elementwise', doc: 'arc tangent', fn: Math.atan }),
  unary('Sinh', { category: 'elementwise', doc: 'hyperbolic sine', fn: Math.sinh }),
  unary('Cosh', { category: 'elementwise', doc: 'hyperbolic cosine', fn: Math.cosh }),
  unary('Asinh', { category: 'elementwise', doc: 'inverse hyperbolic sine', fn: Math.asinh }),
  unary('Acosh', { category: 'elementwise', doc: 'inverse hyperbolic cosine', fn: Math.acosh }),
  unary('Atanh', { category: 'elementwise', doc: 'inverse hyperbolic tangent', fn: Math.atanh }),
  unary('Not', { category: 'elementwise', doc: 'logical not', fn: (x) => (x ? 0 : 1), dtype: BOOL }),
  unary('BitwiseNot', { category: 'elementwise', doc: 'bitwise not', fn: (x) => ~x }),
  unary('IsNaN', { category: 'elementwise', doc: 'true where NaN', fn: (x) => (Number.isNaN(x) ? 1 : 0), dtype: BOOL }),
  unary('IsInf', {
    category: 'elementwise',
    doc: 'true where ±infinity (detect_negative / detect_positive)',
    dtype: BOOL,
    fn: (x, o) =>
      (x === Infinity && o.int('detect_positive', 1) !== 0) || (x === -Infinity && o.int('detect_negative', 1) !== 0)
        ? 1
        : 0,
  }),
  unary('Relu', { doc: 'max(x, 0)', fn: (x) => Math.max(x, 0) }),
  unary('LeakyRelu', {
    doc: 'x < 0 ? alpha·x : x (alpha 0.01)',
    fn: (x, o) => (x < 0 ? o.float('alpha', 0.01) * x : x),
  }),
  unary('Elu', { doc: 'x < 0 ? alpha·(eˣ − 1) : x' }),
  unary('Selu', { doc: 'scaled ELU' }),
  unary('Celu', { doc: 'continuously differentiable ELU' }),
  unary('Sigmoid', { doc: '1 / (1 + e⁻ˣ)' }),
  unary('HardSigmoid', { doc: 'max(0, min(1, alpha·x + beta))' }),
  unary('HardSwish', { doc: 'x · HardSigmoid(x) with alpha 1/6, beta 0.5' }),
  unary('Tanh', { doc: 'hyperbolic tangent' }),
  unary('Softplus', { doc: 'log(1 + eˣ)' }),
  unary('Softsign', { doc: 'x / (1 + |x|)' }),
  unary('ThresholdedRelu', { doc: 'x > alpha ? x : 0' }),
  unary('Shrink', { doc: 'shrink by bias outside ±lambd' }),
  unary('Gelu', { doc: 'Gaussian error linear unit' }),
  unary('Mish', { doc: 'x · tanh(softplus(x))' }),
  unary('Dropout', {
    category: 'activation',
    doc: 'inference: output = input (mask all true); FLOPs 0',
    flops: 0,
    fn: (x) => x,
    maxInputs: 3,
  }),
  unary('Cast', {
    category: 'shape',
    doc: 'element type conversion (attribute to)',
    flops: 0,
    dtype: (o) => dtypeName(o.int('to', 1)),
    fn: (x, o) => castValue(x, dtypeName(o.int('to', 1))),
  }),
  unary('CastLike', {
    category: 'shape',
    doc: 'element type conversion to the type of the second input',
    flops: 0,
    maxInputs: 2,
    dtype: (o) => o.dtype(1),
    fn: (x, o) => castValue(x, o.dtype(1) ?? 'float'),
  }),
];

function castValue(x: number, to: DType): number {
  if (to === 'bool') return x ? 1 : 0;
  if (isIntType(to)) return Math.trunc(x);
  return x;
}

/** Identity passes anything through: tensors, and sequences and optionals with their facts. */
const identity: OpDefinition = onnxOp({
  type: 'Identity',
  category: 'shape',
  doc: 'output = input (tensors, sequences and optionals)',
  formula: 'FLOPs 0',
  arity: [1, 1],
  infer(o) {
    const f = o.facts(0);
    if (f?.kind) return { outputs: [null], facts: [f], dtypes: [f.dtype] };
    const x = o.shape(0);
    return x
      ? {
          outputs: [x],
          rf: 'identity',
          ...(f?.value ? { values: [f.value] } : {}),
          ...(f?.strings ? { facts: [{ strings: f.strings }] } : {}),
        }
      : undefined;
  },
});

/** Dropout also returns a mask when asked: same shape; bool since opset 10, the input's type before. */
const DROPOUT = UNARY.find((op) => op.type === 'Dropout')!;
const dropout: OpDefinition = {
  ...DROPOUT,
  evaluate(ctx) {
    const r = DROPOUT.evaluate(ctx);
    if (ctx.node.tops.length < 2) return r;
    return {
      ...r,
      outputs: ctx.node.tops.map(() => r.outputs[0] ?? null),
      facts: ctx.node.tops.map((_, i) =>
        i === 0 ? r.facts?.[0] : (ctx.opset ?? 22) >= 10 ? { dtype: 'bool' } : r.facts?.[0],
      ),
    };
  },
};

interface BinarySpec {
  readonly category?: OpCategory;
  readonly doc: string;
  readonly flops?: number;
  readonly fn?: (a: number, b: number, int: boolean) => number;
  readonly dtype?: DType;
}

/** Shapes broadcast together, or an error naming them. */
export function broadcastOrError(o: OnnxCtx, shapes: readonly Shape[]): Shape | undefined {
  const out = broadcastShapes(shapes);
  if (!out) o.error(`shapes ${shapes.map((s) => o.fmt(s)).join(', ')} cannot be broadcast together`);
  return out;
}

function binary(type: string, spec: BinarySpec): OpDefinition {
  const flops = spec.flops ?? 1;
  return onnxOp({
    type,
    category: spec.category ?? 'elementwise',
    doc: spec.doc,
    formula: `out = broadcast(a, b); FLOPs = ${flops}·elements of out`,
    arity: [2, 2],
    infer(o) {
      const a = o.shape(0);
      const b = o.shape(1);
      if (!a || !b) return undefined;
      const out = broadcastOrError(o, [a, b]);
      if (!out) return undefined;
      const int = isIntType(o.dtype(0));
      const fn = spec.fn;
      const values = fn ? foldBroadcast([a, b], [o.value(0), o.value(1)], (v) => fn(v[0]!, v[1]!, int)) : undefined;
      return {
        outputs: [out],
        flops: flops * numel(out),
        ...(values ? { values: [values] } : {}),
        dtypes: [spec.dtype ?? o.dtype(0) ?? o.dtype(1)],
        ...(a.length >= 3 && a.length === out.length ? { rf: 'identity' as const } : {}),
      };
    },
  });
}

const b2 = (x: boolean) => (x ? 1 : 0);

const BINARY: OpDefinition[] = [
  binary('Add', { doc: 'a + b (broadcast)', fn: (a, b) => a + b }),
  binary('Sub', { doc: 'a − b (broadcast)', fn: (a, b) => a - b }),
  binary('Mul', { doc: 'a · b (broadcast)', fn: (a, b) => a * b }),
  binary('Div', {
    doc: 'a / b (broadcast; integer division truncates)',
    fn: (a, b, int) => (int ? Math.trunc(a / b) : a / b),
  }),
  binary('Pow', { doc: 'aᵇ (broadcast)', fn: (a, b) => a ** b }),
  binary('Mod', { doc: 'remainder (fmod or Python sign rule)', fn: (a, b) => ((a % b) + b) % b }),
  binary('BitShift', { doc: 'bit shift (direction LEFT / RIGHT)' }),
  binary('BitwiseAnd', { doc: 'bitwise and', fn: (a, b) => a & b }),
  binary('BitwiseOr', { doc: 'bitwise or', fn: (a, b) => a | b }),
  binary('BitwiseXor', { doc: 'bitwise xor', fn: (a, b) => a ^ b }),
  binary('And', { doc: 'logical and', dtype: 'bool', fn: (a, b) => b2(!!a && !!b) }),
  binary('Or', { doc: 'logical or', dtype: 'bool', fn: (a, b) => b2(!!a || !!b) }),
  binary('Xor', { doc: 'logical xor', dtype: 'bool', fn: (a, b) => b2(!!a !== !!b) }),
  binary('Equal', { doc: 'a == b', dtype: 'bool', fn: (a, b) => b2(a === b) }),
  binary('Greater', { doc: 'a > b', dtype: 'bool', fn: (a, b) => b2(a > b) }),
  binary('GreaterOrEqual', { doc: 'a ≥ b', dtype: 'bool', fn: (a, b) => b2(a >= b) }),
  binary('Less', { doc: 'a < b', dtype: 'bool', fn: (a, b) => b2(a < b) }),
  binary('LessOrEqual', { doc: 'a ≤ b', dtype: 'bool', fn: (a, b) => b2(a <= b) }),
];

/** PRelu: slope broadcasts to x (opset 7+); before opset 7 a 1-D slope of C values is per channel. */
const prelu: OpDefinition = onnxOp({
  type: 'PRelu',
  category: 'activation',
  doc: 'x < 0 ? slope·x : x; slope broadcasts to x (learned)',
  formula: 'out = x; params = slope elements; FLOPs = 2·elements',
  arity: [2, 2],
  infer(o) {
    const x = o.shape(0);
    const slope = o.shape(1);
    if (!x || !slope) return undefined;
    const perChannel = slope.length === 1 && x.length >= 2 && slope[0] === x[1];
    if (!perChannel && !broadcastShapes([x, slope])?.every((d, i) => d === x[i])) {
      return o.error(`slope ${o.fmt(slope)} does not broadcast to x ${o.fmt(x)}`);
    }
    return { outputs: [x], flops: 2 * numel(x), rf: 'identity' };
  },
});

function variadic(type: string, doc: string, fn: (xs: readonly number[]) => number, extra: number): OpDefinition {
  return onnxOp({
    type,
    category: 'elementwise',
    doc,
    formula: `out = broadcast of all inputs; FLOPs = (n − 1${extra ? ' + 1' : ''})·elements of out`,
    arity: [1, Infinity],
    infer(o) {
      const shapes: Shape[] = [];
      for (let i = 0; i < o.nIn; i++) {
        const s = o.shape(i);
        if (!s) return undefined;
        shapes.push(s);
      }
      const out = broadcastOrError(o, shapes);
      if (!out) return undefined;
      const values = foldBroadcast(
        shapes,
        shapes.map((_, i) => o.value(i)),
        fn,
      );
      return {
        outputs: [out],
        flops: (shapes.length - 1 + extra) * numel(out),
        ...(values ? { values: [values] } : {}),
      };
    },
  });
}

const VARIADIC: OpDefinition[] = [
  variadic('Sum', 'element-wise sum of all inputs (broadcast)', (xs) => xs.reduce((a, b) => a + b, 0), 0),
  // Folds, not Math.max(...xs): a node with 150,000 inputs would overflow the stack.
  variadic('Max', 'element-wise maximum of all inputs (broadcast)', (xs) => xs.reduce((a, b) => Math.max(a, b)), 0),
  variadic('Min', 'element-wise minimum of all inputs (broadcast)', (xs) => xs.reduce((a, b) => Math.min(a, b)), 0),
  variadic('Mean', 'element-wise mean of all inputs (broadcast)', (xs) => xs.reduce((a, b) => a + b, 0) / xs.length, 1),
];

const where: OpDefinition = onnxOp({
  type: 'Where',
  category: 'elementwise',
  doc: 'condition ? X : Y (broadcast)',
  formula: 'out = broadcast(cond, X, Y); FLOPs = elements of out (one select each)',
  arity: [3, 3],
  infer(o) {
    const c = o.shape(0);
    const x = o.shape(1);
    const y = o.shape(2);
    if (!c || !x || !y) return undefined;
    const out = broadcastOrError(o, [c, x, y]);
    if (!out) return undefined;
    const values = foldBroadcast([c, x, y], [o.value(0), o.value(1), o.value(2)], (v) => (v[0] ? v[1]! : v[2]!));
    return {
      outputs: [out],
      flops: numel(out),
      dtypes: [o.dtype(1) ?? o.dtype(2)],
      ...(values ? { values: [values] } : {}),
    };
  },
});

/** Clip bounds: attributes before opset 11, optional inputs since. */
const clip: OpDefinition = onnxOp({
  type: 'Clip',
  category: 'activation',
  doc: 'min(max(x, min), max)',
  formula: 'out = in; FLOPs = 1 per given bound per element',
  arity: [1, 3],
  infer(o): OnnxResult | undefined {
    const x = o.shape(0);
    if (!x) return undefined;
    const attrs = o.hasAttr('min') || o.hasAttr('max');
    const lo = attrs
      ? o.hasAttr('min')
        ? o.float('min', -Infinity)
        : -Infinity
      : (o.value(1)?.[0] ?? (o.has(1) ? undefined : -Infinity));
    const hi = attrs
      ? o.hasAttr('max')
        ? o.float('max', Infinity)
        : Infinity
      : (o.value(2)?.[0] ?? (o.has(2) ? undefined : Infinity));
    const bounds = attrs ? Number(o.hasAttr('min')) + Number(o.hasAttr('max')) : Number(o.has(1)) + Number(o.has(2));
    const v = o.value(0);
    const values = v && lo !== undefined && hi !== undefined ? v.map((e) => Math.min(Math.max(e, lo), hi)) : undefined;
    return {
      outputs: [x],
      flops: Math.max(1, bounds) * numel(x),
      rf: 'identity',
      ...(values ? { values: [values] } : {}),
    };
  },
});

/** Element-wise operators (math, activations, comparisons, logic, casts), in the ONNX namespace. */
export const ONNX_ELEMENTWISE_OPS: readonly OpDefinition[] = [
  ...UNARY.map((op) => (op.type === 'Dropout' ? dropout : op)),
  identity,
  ...BINARY,
  prelu,
  ...VARIADIC,
  where,
  clip,
];
