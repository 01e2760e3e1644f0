import type {
  AttrMap,
  Diagnostic,
  IRBlob,
  IRGraph,
  IRInput,
  IRNode,
  Layout,
  ModelFormat,
  Shape,
  SourceSpan,
  InputSource,
} from './types';

interface MutableBlob {
  id: string;
  name: string;
  version: number;
  producer: number | null;
  consumers: number[];
}

/** What a reader knows about one layer before blob resolution. */
export interface LayerSpec {
  name: string;
  type: string;
  sourceType?: string;
  attrs: AttrMap;
  attrSpans?: Record<string, SourceSpan>;
  /** Blob names as written. */
  bottoms: readonly string[];
  tops: readonly string[];
  span?: SourceSpan;
  nameSpan?: SourceSpan;
  /** Per-bottom spans, for dangling-bottom diagnostics (a function: only called for a dangling bottom). */
  bottomSpans?: readonly (SourceSpan | undefined)[] | ((i: number) => SourceSpan | undefined);
  scope?: readonly string[];
  /** The reader found errors in the layer's definition (see IRNode.broken). */
  broken?: boolean;
}

export interface InputSpec {
  name: string;
  shape: Shape | null;
  source: InputSource;
  span?: SourceSpan;
}

/**
 * `name@version` strings, kept between builds: in-place layers (BatchNorm, Scale, ReLU) give
 * most blobs of a ResNet a second to fourth version, and a string built fresh on every parse
 * must be flattened and hashed again by every map it is stored in. Cleared when large.
 */
const VERSIONED = new Map<string, string[]>();

function versionedId(name: string, version: number): string {
  // Past a few versions (a blob rewritten hundreds of times) or for long names, not worth it.
  if (version >= 64 || name.length > 64) return `${name}@${version}`;
  let ids = VERSIONED.get(name);
  if (ids === undefined) {
    if (VERSIONED.size > 50000) VERSIONED.clear();
    // ids[0] is a copy of the name (version 0's id): a slice of the model text would keep the
    // whole text alive from this cache, so neither the key nor the ids refer to the caller's string.
    const copy = (' ' + name).slice(1);
    ids = [copy];
    VERSIONED.set(copy, ids);
  }
  let id = ids[version];
  if (id === undefined) {
    id = `${ids[0]!}@${version}`;
    ids[version] = id;
  }
  return id;
}

/**
 * The default danglingHint. A function from the start, never null: giving the field a function
 * only later (once per read) made V8 slow every later property access of the builder (a read of
 * resnet152 took 4.7 ms instead of 0.3 ms).
 */
function noHint(): undefined {
  return undefined;
}

/**
 * Builds an IRGraph from layers in file order, resolving blob names to versioned blob ids.
 * Handles in-place layers (a top that rewrites a bottom gets a new version), reports
 * dangling bottoms and duplicate layer names with positions, and never throws.
 */
export class GraphBuilder {
  private readonly nodes: IRNode[] = [];
  private readonly blobs = new Map<string, MutableBlob>();
  /** Latest version of each blob name. */
  private readonly current = new Map<string, MutableBlob>();
  private readonly inputs: IRInput[] = [];
  private readonly names = new Map<string, SourceSpan | undefined>();
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Explains a bottom nobody produced (e.g. "in phase TRAIN it is produced by layer …"); its
   * text is appended to the error. Set by readers that know more than the graph does.
   */
  danglingHint: (blob: string) => string | undefined = noHint;
  /** Caffe: the phase the layers were kept for, recorded on the graph. */
  phase: 'TRAIN' | 'TEST' | undefined = undefined;

  constructor(
    private readonly format: ModelFormat,
    private readonly layout: Layout,
  ) {}

  private newBlob(name: string, producer: number | null): MutableBlob {
    const prev = this.current.get(name);
    const version = prev ? prev.version + 1 : 0;
    const id = version === 0 ? name : versionedId(name, version);
    const blob: MutableBlob = { id, name, version, producer, consumers: [] };
    this.blobs.set(id, blob);
    this.current.set(name, blob);
    return blob;
  }

  /** True when a blob of this name exists already. */
  hasBlob(name: string): boolean {
    return this.current.has(name);
  }

  /** Declares a graph input that is not produced by a layer (Caffe `input:`, Keras inputs). */
  addInput(spec: InputSpec, node?: number): string {
    const existing = this.current.get(spec.name);
    const blob =
      existing && existing.producer === null && node === undefined ? existing : this.newBlob(spec.name, node ?? null);
    this.inputs.push({
      blob: blob.id,
      name: spec.name,
      shape: spec.shape,
      source: spec.source,
      ...(node !== undefined ? { node } : {}),
      ...(spec.span ? { span: spec.span } : {}),
    });
    return blob.id;
  }

