import type {
  AttrMap,
  AttrValue,
  Diagnostic,
  DType,
  IRBlob,
  IRConstant,
  IRInput,
  IRNode,
  IRSubgraph,
  Shape,
  SymDim,
} from '../../ir';
import { attrType, attrValue, ATTR, shapeDims, typeText } from './attributes';
import { dtypeName, tensorStorage, tensorValues } from './tensor';
import type { Decoded } from './wire';

/**
 * A name as messages show it: quoted, control characters escaped (names in a damaged file can
 * hold any bytes), and cut after 80 characters.
 */
export function q(name: string): string {
  const cut = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(cut);
}

/** Most reader errors listed; a damaged file can repeat one problem thousands of times. */
export const MAX_READER_ERRORS = 100;

/** The default-domain names of ONNX ('' and 'ai.onnx' are the same operator set). */
export function isDefaultDomain(domain: string): boolean {
  return domain === '' || domain === 'ai.onnx';
}

/** Node type in the IR: the op type for the default domain, `domain.OpType` for any other. */
export function nodeType(domain: string, opType: string): string {
  return isDefaultDomain(domain) ? opType : `${domain}.${opType}`;
}

interface MutableBlob {
  id: string;
  name: string;
  version: number;
  producer: number | null;
  consumers: number[];
  dtype?: DType;
  constant?: IRConstant;
}

/** A node before spans are known (the text form is printed after the graph is built). */
export interface DraftNode {
  index: number;
  name: string;
  type: string;
  sourceType: string;
  attrs: AttrMap;
  bottoms: string[];
  tops: string[];
  bytes: { offset: number; length: number };
  parent?: number;
  subgraphs?: IRSubgraph[];
  inputCount?: number;
  decoded: Decoded;
}

/** Everything the builder produced, before the text form adds spans. */
export interface BuiltGraph {
  readonly nodes: DraftNode[];
  readonly blobs: Map<string, IRBlob>;
  readonly inputs: IRInput[];
  readonly outputs: string[];
  readonly diagnostics: Diagnostic[];
  /** IR node index of each decoded NodeProto (for the printer). */
  readonly nodeOf: Map<Decoded, number>;
  /** Blob id of each value name per decoded graph (for the printer). */
  readonly idsOf: Map<Decoded, Map<string, string>>;
}

/** Deepest sub-graph nesting the reader follows (each level is a graph inside a node attribute). */
export const MAX_SUBGRAPH_DEPTH = 24;

/** The one blob every omitted optional input (`""`) refers to. */
export const ABSENT_BLOB = '';

/**
 * Builds the flattened IR of an ONNX graph and its sub-graphs. ONNX values are single
 * assignment, so blob ids are value names; a sub-graph value that reuses an outer name gets
 * a `/`-qualified id. Sub-graph nodes keep their owner in `parent`, and the owner lists the
 * sub-graphs' outputs after its own inputs.
 */
export class OnnxGraphBuilder {
  private readonly nodes: DraftNode[] = [];
  private readonly blobs = new Map<string, MutableBlob>();
  private readonly inputs: IRInput[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly nodeOf = new Map<Decoded, number>();
  private readonly idsOf = new Map<Decoded, Map<string, string>>();
  private readonly nodeNames = new Set<string>();
  /** Owners already told that their sub-graphs are nested too deep (one message per node). */
  private readonly tooDeep = new Set<number>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly functions: ReadonlySet<string>,
  ) {}

  /** Errors not listed past MAX_READER_ERRORS (summed up in one last message). */
  private dropped = 0;

  private error(message: string, byteOffset: number, layer?: string): void {
    if (this.diagnostics.length >= MAX_READER_ERRORS) {
      this.dropped++;
      return;
    }
    this.diagnostics.push({ severity: 'error', message, byteOffset, ...(layer !== undefined ? { layer } : {}) });
  }

  private warn(message: string, byteOffset: number, layer?: string): void {
    this.diagnostics.push({ severity: 'warning', message, byteOffset, ...(layer !== undefined ? { layer } : {}) });
  }

  private uniqueId(name: string, qualifier: string): string {
    if (!this.blobs.has(name)) return name;
    let id = qualifier ? `${qualifier}/${name}` : `${name}@1`;
    for (let k = 2; this.blobs.has(id); k++) id = `${qualifier ? `${qualifier}/` : ''}${name}@${k}`;
    return id;
  }

