import type { AttrValue, Diagnostic, SourceSpan } from '../../ir';
import { KERAS_SHARED_ATTR } from '../../ops/keras/common';
import { GraphBuilder } from '../../ir/graph-builder';
import type { JsonObject, JsonValue } from './json-spans';
import { isObject, type Json, readShape, strOf, toAttrMap } from './source';
import { type InboundRef, parseInboundNode, parseRefList } from './inbound';

/** Class names that hold a whole model (flattened into the graph when used as a layer). */
const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

/** Nested models deeper than this are not expanded (guards against hostile inputs). */
const MAX_MODEL_DEPTH = 64;

/** Outputs beyond each call's first that a model may make without a reference to each (see outputCount). */
const EXTRA_OUTPUTS = 100_000;

/** One layer entry of a model config, with what the reader needs about it. */
interface LayerEntry {
  readonly obj: JsonObject;
  readonly cls: string;
  readonly cfg: JsonObject;
  readonly name: string;
  readonly span?: SourceSpan;
  readonly nameSpan?: SourceSpan;
}

/** The name of a tensor produced by call `node` of a layer, output `tensor`. */
export function tensorBlobName(layer: string, node: number, tensor: number): string {
  return node === 0 && tensor === 0 ? layer : `${layer}:${node}:${tensor}`;
}

/** Layers of a model config: `config.layers`, or the config itself for pre-2.2 Sequential. */
function layerList(cfg: JsonValue | undefined): JsonValue[] | undefined {
  if (Array.isArray(cfg)) return cfg;
  if (isObject(cfg) && Array.isArray(cfg.layers)) return cfg.layers;
  return undefined;
}

/** True for a layer entry that is itself a model (Sequential/Functional, or a Functional subclass). */
function isModelEntry(obj: JsonObject): boolean {
  const cls = strOf(obj, 'class_name') ?? '';
  if (MODEL_CLASSES.has(cls)) return true;
  const cfg = obj.config;
  return isObject(cfg) && Array.isArray(cfg.layers) && cfg.input_layers !== undefined;
}

/** Turns a Keras / TF.js model config into GraphBuilder calls: flattening nested models, ordering calls. */
export class KerasWalker {
  readonly diags: Diagnostic[] = [];
  private depth = 0;
  /** Outputs made beyond each call's first, and references read (see outputCount). */
  private extraOutputs = 0;
  private refCount = 0;
  /** Prefix of a nested model's later call → prefix of its first call (whose nodes hold the weights). */
  private readonly recalls: [string, string][] = [];

  constructor(
    readonly b: GraphBuilder,
    readonly json: Json,
  ) {}

  private diag(severity: Diagnostic['severity'], message: string, span?: SourceSpan, layer?: string) {
    this.diags.push({ severity, message, ...(span ? { span } : {}), ...(layer ? { layer } : {}) });
  }

  /** Display name of a model entry. */
  modelName(model: JsonObject, fallback: string): string {
    return strOf(model.config, 'name') ?? strOf(model, 'name') ?? fallback;
  }

  /** Walks a model; `bound` are the outer tensors feeding a nested model's inputs. Returns its output blobs. */
  model(model: JsonObject, scope: readonly string[], prefix: string, bound?: readonly string[]): string[] {
    const cls = strOf(model, 'class_name') ?? '';
    const cfg = model.config;
    const layers = layerList(cfg);
    if (!layers) {
      this.diag(
        'error',
        `${cls || 'model'} config has no "layers" list`,
        this.json.memberSpan(model, 'config') ?? this.json.spanOf(model),
      );
      return [];
    }
    const cfgObj = isObject(cfg) ? cfg : undefined;
    if (cls === 'Sequential' || (!cfgObj?.input_layers && !layers.some((l) => isObject(l) && l.inbound_nodes))) {
      return this.sequential(layers, model, scope, prefix, bound?.[0]);
    }
    return this.functional(layers, cfgObj!, scope, prefix, bound);
  }

