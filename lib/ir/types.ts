/**
 * The IR contract: every reader emits only these types and everything downstream
 * (analysis, views, exports, execution) reads only these types.
 */

/** A dimension list in the framework's own layout (Caffe N×C×H×W, Keras N×H×W×C). */
export type Shape = readonly number[];

/** A region of the source text. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface SourceSpan {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about the model, with a position wherever one is known. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly span?: SourceSpan;
  /** Name of the layer the message is about, when it is about one. */
  readonly layer?: string;
}

/** Attribute values as written in the model, format-neutral. Repeated fields are arrays. */
export type AttrValue = number | string | boolean | AttrValue[] | AttrMap;
export interface AttrMap {
  readonly [key: string]: AttrValue;
}

export type ModelFormat = 'caffe' | 'caffe-json' | 'keras';
export type Layout = 'NCHW' | 'NHWC';

/**
 * A blob is one version of a named tensor. In-place layers (top == bottom) create a new
 * version, so a later reader of `conv1` sees the post-ReLU blob: ids are `name` for the
 * first version and `name@1`, `name@2`… for later ones.
 */
export interface IRBlob {
  readonly id: string;
  /** The name as written in the model. */
  readonly name: string;
  readonly version: number;
  /** Index of the producing node, or null for a graph input. */
  readonly producer: number | null;
  /** Indices of nodes that read this blob. */
  readonly consumers: number[];
  /** Position in `IRGraph.blobs` when GraphBuilder made it (the analysis numbers blobs by it, without hashing). */
  readonly order?: number;
}

export interface IRNode {
  /** Position in `IRGraph.nodes` (topological order is computed by analysis, not assumed). */
  readonly index: number;
  readonly name: string;
  /** Canonical type: Caffe's current type name for Caffe models (V1 enums mapped), Keras class_name for Keras. */
  readonly type: string;
  /** The type exactly as written (e.g. `CONVOLUTION`, `Conv2D`). */
  readonly sourceType: string;
  /**
   * Format-specific attributes. Caffe: the LayerParameter fields other than name/type/bottom/top
   * (e.g. `{ convolution_param: { num_output: 64, kernel_size: 3 } }`). Keras: the layer `config`.
   */
  readonly attrs: AttrMap;
  /** Spans of attribute fields keyed by dotted path, e.g. `convolution_param.kernel_size`. */
  readonly attrSpans?: Readonly<Record<string, SourceSpan>>;
  /** Blob ids read by this node, in order. */
  readonly bottoms: readonly string[];
  /** Blob ids written by this node, in order. */
  readonly tops: readonly string[];
  /** For each top: true when it rewrites its bottom in place (top name == a bottom name). */
  readonly inPlace: readonly boolean[];
  /** Span of the whole layer definition. */
  readonly span?: SourceSpan;
  /** Span of the layer's name (or of its type, when unnamed), for precise markers. */
  readonly nameSpan?: SourceSpan;
  /** Path of enclosing Keras models for nested models, outermost first; empty for Caffe. */
  readonly scope?: readonly string[];
  /**
   * Set by a reader when the layer's own definition has errors (e.g. a field the format's schema
   * does not know): analysis does not evaluate it, marks it broken, and its outputs are unknown.
   */
  readonly broken?: true;
}

/** Where an input's shape came from. */
export type InputSource = 'input_dim' | 'input_shape' | 'Input' | 'DummyData' | 'Data' | 'keras' | 'override';

export interface IRInput {
  /** Blob id of the input tensor. */
  readonly blob: string;
  readonly name: string;
  /** Declared shape with the batch axis first (-1 there means unspecified, Keras `None`); null when the file declares none. */
  readonly shape: Shape | null;
  readonly source: InputSource;
  /** Node that declares this input (Input/Data/DummyData layers, Keras InputLayer), if any. */
  readonly node?: number;
  readonly span?: SourceSpan;
}

export interface IRGraph {
  readonly format: ModelFormat;
  readonly name: string;
  readonly layout: Layout;
  readonly nodes: readonly IRNode[];
  readonly blobs: ReadonlyMap<string, IRBlob>;
  readonly inputs: readonly IRInput[];
  /** Blob ids nobody consumes (the network's outputs). */
  readonly outputs: readonly string[];
  /** The batch the file declares (first input's first dim); null for Keras `None`. */
  readonly declaredBatch: number | null;
  /** Reader diagnostics (syntax, dangling bottoms, duplicates, cycles…). */
  readonly diagnostics: readonly Diagnostic[];
  /** Caffe: the phase the reader kept layers for (include/exclude rules). */
  readonly phase?: 'TRAIN' | 'TEST';
}

/** What a reader returns. A reader never throws: failures are diagnostics. */
export interface ReadResult {
  readonly graph: IRGraph;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ReadOptions {
  /** Caffe phase to keep (default TEST, i.e. deploy). */
  readonly phase?: 'TEST' | 'TRAIN';
  /** Caffe stages for include/exclude rules. */
  readonly stages?: readonly string[];
  /**
   * Schema problems (unknown fields, wrong value types, unknown enum values…) are warnings and the
   * values are read as written, for files of private forks. Default false: they are errors.
   */
  readonly lenient?: boolean;
}
