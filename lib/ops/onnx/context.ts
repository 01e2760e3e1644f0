import type { AttrMap, DType, Shape } from '../../ir';
import { dtypeBytes, isFloatType } from '../../ir/dtype';
import { fmtShape } from '../op-helpers';
import type {
  ConvAlgorithms,
  OpCategory,
  OpContext,
  OpDefinition,
  OpEval,
  RFAxisStep,
  SubgraphEval,
  TensorFacts,
} from '../types';
import { numel } from '../util';

/** Largest tensor whose values the analysis computes (shape vectors, index lists, small tables). */
export const MAX_FOLD = 4096;
/**
 * Largest floating-point tensor whose values are kept (scales, bounds, scalars). Shapes are
 * integers; a model's float weights (ConstantOfShape fills, biases) are never needed as values,
 * and keeping them cost most of the analysis time of a weight-building model.
 */
export const MAX_FOLD_FLOAT = 16;

/** Whether values of this many elements of this type are kept. */
export function keepValues(count: number, dtype: string | undefined): boolean {
  return count <= (isFloatType(dtype) ? MAX_FOLD_FLOAT : MAX_FOLD);
}

/** What an ONNX op's inference returns; the wrapper adds parameters, constness and element types. */
export interface OnnxResult {
  readonly outputs: readonly (Shape | null)[];
  readonly macs?: number;
  readonly flops?: number;
  /** Known element values per output (small tensors only). */
  readonly values?: readonly (readonly number[] | undefined)[];
  /** Element type per output; default: the type of the first input that has one. */
  readonly dtypes?: readonly (DType | undefined)[];
  /** Extra facts per output (sequences, optionals). */
  readonly facts?: readonly (TensorFacts | undefined)[];
  readonly rf?: readonly RFAxisStep[] | 'identity';
  readonly algorithms?: ConvAlgorithms;
  /** Parameters the op computes itself (sub-graph weights), on top of the claimed stored inputs. */
  readonly params?: number;
  readonly buffers?: number;
}

/** Typed helpers over an OpContext for ONNX semantics (attributes, optional inputs, values). */
export class OnnxCtx {
  constructor(readonly ctx: OpContext) {}

  get opset(): number {
    return this.ctx.opset ?? 22;
  }

  get nIn(): number {
    return this.ctx.node.inputCount ?? this.ctx.inputs.length;
  }

  get nOut(): number {
    return this.ctx.node.tops.length;
  }

  /** True when input `i` is given (not omitted with `""` and not past the end). */
  has(i: number): boolean {
    return i < this.nIn && !this.ctx.facts?.[i]?.absent;
  }

  shape(i: number): Shape | null {
    return this.has(i) ? (this.ctx.inputs[i] ?? null) : null;
  }

  facts(i: number): TensorFacts | undefined {
    return this.has(i) ? this.ctx.facts?.[i] : undefined;
  }

  dtype(i: number): DType | undefined {
    return this.facts(i)?.dtype;
  }

  /** Known values of input `i`. */
  value(i: number): readonly number[] | undefined {
    return this.facts(i)?.value;
  }

  /** Known integer values of input `i` (a shape, axes, pads…). */
  ints(i: number): number[] | undefined {
    const v = this.value(i);
    return v ? v.map((x) => Math.trunc(x)) : undefined;
  }

  attrs(): AttrMap {
    return this.ctx.node.attrs;
  }

  hasAttr(name: string): boolean {
    return this.ctx.attrs.has(name);
  }

  int(name: string, fallback: number): number {
    return this.ctx.attrs.num(name, fallback);
  }

  float(name: string, fallback: number): number {
    return this.ctx.attrs.num(name, fallback);
  }

  intsAttr(name: string): number[] | undefined {
    return this.ctx.attrs.has(name) ? this.ctx.attrs.nums(name) : undefined;
  }

  str(name: string, fallback: string): string {
    return this.ctx.attrs.str(name, fallback);
  }

  /** A tensor attribute (`{ dtype, dims, values? }`). */
  tensorAttr(name: string): { dtype: string; dims: number[]; values?: number[] } | undefined {
    const v = this.ctx.attrs.raw(name);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const m = v as AttrMap;
    const dims = Array.isArray(m.dims) ? (m.dims as number[]) : [];
    return {
      dtype: typeof m.dtype === 'string' ? m.dtype : 'float',
      dims,
      ...(Array.isArray(m.values) ? { values: m.values as number[] } : {}),
    };
  }

  error(message: string, field?: string): undefined {
    this.ctx.error(message, field);
    return undefined;
  }

  warn(message: string, field?: string): void {
    this.ctx.warn(message, field);
  }

  /** Resolves an axis against a rank (negative counts from the end); reports an error when out of range. */
  axis(a: number, rank: number, field = 'axis'): number | undefined {
    const r = a < 0 ? a + rank : a;
    if (!Number.isInteger(r) || r < 0 || r >= Math.max(rank, 1)) {
      return this.error(`${field} ${a} is out of range for a ${rank}-D input`, field);
    }
    return r;
  }