  private entry(item: JsonValue, index: number, list: JsonValue[]): LayerEntry | undefined {
    if (!isObject(item)) {
      this.diag('error', `layer entry ${index} is not an object`, this.json.itemSpan(list, index));
      return undefined;
    }
    // A layer cut off by a syntax error is dropped; the syntax error is already reported.
    if (this.json.incomplete(item)) return undefined;
    const cls = strOf(item, 'class_name');
    const span = this.json.spanOf(item);
    if (!cls) {
      this.diag('error', `layer entry ${index} has no "class_name"`, span);
      return undefined;
    }
    const cfg = isObject(item.config) ? item.config : {};
    const name = strOf(cfg, 'name') ?? strOf(item, 'name');
    const nameSpan =
      this.json.memberSpan(cfg, 'name') ??
      this.json.memberSpan(item, 'name') ??
      this.json.memberSpan(item, 'class_name');
    if (!name)
      this.diag(
        'warning',
        `${cls} layer (entry ${index}) has no name; called "${cls.toLowerCase()}_${index}"`,
        nameSpan,
      );
    return {
      obj: item,
      cls,
      cfg,
      name: name ?? `${cls.toLowerCase()}_${index}`,
      ...(span ? { span } : {}),
      ...(nameSpan ? { nameSpan } : {}),
    };
  }

  /**
   * The outputs made for one call: up to the highest tensor index referenced. Each index is
   * bounded (MAX_REF_INDEX), and so is their sum over the model: the outputs beyond the first
   * may not exceed EXTRA_OUTPUTS plus the number of references (every real one is referenced),
   * so a file naming output 1023 of every call cannot make millions of blobs.
   */
  private outputCount(count: number, e: LayerEntry): number {
    if (count <= 1) return 1;
    this.extraOutputs += count - 1;
    if (this.extraOutputs <= EXTRA_OUTPUTS + this.refCount) return count;
    this.extraOutputs -= count - 1;
    this.diag(
      'error',
      `layer "${e.name}": references ask for ${count} outputs of one call; too many unreferenced outputs in this model, only the first is kept`,
      e.nameSpan,
      e.name,
    );
    return 1;
  }

  /** The node that holds the weights of `name`: the same layer in the first call of every enclosing model. */
  private weightOwner(name: string): string {
    let n = name;
    for (let i = this.recalls.length - 1; i >= 0; i--) {
      const [from, to] = this.recalls[i]!;
      if (n.startsWith(from)) n = to + n.slice(from.length);
    }
    return n;
  }

  private addNode(
    e: LayerEntry,
    nodeName: string,
    scope: readonly string[],
    bottoms: readonly string[],
    tops: readonly string[],
    bottomSpans?: readonly (SourceSpan | undefined)[],
    firstCall?: string,
  ): number {
    const attrSpans = this.json.memberSpans(e.cfg);
    const typeSpan = this.json.memberSpan(e.obj, 'class_name');
    if (typeSpan) attrSpans.type = typeSpan;
    const attrs = toAttrMap(e.cfg);
    // A later call of a shared layer (or of a nested model) reuses the first call's weights.
    const owner = this.weightOwner(firstCall ?? nodeName);
    if (owner !== nodeName) (attrs as Record<string, AttrValue>)[KERAS_SHARED_ATTR] = owner;
    return this.b.addLayer({
      name: nodeName,
      type: e.cls,
      sourceType: e.cls,
      attrs,
      attrSpans,
      bottoms,
      tops,
      ...(e.span ? { span: e.span } : {}),
      ...(e.nameSpan ? { nameSpan: e.nameSpan } : {}),
      ...(bottomSpans ? { bottomSpans } : {}),
      ...(scope.length ? { scope } : {}),
    });
  }

  /** The declared input shape of a layer config (InputLayer, or the first layer of a Sequential). */
  private declaredShape(e: LayerEntry, who: string, model?: JsonObject) {
    const obj = (v: JsonValue | undefined) => (isObject(v) ? v : undefined);
    // Keras 2 layer fields first, then Keras 3 build configs (the layer's, then the model's).
    const fields: [JsonObject | undefined, string, boolean][] = [
      [e.cfg, 'batch_input_shape', true],
      [e.cfg, 'batch_shape', true],
      [e.cfg, 'input_shape', false],
      [e.cfg, 'shape', false],
      [obj(e.obj.build_config), 'input_shape', true],
      [obj(model?.config), 'build_input_shape', true],
      [obj(model?.build_config), 'input_shape', true],
    ];
    for (const [obj, key, withBatch] of fields) {
      if (!obj || obj[key] === undefined || obj[key] === null) continue;
      const span = this.json.memberSpan(obj, key);
      const read = readShape(obj[key], withBatch);
      if (!read) continue;
      if (!read.ok) {
        this.diag(
          'warning',
          `input "${who}": ${key} ${read.reason}; set the shape with --input ${who}=DIMS or the input-shape control`,
          span,
          who,
        );
        return { shape: null, span };
      }
      return { shape: read.shape, span };
    }
    return { shape: null, span: undefined };
  }

