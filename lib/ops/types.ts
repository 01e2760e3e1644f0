import type { AttrMap, AttrValue, DType, IRNode, Layout, Shape, SourceSpan } from '../ir';

/** Display category of a layer type; drives colours and the breakdown chart. */
export type OpCategory =
  | 'input'
  | 'conv'
  | 'deconv'
  | 'pool'
  | 'fc'
  | 'norm'
  | 'activation'
  | 'elementwise'
  | 'shape'
  | 'concat'
  | 'detection'
  | 'recurrent'
  | 'loss'
  | 'container'
  | 'other';

/** One spatial axis of a receptive-field step (kernel after dilation, stride, padding before). */
export interface RFAxisStep {
  readonly kernel: number;
  readonly stride: number;
  readonly pad: number;
}

/** Receptive field of a blob along one spatial axis, measured in input pixels. */
export interface RFAxis {
  readonly size: number;
  readonly jump: number;
  readonly start: number;
}

/**
 * Layout-free description of one convolution for the algorithm view: channel counts and
 * per-spatial-axis sizes, all per image. Shared by Caffe and Keras convolution ops.
 */
export interface ConvGeometry {
  readonly cIn: number;
  readonly cOut: number;
  readonly group: number;
  /** Kernel size per spatial axis (before dilation). */
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** Padding added before the first position, per spatial axis (Caffe pads both sides by this). */
  readonly pad: readonly number[];
  readonly inSpatial: readonly number[];
  readonly outSpatial: readonly number[];
}

/** The "how is it computed" view of one convolution (per group, per image, see counting.md). */
export interface ConvAlgorithms {
  /**
   * The geometry the op computed with, so views that explain the figures (lib/explain) and the
   * advisor read the op's own numbers instead of re-reading attributes.
   */
  readonly geometry?: ConvGeometry;
  readonly directMacs: number;
  readonly gemm: { readonly m: number; readonly k: number; readonly n: number; readonly groups: number };
  readonly im2colBufferElements: number;
  readonly im2colBufferBytes: number;
  /** im2col buffer size ÷ input size (per image). */
  readonly im2colInputRatio: number;
  /** Only for 3×3, stride 1, dilation 1, 2-D. */
  readonly winograd?: {
    readonly f2x2_3x3: { readonly tiles: number; readonly multiplications: number };
    readonly f4x4_3x3: { readonly tiles: number; readonly multiplications: number };
  };
  /** FFT cost estimate (labelled as an estimate in every view). */
  readonly fftEstimateFlops?: number;
}

/** What an op computes for one node at a given analysis batch. Counts are totals for the batch. */
export interface OpEval {
  /** One entry per top; null where unknown. */
  readonly outputs: readonly (Shape | null)[];
  readonly params?: number;
  readonly buffers?: number;
  readonly macs?: number;
  readonly flops?: number;
  /**
   * Receptive-field step per spatial axis (in the order of the layout's spatial axes),
   * 'identity' for layers that do not change spatial positions, or undefined when the
   * receptive field cannot be followed through this layer.
   */
  readonly rf?: readonly RFAxisStep[] | 'identity';
  readonly algorithms?: ConvAlgorithms;
  /** What is known about each top beyond its shape (ONNX: element type, small constant values). */
  readonly facts?: readonly (TensorFacts | undefined)[];
  /** Bytes of the stored tensors this layer owns, when they are not 4 bytes per value (ONNX fp16, int8…). */
  readonly weightBytes?: number;
  /**
   * The outputs are constants of the model (ONNX nodes computing weights or shape constants once,
   * at load): they are weights, not activations, and take no activation memory.
   */
  readonly stored?: boolean;
}

/**
 * What the analysis knows about a tensor beyond its shape. Only formats with typed tensors
 * (ONNX) fill it: element types, the values of small integer tensors (so `Shape → Gather →
 * Concat → Reshape` resolves), and whether a value is a constant of the model.
 */
export interface TensorFacts {
  readonly dtype?: DType;
  /** Element values, row-major, when known and small (shape vectors, axes, scalars). */
  readonly value?: readonly number[];
  /** True when it is stored in the model or computed from stored tensors only. */
  readonly constant?: boolean;
  /** An optional input left empty. */
  readonly absent?: boolean;
  /** Not a tensor: an ONNX sequence (or optional). */
  readonly kind?: 'sequence' | 'optional';
  /** Sequence: the element shapes, when the length is known. */
  readonly elements?: readonly (Shape | null)[];
  /** Sequence or optional: the shape every element has, when known; null when unknown or differing. */
  readonly elementShape?: Shape | null;
  /** Optional: false when it is known to hold nothing. */
  readonly present?: boolean;
  /** Optional holding a non-tensor (a sequence): what is known of it. */
  readonly element?: TensorFacts;
  /** String tensors: the strings, when known and small. */
  readonly strings?: readonly string[];
}