  subgraph(
    k: number,
    inputs: readonly (Shape | null)[],
    facts: readonly (TensorFacts | undefined)[],
  ): SubgraphEval | undefined {
    return this.ctx.subgraph?.(k, inputs, facts);
  }

  fmt(s: Shape | null | undefined): string {
    return fmtShape(s);
  }
}

/** Declaration of one ONNX operator. */
export interface OnnxOpSpec {
  readonly type: string;
  readonly aliases?: readonly string[];
  readonly category: OpCategory;
  readonly doc: string;
  readonly formula?: string;
  /** Inputs accepted: [min, max] (optional inputs count). */
  readonly arity?: readonly [number, number];
  /** Inputs that are stored statistics, not learned values (BatchNormalization mean and variance). */
  readonly buffers?: readonly number[];
  /** Inputs that are weights whatever their element type (int8 weights of quantized ops). */
  readonly weights?: readonly number[];
  /** Outputs differ between runs (random ops): never constant. */
  readonly random?: boolean;
  infer(o: OnnxCtx): OnnxResult | undefined;
}

const isConstant = (f: TensorFacts | undefined): boolean => !!f && (f.constant === true || f.absent === true);

/**
 * An OpDefinition in the ONNX namespace. The wrapper adds what every ONNX operator shares:
 * a node whose inputs are all constants is itself constant (computed once, at load: no
 * FLOPs), and a constant float tensor that enters a non-constant node is a parameter of that
 * node, counted once however many nodes read it (BatchNormalization's mean and variance are
 * buffers).
 */
export function onnxOp(spec: OnnxOpSpec): OpDefinition {
  return {
    type: spec.type,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    dialect: 'onnx',
    category: spec.category,
    doc: spec.doc,
    ...(spec.formula ? { formula: spec.formula } : {}),
    evaluate(ctx): OpEval {
      const o = new OnnxCtx(ctx);
      const n = o.nIn;
      if (spec.arity && (n < spec.arity[0] || n > spec.arity[1])) {
        const [lo, hi] = spec.arity;
        ctx.error(
          `${spec.type} takes ${lo === hi ? lo : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`} inputs, got ${n}`,
        );
        return { outputs: ctx.node.tops.map(() => null) };
      }
      const inFacts = ctx.facts;
      let constant = !spec.random;
      for (let i = 0; i < n && constant; i++) if (!isConstant(inFacts?.[i])) constant = false;
      const r = spec.infer(o);
      let firstType: string | undefined;
      for (let i = 0; i < n && firstType === undefined; i++)
        firstType = inFacts?.[i]?.absent ? undefined : inFacts?.[i]?.dtype;
      // Plain loops and one object per output: this runs for every node of every analysis.
      const nTops = ctx.node.tops.length;
      const outputs: (Shape | null)[] = new Array(nTops);
      const facts: (TensorFacts | undefined)[] = new Array(nTops);
      for (let i = 0; i < nTops; i++) {
        outputs[i] = r?.outputs[i] ?? null;
        const dtype = r ? (r.dtypes ? r.dtypes[i] : firstType) : undefined;
        const value = r?.values?.[i];
        const extra = r?.facts?.[i];
        const f: { -readonly [K in keyof TensorFacts]: TensorFacts[K] } = extra ? { ...extra } : {};
        if (dtype && f.dtype === undefined) f.dtype = dtype;
        if (value && keepValues(value.length, dtype)) f.value = value;
        if (constant) f.constant = true;
        facts[i] = f.dtype !== undefined || f.value !== undefined || constant || extra ? f : undefined;
      }
      // Stored inputs count even when the output shapes are unknown: their own shapes are known.
      let params = r?.params ?? 0;
      let buffers = r?.buffers ?? 0;
      let weightBytes = (params + buffers) * 4;
      if (!constant) {
        for (let i = 0; i < n; i++) {
          const f = ctx.facts?.[i];
          const s = ctx.inputs[i];
          if (!f?.constant || !s) continue;
          const counts = isFloatType(f.dtype) || spec.weights?.includes(i);
          if (!counts || !ctx.claim?.(i)) continue;
          const elements = numel(s);
          if (spec.buffers?.includes(i)) buffers += elements;
          else params += elements;
          weightBytes += elements * dtypeBytes(f.dtype);
        }
      }
      if (!r) return { outputs, facts, params, buffers, weightBytes };
      return {
        outputs,
        facts,
        params,
        buffers,
        weightBytes,
        ...(constant ? { stored: true } : {}),
        macs: constant ? 0 : (r.macs ?? 0),
        flops: constant ? 0 : (r.flops ?? 0),
        ...(r.rf ? { rf: r.rf } : {}),
        ...(r.algorithms && !constant ? { algorithms: r.algorithms } : {}),
      };
    },
  };
}