  private addInputLayer(e: LayerEntry, nodeName: string, scope: readonly string[]): string {
    const index = this.addNode(e, nodeName, scope, [], [nodeName]);
    const { shape, span } = this.declaredShape(e, nodeName);
    this.b.markLayerInput(index, 0, shape, 'keras', span ?? e.nameSpan);
    return nodeName;
  }

  private nested(e: LayerEntry, scope: readonly string[], prefix: string, inputs: readonly string[], call: number) {
    if (this.depth >= MAX_MODEL_DEPTH) {
      this.diag(
        'error',
        `model "${e.name}" is nested more than ${MAX_MODEL_DEPTH} deep; not expanded`,
        e.nameSpan,
        e.name,
      );
      return [];
    }
    this.depth++;
    const inner = `${prefix}${e.name}${call > 0 ? `:${call}` : ''}/`;
    if (call > 0) this.recalls.push([inner, `${prefix}${e.name}/`]);
    const outs = this.model(e.obj, [...scope, e.name], inner, inputs);
    if (call > 0) this.recalls.pop();
    this.depth--;
    return outs;
  }

  private sequential(
    layers: JsonValue[],
    model: JsonObject,
    scope: readonly string[],
    prefix: string,
    bound: string | undefined,
  ): string[] {
    let cur = bound;
    layers.forEach((item, i) => {
      const e = this.entry(item, i, layers);
      if (!e) return;
      if (isModelEntry(e.obj)) {
        cur = this.nested(e, scope, prefix, cur !== undefined ? [cur] : [], 0)[0] ?? cur;
        return;
      }
      if (e.cls === 'InputLayer') {
        if (cur === undefined) cur = this.addInputLayer(e, prefix + e.name, scope);
        else if (bound === undefined)
          this.diag('warning', `InputLayer "${e.name}" after the first layer is ignored`, e.nameSpan, e.name);
        return;
      }
      if (cur === undefined) {
        // Keras creates `<first layer>_input` from the first layer's declared shape.
        const name = `${prefix}${e.name}_input`;
        const { shape, span } = this.declaredShape(e, name, model);
        cur = this.b.addInput({
          name,
          shape,
          source: 'keras',
          ...((span ?? e.nameSpan) ? { span: (span ?? e.nameSpan)! } : {}),
        });
      }
      const top = prefix + e.name;
      this.addNode(e, top, scope, [cur], [top]);
      cur = top;
    });
    return cur !== undefined ? [cur] : [];
  }