  private newBlob(id: string, name: string, producer: number | null, extra: Partial<MutableBlob> = {}): MutableBlob {
    const blob: MutableBlob = { id, name, version: 0, producer, consumers: [], ...extra };
    this.blobs.set(id, blob);
    return blob;
  }

  private uniqueNodeName(name: string): string {
    if (!this.nodeNames.has(name)) {
      this.nodeNames.add(name);
      return name;
    }
    let k = 2;
    while (this.nodeNames.has(`${name}_${k}`)) k++;
    const unique = `${name}_${k}`;
    this.nodeNames.add(unique);
    return unique;
  }

  /** Builds the top graph. */
  buildMain(graph: Decoded): BuiltGraph {
    const { scope } = this.graph(graph, [], null, '', 0);
    const outputs: string[] = [];
    for (const vi of (graph.output as Decoded[] | undefined) ?? []) {
      const name = (vi.name as string | undefined) ?? '';
      const id = scope.get(name);
      if (id === undefined) {
        this.error(`graph output ${q(name)} is not produced by any node, initializer or input`, vi.$start);
        continue;
      }
      if (!outputs.includes(id)) outputs.push(id);
    }
    if (this.dropped) {
      this.diagnostics.push({
        severity: 'error',
        message: `${this.dropped} more error${this.dropped > 1 ? 's' : ''} of the reader not listed`,
        byteOffset: 0,
      });
    }
    return {
      nodes: this.nodes,
      blobs: this.blobs as Map<string, IRBlob>,
      inputs: this.inputs,
      outputs,
      diagnostics: this.diagnostics,
      nodeOf: this.nodeOf,
      idsOf: this.idsOf,
    };
  }

