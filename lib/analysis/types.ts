import type { Diagnostic, IRGraph, Shape, SymDim } from '../ir';
import type { ConvAlgorithms, OpCategory, RFAxis, TensorFacts } from '../ops/types';
import type { DimBinding } from './symbolic-dims';
import type { FigureKey, TotalKey } from './figures';

/** How the analysis batch is chosen: a number, or the file's declared batch. */
export type BatchChoice = number | 'declared';

export interface AnalyzeOptions {
  /** Analysis batch; default 1 (per-image figures, comparable with papers). */
  readonly batch?: BatchChoice;
  /**
   * Shape overrides by blob/input name, batch axis included (`data` → [64,1,28,28]). They set
   * the declared shape of a graph input or data-layer top, or declare the outputs of an
   * unknown layer.
   */
  readonly inputs?: Readonly<Record<string, Shape>>;
  /**
   * Values of symbolic input dimensions by name (ONNX `dim_param`, e.g. `seq_len` → 128). A
   * leading symbolic dim is the analysis batch and takes `batch`, not a value from here.
   */
  readonly dims?: Readonly<Record<string, number>>;
  /**
   * What is known of graph inputs beyond their shape, by input name (typed formats: ONNX): e.g.
   * the values of a small input, which makes data-dependent shapes (NonZero, Unique) exact, or
   * the element shapes of a sequence input.
   */
  readonly inputFacts?: Readonly<Record<string, TensorFacts>>;
}

export type LayerStatus = 'ok' | 'broken' | 'unknown';

/** Everything the analysis knows about one layer. Counts are for the whole analysis batch. */
export interface LayerResult {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly category: OpCategory;
  readonly status: LayerStatus;
  readonly bottoms: readonly string[];
  readonly tops: readonly string[];
  readonly inputShapes: readonly (Shape | null)[];
  readonly outputs: readonly (Shape | null)[];
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly flops: number;
  /** Output bytes (fp32) of tops that are not in-place aliases. */
  readonly activationBytes: number;
  /** (params + buffers) × 4. */
  readonly weightBytes: number;
  /** FLOPs ÷ (input + output + weight bytes); null when unknown. */
  readonly arithmeticIntensity: number | null;
  /** Receptive field of the first top per spatial axis; null when not on a spatial path. */
  readonly receptiveField: readonly RFAxis[] | null;
  readonly algorithms: ConvAlgorithms | null;
  /** True when every top rewrites its bottom in place (ReLU, BN, Scale, Dropout…). */
  readonly inPlace: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Figures that are not exact integers (beyond 2^53 a double rounds): views prefix them with
   * "≈" and JSON lists them. Absent when every figure is exact (the common case).
   */
  readonly approx?: readonly FigureKey[];
  /**
   * For a layer inside a sub-graph (ONNX If branch, Loop/Scan body): the index of the node that
   * owns it. Its figures are for one iteration (one branch evaluation) and are not in the totals;
   * the owner's figures include them.
   */
  readonly parent?: number;
}

export interface Totals {
  readonly params: number;
  readonly buffers: number;
  readonly macs: number;
  readonly flops: number;
  /** Sum of every non-aliased blob's bytes. */
  readonly activationBytes: number;
  /** Largest memory held by live blobs at any point of a forward pass in topological order. */
  readonly peakActivationBytes: number;
  readonly weightBytes: number;
  /**
   * Layers whose figures are not all known (see `figuresKnown`: broken or unknown type, or an
   * input or output shape unknown): when above 0 every total is a lower bound
   * ("≥ 1.2 G MACs, 3 layers unknown"), never a silent sum.
   */
  readonly unknownLayers: number;
  /** Totals that are not exact integers (some layer figure was approximate); absent when none. */
  readonly approx?: readonly TotalKey[];
  /**
   * Exact decimal digits of totals beyond 2^53 that are sums of exact layer figures (summed as
   * BigInt); absent when every total is at most 2^53. See `exactDigits`.
   */
  readonly exact?: Partial<Readonly<Record<TotalKey, string>>>;
}

export interface AnalysisResult {
  readonly graph: IRGraph;
  readonly batch: number;
  readonly declaredBatch: number | null;
  /** Graph inputs with the shapes actually used (batch applied, overrides applied). */
  readonly inputs: readonly {
    readonly name: string;
    readonly blob: string;
    readonly shape: Shape | null;
    /** Declared dims with symbolic ones resolved where a value is known and kept by name where not. */
    readonly dims?: readonly SymDim[];
  }[];
  /** The symbolic input dimensions (ONNX) and their values; absent when the model has none. */
  readonly dims?: readonly DimBinding[];
  /** Element types and known small values of blobs (ONNX models only), by blob id. */
  readonly blobFacts?: ReadonlyMap<string, TensorFacts>;
  /** Layers in topological order. */
  readonly layers: readonly LayerResult[];
  /** Shape of every blob id; null where unknown. */
  readonly blobShapes: ReadonlyMap<string, Shape | null>;
  readonly totals: Totals;
  /** Reader diagnostics followed by analysis diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}