/** Figures of one evaluation of a sub-graph (ONNX If branch, Loop or Scan body), for one iteration. */
export interface SubgraphEval {
  readonly outputs: readonly (Shape | null)[];
  readonly facts: readonly (TensorFacts | undefined)[];
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly flops: number;
  /** Layers of the sub-graph whose figures are not known (unknown type or broken). */
  readonly incomplete: number;
}

/** Typed access to a node's attributes; records spans for diagnostics. */
export interface AttrReader {
  readonly attrs: AttrMap;
  /** Sub-message, e.g. `msg('convolution_param')`; empty when absent. */
  msg(path: string): AttrReader;
  has(key: string): boolean;
  raw(key: string): AttrValue | undefined;
  num(key: string, fallback: number): number;
  numOpt(key: string): number | undefined;
  /** Repeated numeric field (a scalar counts as one element). */
  nums(key: string): number[];
  bool(key: string, fallback: boolean): boolean;
  str(key: string, fallback: string): string;
  /** Enum field given either by name or by number (protobuf JSON allows both). */
  enumOf<T extends string>(key: string, names: readonly T[], fallback: T): T;
  /** Span of this field in the source, if known. */
  span(key: string): SourceSpan | undefined;
}

export interface OpContext {
  readonly node: IRNode;
  readonly layout: Layout;
  /** The analysis batch (already applied to graph input shapes). */
  readonly batch: number;
  readonly attrs: AttrReader;
  /** Input shapes, one per bottom; null where unknown. */
  readonly inputs: readonly (Shape | null)[];
  /** Marks the layer broken with a message; `field` is a dotted attr path for the span. */
  error(message: string, field?: string): void;
  warn(message: string, field?: string): void;
  /** What is known about each bottom beyond its shape (ONNX only; see TensorFacts). */
  readonly facts?: readonly (TensorFacts | undefined)[];
  /** Version of the format's default operator set (ONNX opset), when the model declares one. */
  readonly opset?: number;
  /**
   * Claims bottom `i` as this layer's stored tensor: true only for the first layer that claims a
   * given blob, so a weight shared by several layers counts once (ONNX parameters).
   */
  claim?(i: number): boolean;
  /**
   * Evaluates sub-graph `k` of this node (ONNX If/Loop/Scan) with its formal inputs bound to
   * `inputs`; the sub-graph's layers are recorded with per-iteration figures.
   */
  subgraph?(
    k: number,
    inputs: readonly (Shape | null)[],
    facts: readonly (TensorFacts | undefined)[],
  ): SubgraphEval | undefined;
  /**
   * Marks sub-graph `k` as not run (an If branch its known condition does not take): its layers
   * are listed with unknown figures and no diagnostics, since they never execute.
   */
  skipSubgraph?(k: number): void;
  /** An info note (a fork's behaviour the op follows, an assumption it makes); optional for light contexts. */
  note?(message: string, field?: string): void;
  /** Caffe: the phase the model was read in (TEST when unknown); some fork layers size their outputs by it. */
  readonly phase?: 'TRAIN' | 'TEST';
}

export interface OpDefinition {
  /** Canonical type name (Caffe type, or Keras class_name). */
  readonly type: string;
  /** Other names of the same op (Caffe V1 enums are mapped by the reader, not here). */
  readonly aliases?: readonly string[];
  readonly category: OpCategory;
  /** One-line description shown on hover. */
  readonly doc: string;
  /** The formulas used, shown on hover and in the inspector. */
  readonly formula?: string;
  /** Number of bottoms accepted: [min, max]; max Infinity for variadic. */
  readonly arity?: readonly [number, number];
  /**
   * Keras only: the config keys of this layer, for docs and completion. Caffe ops have none:
   * their fields come from the Caffe schema (lib/parse/caffe/schema), through paramBlock.
   */
  readonly fields?: readonly string[];
  /** Caffe: the LayerParameter field holding this op's settings (`convolution_param`); the schema describes its fields. */
  readonly paramBlock?: string;
  /** True for TRAIN-side layers that cost nothing at inference (loss, accuracy). */
  readonly trainOnly?: boolean;
  /**
   * 'keras' for Keras/TF.js layer definitions: they live in their own namespace because Keras
   * class names repeat Caffe type names with other semantics (ReLU, Softmax, Reshape, Permute…).
   */
  readonly dialect?: 'keras' | 'onnx';
  evaluate(ctx: OpContext): OpEval;
}