  private lookup(name: string, scopes: readonly Map<string, string>[]): string | undefined {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const id = scopes[i]!.get(name);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /**
   * Adds the values and nodes of one graph. `owner` is the control-flow node holding it (null for
   * the top graph); `prefix` qualifies its node names and colliding value names. Returns its scope.
   */
  private graph(
    g: Decoded,
    outer: readonly Map<string, string>[],
    owner: number | null,
    prefix: string,
    depth: number,
  ): { scope: Map<string, string>; formal: string[] } {
    const scope = new Map<string, string>();
    this.idsOf.set(g, scope);
    const scopes = [...outer, scope];
    const define = (
      name: string,
      at: number,
      make: (id: string) => MutableBlob,
      layer?: string,
    ): string | undefined => {
      if (scope.has(name)) {
        this.error(`value ${q(name)} is defined twice in ${prefix ? `sub-graph ${prefix}` : 'the graph'}`, at, layer);
        return undefined;
      }
      const id = this.uniqueId(name, prefix);
      make(id);
      scope.set(name, id);
      return id;
    };

    // Initializers: stored tensors. Their data is described, never read (small ones excepted).
    for (const t of (g.initializer as Decoded[] | undefined) ?? []) {
      const name = (t.name as string | undefined) ?? '';
      const dims = ((t.dims as number[] | undefined) ?? []) as Shape;
      const dtype = dtypeName((t.data_type as number | undefined) ?? 0);
      const storage = tensorStorage(t);
      const values = tensorValues(this.bytes, t);
      define(name, t.$start, (id) =>
        this.newBlob(id, name, null, {
          dtype,
          constant: {
            kind: 'initializer',
            dims,
            dtype,
            ...(storage.bytes ? { bytes: storage.bytes } : {}),
            ...(storage.external ? { external: storage.external } : {}),
            ...(values ? { values } : {}),
          },
        }),
      );
    }
    for (const st of (g.sparse_initializer as Decoded[] | undefined) ?? []) {
      const values = st.values as Decoded | undefined;
      const name = (values?.name as string | undefined) ?? '';
      const dims = ((st.dims as number[] | undefined) ?? []) as Shape;
      const dtype = dtypeName((values?.data_type as number | undefined) ?? 0);
      define(name, st.$start, (id) =>
        this.newBlob(id, name, null, { dtype, constant: { kind: 'initializer', dims, dtype } }),
      );
    }

    // Inputs: an input that is also an initializer is a weight with a default, not an input.
    const formal: string[] = [];
    for (const vi of (g.input as Decoded[] | undefined) ?? []) {
      const name = (vi.name as string | undefined) ?? '';
      const tp = vi.type as Decoded | undefined;
      const tensor = tp?.tensor_type as Decoded | undefined;
      const dtype = tensor?.elem_type !== undefined ? dtypeName(tensor.elem_type as number) : undefined;
      const dims = tensor ? shapeDims(tensor.shape as Decoded | undefined) : null;
      if (owner === null && scope.has(name)) continue;
      if (owner !== null) {
        const id = define(name, vi.$start, (i) =>
          this.newBlob(i, name, null, {
            ...(dtype ? { dtype } : {}),
            constant: { kind: 'formal', declared: dims, ...(dtype ? { dtype } : {}) },
          }),
        );
        if (id !== undefined) formal.push(id);
        continue;
      }
      const id = define(name, vi.$start, (i) => this.newBlob(i, name, null, dtype ? { dtype } : {}));
      if (id === undefined) continue;
      // A dim with neither a value nor a name is unknown on its own: it gets a name of its own
      // (`input[1]`), never one shared with other anonymous dims.
      const named = dims?.map((d, axis) => (d === '?' ? `${name}[${axis}]` : d));
      const shape: Shape | null = named ? named.map((d) => (typeof d === 'number' && d > 0 ? d : -1)) : null;
      const symbolic = named?.some((d) => typeof d === 'string') ?? false;
      this.inputs.push({
        blob: id,
        name,
        shape,
        source: 'onnx',
        ...(named && symbolic ? { dims: named as SymDim[] } : {}),
        ...(dtype ? { dtype } : tp ? { dtype: typeText(tp) } : {}),
      });
    }

    // Every node's outputs first, so an input produced later in the file (an unsorted graph) still
    // resolves and the analysis reports the real problem (order or cycle) instead of a missing value.
    const nodes = (g.node as Decoded[] | undefined) ?? [];
    const reserved: number[] = [];
    for (let k = 0; k < nodes.length; k++) {
      const nd = nodes[k]!;
      const opType = (nd.op_type as string | undefined) ?? '';
      const domain = (nd.domain as string | undefined) ?? '';
      const index = this.nodes.length;
      const given = (nd.name as string | undefined) ?? '';
      const name = this.uniqueNodeName(`${prefix ? `${prefix}/` : ''}${given || `${opType || 'node'}_${k}`}`);
      const draft: DraftNode = {
        index,
        name,
        type: nodeType(domain, opType),
        sourceType: opType,
        attrs: {},
        bottoms: [],
        tops: [],
        bytes: { offset: nd.$start, length: nd.$end - nd.$start },
        ...(owner !== null ? { parent: owner } : {}),
        decoded: nd,
      };
      this.nodes.push(draft);
      this.nodeOf.set(nd, index);
      reserved.push(index);
      if (!opType) this.error(`node ${q(name)} has no op_type`, nd.$start, name);
      const outs = (nd.output as string[] | undefined) ?? [];
      outs.forEach((out, i) => {
        if (out === '') {
          // An omitted optional output: a private blob keeps the positions of the others.
          draft.tops.push(this.newBlob(this.uniqueId(`${name}:out${i}`, ''), `${name}:out${i}`, index).id);
          return;
        }
        const first = scope.get(out);
        if (first !== undefined) {
          const prev = this.blobs.get(first);
          const by = prev?.producer != null ? `node ${q(this.nodes[prev.producer]!.name)}` : 'an input or initializer';
          this.error(
            `node ${q(name)}: output ${q(out)} is already produced by ${by} (ONNX values are assigned once)`,
            nd.$start,
            name,
          );
          draft.tops.push(this.newBlob(this.uniqueId(`${out}@dup`, ''), out, index).id);
          return;
        }
        const id = this.uniqueId(out, prefix);
        this.newBlob(id, out, index);
        scope.set(out, id);
        draft.tops.push(id);
      });
      if (!isDefaultDomain(domain) && this.functions.has(`${domain}::${opType}`)) {
        this.warn(
          `node ${q(name)}: ${opType} is a function defined in this model (domain ${domain}); functions are not expanded, so its outputs are unknown`,
          nd.$start,
          name,
        );
      }
    }

    for (let k = 0; k < nodes.length; k++) {
      const nd = nodes[k]!;
      const draft = this.nodes[reserved[k]!]!;
      const ins = (nd.input as string[] | undefined) ?? [];
      for (const input of ins) {
        let id = input === '' ? this.absent() : this.lookup(input, scopes);
        if (id === undefined) {
          this.error(
            `node ${q(draft.name)}: input ${q(input)} is not produced by any node, initializer or graph input`,
            nd.$start,
            draft.name,
          );
          id = this.uniqueId(input, prefix);
          this.newBlob(id, input, null);
          scope.set(input, id);
        }
        this.blobs.get(id)!.consumers.push(draft.index);
        draft.bottoms.push(id);
      }
      draft.attrs = this.attributes(nd, draft, scopes, depth);
    }
    return { scope, formal };
  }

  private absent(): string {
    if (!this.blobs.has(ABSENT_BLOB)) this.newBlob(ABSENT_BLOB, '', null, { constant: { kind: 'absent' } });
    return ABSENT_BLOB;
  }

  private attributes(nd: Decoded, draft: DraftNode, scopes: readonly Map<string, string>[], depth: number): AttrMap {
    const attrs: Record<string, AttrValue> = {};
    const subgraphs: IRSubgraph[] = [];
    for (const a of (nd.attribute as Decoded[] | undefined) ?? []) {
      const name = (a.name as string | undefined) ?? '';
      if (name in attrs) {
        this.error(`node ${q(draft.name)}: attribute ${q(name)} is given twice`, a.$start, draft.name);
        continue;
      }
      const type = attrType(a);
      if (type === ATTR.GRAPH || type === ATTR.GRAPHS) {
        const graphs =
          type === ATTR.GRAPH ? (a.g ? [a.g as Decoded] : []) : ((a.graphs as Decoded[] | undefined) ?? []);
        graphs.forEach((sub, i) => {
          const attr = type === ATTR.GRAPH ? name : `${name}[${i}]`;
          const built = this.subgraph(sub, scopes, draft, attr, depth + 1, a.$start);
          if (built) subgraphs.push(built);
        });
      }
      const v = attrValue(this.bytes, a);
      if (v !== undefined) attrs[name] = v;
      else if (a.ref_attr_name === undefined) {
        this.warn(`node ${q(draft.name)}: attribute ${q(name)} has an unknown type ${type}`, a.$start, draft.name);
      }
    }
    if (subgraphs.length) {
      draft.subgraphs = subgraphs;
      draft.inputCount = draft.bottoms.length;
      for (const sg of subgraphs) {
        for (const out of sg.outputs) {
          if (draft.bottoms.includes(out)) continue;
          draft.bottoms.push(out);
          this.blobs.get(out)!.consumers.push(draft.index);
        }
      }
    }
    return attrs;
  }

  private subgraph(
    g: Decoded,
    scopes: readonly Map<string, string>[],
    owner: DraftNode,
    attr: string,
    depth: number,
    at: number,
  ): IRSubgraph | undefined {
    if (depth > MAX_SUBGRAPH_DEPTH) {
      if (this.tooDeep.has(owner.index)) return undefined;
      this.tooDeep.add(owner.index);
      this.error(
        `node ${q(owner.name)}: sub-graphs nested more than ${MAX_SUBGRAPH_DEPTH} deep; the deeper ones are not read`,
        at,
        owner.name,
      );
      return undefined;
    }
    const start = this.nodes.length;
    const { scope, formal } = this.graph(g, scopes, owner.index, `${owner.name}/${attr}`, depth);
    const nodes: number[] = [];
    for (let i = start; i < this.nodes.length; i++) if (this.nodes[i]!.parent === owner.index) nodes.push(i);
    const outputs: string[] = [];
    for (const vi of (g.output as Decoded[] | undefined) ?? []) {
      const name = (vi.name as string | undefined) ?? '';
      const id = scope.get(name) ?? this.lookup(name, scopes);
      if (id === undefined) {
        this.error(
          `node ${q(owner.name)}: output ${q(name)} of sub-graph ${attr} is not produced inside it`,
          vi.$start,
          owner.name,
        );
        continue;
      }
      outputs.push(id);
    }
    return { attr, name: (g.name as string | undefined) ?? attr, nodes, inputs: formal, outputs };
  }
}

/** The finished IR node of a draft, with its text spans. */
export function finishNode(d: DraftNode, spans: Pick<IRNode, 'span' | 'nameSpan' | 'attrSpans'>): IRNode {
  return {
    index: d.index,
    name: d.name,
    type: d.type,
    sourceType: d.sourceType,
    attrs: d.attrs,
    bottoms: d.bottoms,
    tops: d.tops,
    inPlace: d.tops.map(() => false),
    ...spans,
    bytes: d.bytes,
    ...(d.parent !== undefined ? { parent: d.parent } : {}),
    ...(d.subgraphs ? { subgraphs: d.subgraphs } : {}),
    ...(d.inputCount !== undefined ? { inputCount: d.inputCount } : {}),
  };
}
