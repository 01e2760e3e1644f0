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
  AttrSpanSource,
} from './types';
import { LAZY_ATTR_SPANS } from './types';
import { setPrebuiltIndex } from './graph-index';

interface MutableBlob {
  id: string;
  name: string;
  version: number;
  producer: number | null;
  consumers: number[];
  order: number;
}

/** A name's use as a layer name (first definition) and as a blob name (its latest version). */
interface NameRecord {
  layer: boolean;
  layerSpan: SourceSpan | undefined;
  blob: MutableBlob | undefined;
}

/** What a reader knows about one layer before blob resolution. */
export interface LayerSpec {
  name: string;
  type: string;
  sourceType?: string;
  attrs: AttrMap;
  attrSpans?: Record<string, SourceSpan>;
  /** Makes attrSpans on demand, for a reader that leaves them out (see LAZY_ATTR_SPANS). */
  spanSource?: AttrSpanSource;
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
 * must be flattened and hashed again by every map it is stored in. Bounded: cleared when a
 * build starts with it full, and a build that fills it makes the rest of its ids fresh (clearing
 * mid-build made a 175,000-layer model churn the whole cache over and over).
 */
const VERSIONED = new Map<string, string[]>();
const NO_CONSUMERS: number[] = [];
/**
 * The in-place flags of a one-top layer, shared: nearly every layer has one top, and an array per
 * node is ~56 bytes that a 175,000-layer model keeps (and copies through young-generation
 * collections). IRNode.inPlace is readonly and never written after the build.
 */
const IN_PLACE: boolean[] = [true];
const NOT_IN_PLACE: boolean[] = [false];
const VERSIONED_MAX = 50_000;
/**
 * Versioned ids one build takes from the cache. The cache pays off on the repeated reads of a
 * model being edited; past this many, a build makes its ids fresh: in a 175,000-layer model the
 * lookups and insertions in a map of tens of thousands of names cost more than the strings they
 * save (A/B: the read of the 20 MB model is ~5% faster).
 */
const VERSIONED_PER_BUILD = 20_000;

function versionedId(name: string, version: number): string {
  // Past a few versions (a blob rewritten hundreds of times) or for long names, not worth it.
  if (version >= 64 || name.length > 64) return `${name}@${version}`;
  let ids = VERSIONED.get(name);
  if (ids === undefined) {
    if (VERSIONED.size >= VERSIONED_MAX) return `${name}@${version}`;
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
  /**
   * Everything known about one name, as a layer name and as a blob name: one map for both, since
   * a layer usually shares its name with its top (`conv1` writes `conv1`), so one lookup serves
   * the duplicate check and the top (a 175,000-layer model makes millions of lookups otherwise).
   */
  private readonly byName = new Map<string, NameRecord>();
  /** True once a name with '@' was seen: only then can a versioned id collide with a written name. */
  private sawAt = false;
  /**
   * Blobs of blobList already in the blobs map. The map is filled in one loop at the end (and
   * kept up to date from the first name with an '@'): in a 175,000-layer model, one insertion per
   * blob interleaved with the rest of the read was its costliest line (a cache miss each).
   */
  private mapped = 0;
  /** Versioned ids made so far (see VERSIONED_PER_BUILD). */
  private versioned = 0;
  private readonly inputs: IRInput[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Explains a bottom nobody produced (e.g. "in phase TRAIN it is produced by layer …"); its
   * text is appended to the error. Set by readers that know more than the graph does.
   */
  danglingHint: (blob: string) => string | undefined = noHint;
  /** Caffe: the phase the layers were kept for, recorded on the graph. */
  phase: 'TRAIN' | 'TEST' | undefined = undefined;
  /** Blobs in creation order (= the blob map's order), and each node's bottom / top blob numbers. */
  private readonly blobList: MutableBlob[] = [];
  private readonly bottomIdx: number[] = [];
  private readonly bottomStart: number[] = [];
  private readonly topIdx: number[] = [];
  private readonly topStart: number[] = [];

  constructor(
    private readonly format: ModelFormat,
    private readonly layout: Layout,
  ) {
    if (VERSIONED.size >= VERSIONED_MAX) VERSIONED.clear();
  }

  private record(name: string): NameRecord {
    let r = this.byName.get(name);
    if (r === undefined) {
      r = { layer: false, layerSpan: undefined, blob: undefined };
      this.byName.set(name, r);
      if (!this.sawAt && name.includes('@')) this.sawAt = true;
    }
    return r;
  }

  private newBlob(rec: NameRecord, name: string, producer: number | null): MutableBlob {
    const prev = rec.blob;
    const version = prev ? prev.version + 1 : 0;
    const id =
      version === 0 ? name : this.versioned++ < VERSIONED_PER_BUILD ? versionedId(name, version) : `${name}@${version}`;
    // Consumers are set by build() (exact-length arrays); until then every blob shares one empty list.
    const blob: MutableBlob = { id, name, version, producer, consumers: NO_CONSUMERS, order: this.blobList.length };
    rec.blob = blob;
    if (!this.sawAt) {
      // No written name has an '@', so no two blobs share an id: the map is filled by build().
      this.blobList.push(blob);
      return blob;
    }
    // An id made twice (a name with '@' colliding with a version id) keeps its first map slot.
    this.mapBlobs();
    const replaced = this.blobs.get(id);
    this.blobs.set(id, blob);
    if (replaced !== undefined) {
      blob.order = replaced.order;
      this.blobList[replaced.order] = blob;
    } else this.blobList.push(blob);
    this.mapped = this.blobList.length;
    return blob;
  }

  /** True when a blob of this name exists already. */
  hasBlob(name: string): boolean {
    return this.byName.get(name)?.blob !== undefined;
  }

  /** Declares a graph input that is not produced by a layer (Caffe `input:`, Keras inputs). */
  addInput(spec: InputSpec, node?: number): string {
    const rec = this.record(spec.name);
    const existing = rec.blob;
    const blob =
      existing && existing.producer === null && node === undefined
        ? existing
        : this.newBlob(rec, spec.name, node ?? null);
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
    const own = this.record(spec.name);
    if (own.layer) {
      const first = own.layerSpan;
      this.diagnostics.push({
        severity: 'warning',
        message: `duplicate layer name "${spec.name}"${first ? ` (first defined at line ${first.line}:${first.column})` : ''}`,
        layer: spec.name,
        ...((spec.nameSpan ?? spec.span) ? { span: (spec.nameSpan ?? spec.span)! } : {}),
      });
    } else {
      own.layer = true;
      own.layerSpan = spec.nameSpan ?? spec.span;
    }
    // Arrays of exact length: `[]` grown by push reserves 17 slots, and a 175,000-layer model
    // keeps four such arrays per layer (hundreds of MB to allocate and collect).
    const bottoms: string[] = new Array(spec.bottoms.length);
    this.bottomStart.push(this.bottomIdx.length);
    // The first bottom's record: an in-place layer's top is that name again, and a lookup in a
    // map of every name of a big model is a cache miss.
    let rec0: NameRecord | undefined;
    for (let i = 0; i < spec.bottoms.length; i++) {
      const name = spec.bottoms[i]!;
      let rec = name === spec.name ? own : this.byName.get(name);
      let blob = rec?.blob;
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
        rec ??= this.record(name);
        blob = this.newBlob(rec, name, null);
      }
      if (i === 0) rec0 = rec;
      // Consumers are filled in by build(), from bottomIdx, into arrays of exact length.
      bottoms[i] = blob.id;
      this.bottomIdx.push(blob.order);
    }
    const nt = spec.tops.length;
    const tops: string[] = new Array(nt);
    const inPlace: boolean[] =
      nt === 1 ? (spec.bottoms.includes(spec.tops[0]!) ? IN_PLACE : NOT_IN_PLACE) : new Array(nt);
    this.topStart.push(this.topIdx.length);
    for (let i = 0; i < nt; i++) {
      const name = spec.tops[i]!;
      if (nt !== 1) inPlace[i] = spec.bottoms.includes(name);
      const rec = name === spec.name ? own : rec0 !== undefined && name === spec.bottoms[0] ? rec0 : this.record(name);
      const blob = this.newBlob(rec, name, index);
      tops[i] = blob.id;
      this.topIdx.push(blob.order);
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
      name: this.blobList[this.topIdx[this.topStart[index]! + topIndex]!]?.name ?? blob,
      shape,
      source,
      node: index,
      ...(span ? { span } : {}),
    });
  }

  /** Every blob's consumers (node indices, one per bottom reference, in node order), in exact-length arrays. */
  private fillConsumers(): void {
    const list = this.blobList;
    const counts = new Int32Array(list.length);
    const refs = this.bottomIdx;
    for (let j = 0; j < refs.length; j++) counts[refs[j]!]!++;
    for (let b = 0; b < list.length; b++) {
      list[b]!.consumers = new Array<number>(counts[b]!);
      counts[b] = 0;
    }
    const starts = this.bottomStart;
    for (let n = 0; n < starts.length; n++) {
      const end = n + 1 < starts.length ? starts[n + 1]! : refs.length;
      for (let j = starts[n]!; j < end; j++) {
        const b = refs[j]!;
        list[b]!.consumers[counts[b]!++] = n;
      }
    }
  }

  /** Adds the blobs made since the last call to the blobs map, in creation order. */
  private mapBlobs(): void {
    const list = this.blobList;
    const blobs = this.blobs;
    for (let i = this.mapped; i < list.length; i++) blobs.set(list[i]!.id, list[i]!);
    this.mapped = list.length;
  }

  build(name: string, extraDiagnostics: readonly Diagnostic[] = []): IRGraph {
    this.mapBlobs();
    this.fillConsumers();
    const outputs: string[] = [];
    for (const blob of this.blobList) {
      if (blob.consumers.length === 0 && blob.producer !== null) {
        // A blob later rewritten in place is not an output; only its last version is.
        if (this.byName.get(blob.name)?.blob === blob) outputs.push(blob.id);
      }
    }
    const first = this.inputs[0]?.shape;
    const declaredBatch = first && first.length > 0 && first[0]! > 0 ? first[0]! : null;
    const graph: IRGraph = {
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
    const n = this.nodes.length;
    setPrebuiltIndex(graph, {
      ids: this.blobList.map((b) => b.id),
      blobs: this.blobList,
      bottomStart: closeStarts(this.bottomStart, n, this.bottomIdx.length),
      bottomIdx: Int32Array.from(this.bottomIdx),
      topStart: closeStarts(this.topStart, n, this.topIdx.length),
      topIdx: Int32Array.from(this.topIdx),
    });
    return graph;
  }
}

/** Per-node start offsets plus the closing end offset, as the typed array GraphIndex uses. */
function closeStarts(starts: readonly number[], nodes: number, end: number): Int32Array {
  const out = new Int32Array(nodes + 1);
  for (let i = 0; i < nodes; i++) out[i] = starts[i]!;
  out[nodes] = end;
  return out;
}

/**
 * The node object. The common reader case (all spans present, no scope) is one fixed-shape
 * literal, so every node shares a hidden class and no temporary spread objects are made.
 */
function makeNode(spec: LayerSpec, index: number, bottoms: string[], tops: string[], inPlace: boolean[]): IRNode {
  const { attrSpans, span, nameSpan, spanSource } = spec;
  const sourceType = spec.sourceType ?? spec.type;
  if (spanSource && !attrSpans && span && nameSpan && !spec.scope && !spec.broken) {
    return {
      index,
      name: spec.name,
      type: spec.type,
      sourceType,
      attrs: spec.attrs,
      bottoms,
      tops,
      inPlace,
      span,
      nameSpan,
      [LAZY_ATTR_SPANS]: spanSource,
    };
  }
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
    ...(attrSpans ? { attrSpans } : spanSource ? { [LAZY_ATTR_SPANS]: spanSource } : {}),
    ...(span ? { span } : {}),
    ...(nameSpan ? { nameSpan } : {}),
    ...(spec.scope ? { scope: spec.scope } : {}),
    ...(spec.broken ? { broken: true as const } : {}),
  };
}
