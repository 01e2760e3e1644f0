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
  /**
   * True for a syntax error: the text could not be read as its format, so views keep the last
   * readable model. Any other error still yields the new (partial) model.
   */
  readonly syntax?: true;
  /**
   * Name of the graph input whose shape this message asks for (declared nowhere, or inferred):
   * the page offers that input's shape field and drops the message once the user sets it.
   */
  readonly input?: string;
  /** Byte offset in a binary model (ONNX) the message is about, when the reader knows it. */
  readonly byteOffset?: number;
}

/** Attribute values as written in the model, format-neutral. Repeated fields are arrays. */
export type AttrValue = number | string | boolean | AttrValue[] | AttrMap;
export interface AttrMap {
  readonly [key: string]: AttrValue;
}

export type ModelFormat = 'caffe' | 'caffe-json' | 'keras' | 'onnx';
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
  /** Element type, where the model declares it (ONNX). */
  readonly dtype?: DType;
  /** A tensor stored in the model (ONNX initializer), an omitted optional input, or a sub-graph's formal input. */
  readonly constant?: IRConstant;
  /** Position in `IRGraph.blobs` when GraphBuilder made it (the analysis numbers blobs by it, without hashing). */
  readonly order?: number;
}

/**
 * Tensor element types, named as ONNX's TensorProto.DataType in lower case
 * (`float`, `float16`, `int64`, `bool`, …).
 */
export type DType = string;

/** A dimension: a number, or a symbolic name (ONNX `dim_param`) whose value the user chooses. */
export type SymDim = number | string;

/** A byte range of a binary model file. */
export interface ByteSpan {
  readonly offset: number;
  readonly length: number;
}

/** What a producer-less blob that is not a graph input is. */
export interface IRConstant {
  /**
   * 'initializer': a tensor stored in the model (its values are never copied);
   * 'absent': an optional input left empty (ONNX `""`);
   * 'formal': an input of a sub-graph (If/Loop/Scan body), bound by its owner node.
   */
  readonly kind: 'initializer' | 'absent' | 'formal';
  readonly dims?: Shape;
  readonly dtype?: DType;
  /** Where the element data lies in the model file (inline data). */
  readonly bytes?: ByteSpan;
  /** Data stored outside the model file (ONNX external data: a file beside the model). */
  readonly external?: { readonly location: string; readonly offset?: number; readonly length?: number };
  /** Element values, row-major, for small numeric tensors only (shape vectors, axes, scalars). */
  readonly values?: readonly number[];
  /** For 'formal': the declared shape, symbolic dims by name. */
  readonly declared?: readonly SymDim[] | null;
}

/** One sub-graph of a control-flow node (ONNX If/Loop/Scan), flattened into the graph's node list. */
export interface IRSubgraph {
  /** Attribute that holds it (`then_branch`, `body`, …). */
  readonly attr: string;
  readonly name: string;
  /** Indices of the nodes directly in this sub-graph (deeper sub-graphs belong to their own owner). */
  readonly nodes: readonly number[];
  /** Blob ids of its formal inputs and of its outputs, in declaration order. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * Makes the per-field spans of a node whose reader did not keep them. The Caffe prototxt reader
 * reads the layer's block again when they are asked for: they are wanted only for a message about
 * one field, and were ~5 objects per layer that a 175,000-layer model kept (and copied through
 * every young-generation collection) for nothing.
 */
export interface AttrSpanSource {
  attrSpans(node: IRNode): Readonly<Record<string, SourceSpan>> | undefined;
}

/**
 * The key of a node's AttrSpanSource: a symbol, so a structured clone (the page's copy of a
 * result) leaves it out (it holds the source text) instead of copying it.
 */
export const LAZY_ATTR_SPANS: unique symbol = Symbol('layerscope.lazyAttrSpans');

/** A node's per-field spans, made on demand when its reader left them out. */
export function attrSpansOf(node: IRNode): Readonly<Record<string, SourceSpan>> | undefined {
  return node.attrSpans ?? node[LAZY_ATTR_SPANS]?.attrSpans(node);
}

/**
 * The spans argument of createAttrReader for a node: the spans themselves when present, a
 * function that makes them when they are made on demand (called only when a message needs one).
 */
export function attrSpansFor(
  node: IRNode,
): Readonly<Record<string, SourceSpan>> | (() => Readonly<Record<string, SourceSpan>> | undefined) | undefined {
  if (node.attrSpans !== undefined) return node.attrSpans;
  const source = node[LAZY_ATTR_SPANS];
  return source === undefined ? undefined : () => source.attrSpans(node);
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
  /**
   * Spans of attribute fields keyed by dotted path, e.g. `convolution_param.kernel_size`. A reader
   * may leave them to be made on demand (Caffe prototxt): read them with attrSpansOf(node).
   */
  readonly attrSpans?: Readonly<Record<string, SourceSpan>>;
  /** Where attrSpansOf finds the spans of a node read without them (see LAZY_ATTR_SPANS). */
  readonly [LAZY_ATTR_SPANS]?: AttrSpanSource;
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
  /** Where the node is in a binary model (ONNX NodeProto bytes). */
  readonly bytes?: ByteSpan;
  /** Index of the control-flow node whose sub-graph holds this node (ONNX If/Loop/Scan bodies). */
  readonly parent?: number;
  /** Sub-graphs of a control-flow node, in attribute order. */
  readonly subgraphs?: readonly IRSubgraph[];
  /**
   * How many leading bottoms are the node's own inputs, when more follow: a control-flow node
   * also lists its sub-graphs' outputs as bottoms, so the graph shows them flowing into it.
   */
  readonly inputCount?: number;
  /**
   * Set by a reader when the layer's own definition has errors (e.g. a field the format's schema
   * does not know): analysis does not evaluate it, marks it broken, and its outputs are unknown.
   */
  readonly broken?: true;
}

/** Where an input's shape came from. */
export type InputSource = 'input_dim' | 'input_shape' | 'Input' | 'DummyData' | 'Data' | 'keras' | 'onnx' | 'override';

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
  /** The declared dims with symbolic ones by name (ONNX `dim_param`); `shape` has -1 there. */
  readonly dims?: readonly SymDim[];
  readonly dtype?: DType;
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
  /**
   * For a binary model (ONNX): the read-only text form shown in the editor. Node and
   * diagnostic spans of such a graph point into this text; byte positions are in `bytes`.
   */
  readonly sourceText?: string;
  /** Operator set versions by domain ('' is the default ONNX domain). */
  readonly opsets?: Readonly<Record<string, number>>;
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