  /** Adds a layer; returns its node index. */
  addLayer(spec: LayerSpec): number {
    const index = this.nodes.length;
    if (this.names.has(spec.name)) {
      const first = this.names.get(spec.name);
      this.diagnostics.push({
        severity: 'warning',
        message: `duplicate layer name "${spec.name}"${first ? ` (first defined at line ${first.line}:${first.column})` : ''}`,
        layer: spec.name,
        ...((spec.nameSpan ?? spec.span) ? { span: (spec.nameSpan ?? spec.span)! } : {}),
      });
    } else {
      this.names.set(spec.name, spec.nameSpan ?? spec.span);
    }
    const bottoms: string[] = [];
    for (let i = 0; i < spec.bottoms.length; i++) {
      const name = spec.bottoms[i]!;
      let blob = this.current.get(name);
      if (!blob) {
        const at = spec.bottomSpans;
        const span = (typeof at === 'function' ? at(i) : at?.[i]) ?? spec.span;
        const hint = this.danglingHint(name);
        this.diagnostics.push({
          severity: 'error',
          message: `layer "${spec.name}": bottom "${name}" is not produced by any earlier layer or input${hint ? `; ${hint}` : ''}`,
          layer: spec.name,
          ...(span ? { span } : {}),
        });
        // A placeholder input blob keeps the graph connected; its shape stays unknown.
        blob = this.newBlob(name, null);
      }
      blob.consumers.push(index);
      bottoms.push(blob.id);
    }
    const tops: string[] = [];
    const inPlace: boolean[] = [];
    for (const name of spec.tops) {
      inPlace.push(spec.bottoms.includes(name));
      tops.push(this.newBlob(name, index).id);
    }
    const node = makeNode(spec, index, bottoms, tops, inPlace);
    this.nodes.push(node);
    return index;
  }

  /** Registers the tops of node `index` as graph inputs (Input/Data/DummyData layers). */
  markLayerInput(index: number, topIndex: number, shape: Shape | null, source: InputSource, span?: SourceSpan): void {
    const node = this.nodes[index];
    const blob = node?.tops[topIndex];
    if (!node || blob === undefined) return;
    this.inputs.push({
      blob,
      name: this.blobs.get(blob)?.name ?? blob,
      shape,
      source,
      node: index,
      ...(span ? { span } : {}),
    });
  }

  build(name: string, extraDiagnostics: readonly Diagnostic[] = []): IRGraph {
    const outputs: string[] = [];
    for (const blob of this.blobs.values()) {
      if (blob.consumers.length === 0 && blob.producer !== null) {
        // A blob later rewritten in place is not an output; only its last version is.
        if (this.current.get(blob.name) === blob) outputs.push(blob.id);
      }
    }
    const first = this.inputs[0]?.shape;
    const declaredBatch = first && first.length > 0 && first[0]! > 0 ? first[0]! : null;
    return {
      format: this.format,
      name,
      layout: this.layout,
      nodes: this.nodes,
      blobs: this.blobs as ReadonlyMap<string, IRBlob>,
      inputs: this.inputs,
      outputs,
      declaredBatch,
      diagnostics: [...extraDiagnostics, ...this.diagnostics],
      ...(this.phase ? { phase: this.phase } : {}),
    };
  }
}

/**
 * The node object. The common reader case (all spans present, no scope) is one fixed-shape
 * literal, so every node shares a hidden class and no temporary spread objects are made.
 */
function makeNode(spec: LayerSpec, index: number, bottoms: string[], tops: string[], inPlace: boolean[]): IRNode {
  const { attrSpans, span, nameSpan } = spec;
  const sourceType = spec.sourceType ?? spec.type;
  if (attrSpans && span && nameSpan && !spec.scope && !spec.broken) {
    return {
      index,
      name: spec.name,
      type: spec.type,
      sourceType,
      attrs: spec.attrs,
      bottoms,
      tops,
      inPlace,
      attrSpans,
      span,
      nameSpan,
    };
  }
  return {
    index,
    name: spec.name,
    type: spec.type,
    sourceType,
    attrs: spec.attrs,
    bottoms,
    tops,
    inPlace,
    ...(attrSpans ? { attrSpans } : {}),
    ...(span ? { span } : {}),
    ...(nameSpan ? { nameSpan } : {}),
    ...(spec.scope ? { scope: spec.scope } : {}),
    ...(spec.broken ? { broken: true as const } : {}),
  };
}