  private functional(
    layers: JsonValue[],
    cfg: JsonObject,
    scope: readonly string[],
    prefix: string,
    bound: readonly string[] | undefined,
  ): string[] {
    interface Call {
      readonly e: LayerEntry;
      readonly node: number;
      readonly refs: readonly InboundRef[];
    }
    const key = (layer: string, node: number) => `${layer}\u0000${node}`;
    const calls: Call[] = [];
    const callIndex = new Map<string, number>();
    const entries = new Map<string, LayerEntry>();
    const tensorCount = new Map<string, number>();
    const noteRef = (r: { layer: string; node: number; tensor: number }) => {
      const k = key(r.layer, r.node);
      tensorCount.set(k, Math.max(tensorCount.get(k) ?? 1, r.tensor + 1));
    };

    layers.forEach((item, i) => {
      const e = this.entry(item, i, layers);
      if (!e) return;
      if (!entries.has(e.name)) entries.set(e.name, e);
      const nodes = e.obj.inbound_nodes;
      const list = Array.isArray(nodes) ? nodes : [];
      if (list.length === 0) {
        if (e.cls !== 'InputLayer' && !isModelEntry(e.obj)) {
          this.diag('warning', `layer "${e.name}" has no inbound_nodes: it is not connected`, e.nameSpan, e.name);
        }
        if (e.cls === 'InputLayer' || !isModelEntry(e.obj)) {
          callIndex.set(key(e.name, 0), calls.length);
          calls.push({ e, node: 0, refs: [] });
        }
        return;
      }
      list.forEach((n, k) => {
        const refs = parseInboundNode(n, this.json, this.diags, e.name);
        this.refCount += refs.length;
        refs.forEach(noteRef);
        callIndex.set(key(e.name, k), calls.length);
        calls.push({ e, node: k, refs });
      });
    });
    const inputRefs = parseRefList(cfg.input_layers, this.json, this.diags, 'input_layers');
    const outputRefs = parseRefList(cfg.output_layers, this.json, this.diags, 'output_layers');
    outputRefs.forEach(noteRef);

    // Kahn's algorithm over calls, stable in file order: Keras lists layers by depth, but
    // hand-written files need not be ordered, and the builder needs producers first.
    const deps = calls.map(() => [] as number[]);
    const indeg = new Int32Array(calls.length);
    calls.forEach((c, i) => {
      const seen = new Set<number>();
      for (const r of c.refs) {
        const p = callIndex.get(key(r.layer, r.node));
        if (p === undefined || p === i || seen.has(p)) continue;
        seen.add(p);
        deps[p]!.push(i);
        indeg[i]!++;
      }
    });
    const order: number[] = [];
    for (let i = 0; i < calls.length; i++) if (indeg[i] === 0) order.push(i);
    for (let q = 0; q < order.length; q++) for (const j of deps[order[q]!]!) if (--indeg[j]! === 0) order.push(j);
    // Calls on a cycle are still added (the builder reports their missing producers).
    if (order.length < calls.length) for (let i = 0; i < calls.length; i++) if (indeg[i]! > 0) order.push(i);

    const tensors = new Map<string, string>();
    const tkey = (layer: string, node: number, tensor: number) => `${layer}\u0000${node}\u0000${tensor}`;
    const boundIndex = new Map<string, number>();
    inputRefs.forEach((r, i) => boundIndex.set(r.layer, i));

    for (const ci of order) {
      const { e, node, refs } = calls[ci]!;
      const base = prefix + e.name;
      const bottoms = refs.map(
        (r) => tensors.get(tkey(r.layer, r.node, r.tensor)) ?? tensorBlobName(prefix + r.layer, r.node, r.tensor),
      );
      if (e.cls === 'InputLayer') {
        const bi = boundIndex.get(e.name) ?? (inputRefs.length === 0 ? 0 : undefined);
        const outer = bi !== undefined ? bound?.[bi] : undefined;
        tensors.set(tkey(e.name, 0, 0), outer ?? this.addInputLayer(e, base, scope));
        continue;
      }
      if (isModelEntry(e.obj)) {
        const outs = this.nested(e, scope, prefix, bottoms, node);
        outs.forEach((blob, t) => tensors.set(tkey(e.name, node, t), blob));
        continue;
      }
      const count = this.outputCount(tensorCount.get(key(e.name, node)) ?? 1, e);
      const tops: string[] = new Array(count);
      for (let t = 0; t < count; t++) tops[t] = tensorBlobName(base, node, t);
      const nodeName = node === 0 ? base : `${base}:${node}`;
      this.addNode(
        e,
        nodeName,
        scope,
        bottoms,
        tops,
        refs.map((r) => r.span),
        node > 0 ? base : undefined,
      );
      tops.forEach((blob, t) => tensors.set(tkey(e.name, node, t), blob));
    }
    for (const r of inputRefs) {
      if (!entries.has(r.layer))
        this.diag('error', `input_layers names "${r.layer}", which is not a layer of this model`, r.span);
    }
    const outs: string[] = [];
    for (const r of outputRefs) {
      const blob = tensors.get(tkey(r.layer, r.node, r.tensor));
      if (blob === undefined)
        this.diag(
          'error',
          `output_layers names "${r.layer}" (node ${r.node}, tensor ${r.tensor}), which no layer produces`,
          r.span,
        );
      else outs.push(blob);
    }
    // Without output_layers (hand-written files), the last call's first output stands in.
    if (outputRefs.length === 0 && order.length > 0) {
      const last = calls[order[order.length - 1]!]!;
      const blob = tensors.get(tkey(last.e.name, last.node, 0));
      if (blob !== undefined) outs.push(blob);
    }
    return outs;
  }
}
