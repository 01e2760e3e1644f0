import type { Diagnostic, SourceSpan } from '../../ir';
import type { JsonValue } from './json-spans';
import { describeJson, isObject, type Json } from './source';

/** One tensor a layer call reads: output `tensor` of call `node` of layer `layer`. */
export interface InboundRef {
  readonly layer: string;
  readonly node: number;
  readonly tensor: number;
  readonly span?: SourceSpan;
}

/** Keras 3 kwargs that carry tensors which are not data inputs of the layer. */
const NON_DATA_KWARGS = new Set(['mask', 'training', 'initial_state', 'constants']);

/** Bounds the search for Keras 3 tensors inside call arguments. */
const MAX_VISITS = 100_000;

/**
 * Largest call (node) and output (tensor) index accepted in a reference. The reader makes one
 * blob per output up to the highest index referenced, so the index is a count the input controls:
 * unbounded, `1e12` asked for an impossible array and `2^31` for minutes of work. Real layers
 * have a handful of outputs and calls.
 */
export const MAX_REF_INDEX = 1023;

/** Why a node / tensor index is unusable, or null when it is a valid index (absent means 0). */
function badIndex(v: JsonValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return `is ${describeJson(v)}, not an index (0, 1, 2…)`;
  if (v > MAX_REF_INDEX) return `is ${v}, beyond the ${MAX_REF_INDEX + 1} a layer can have`;
  return null;
}

/**
 * A ref from a layer name and its node and tensor indices, or undefined (with an error at the
 * ref) when an index is not a usable one: the ref is then left out, never silently made 0.
 */
function makeRef(
  name: string,
  node: JsonValue | undefined,
  tensor: JsonValue | undefined,
  at: JsonValue,
  json: Json,
  diags: Diagnostic[] | undefined,
): InboundRef | undefined {
  const span = json.spanOf(at);
  for (const [what, v] of [
    ['node (call) index', node],
    ['tensor (output) index', tensor],
  ] as const) {
    const why = badIndex(v);
    if (why === null) continue;
    diags?.push({
      severity: 'error',
      message: `reference to layer "${name}": the ${what} ${why}; this input is left out`,
      ...(span ? { span } : {}),
    });
    return undefined;
  }
  const idx = (v: JsonValue | undefined) => (typeof v === 'number' ? v : 0);
  return { layer: name, node: idx(node), tensor: idx(tensor), ...(span ? { span } : {}) };
}

/** `["name", node, tensor, {kwargs}]` (Keras 2 / TF.js) → a ref. */
function refFromList(list: JsonValue[], json: Json, diags?: Diagnostic[]): InboundRef | undefined {
  const [name, node, tensor] = list;
  if (typeof name !== 'string') return undefined;
  return makeRef(name, node, tensor, list, json, diags);
}

/**
 * Tensors passed by keyword in tf.keras 2 (`{"value": ["x", 0, 0]}` for MultiHeadAttention,
 * `{"y": ["b", 0, 0]}` for TFOpLambda) sit in the kwargs of a ref: they are inputs too.
 */
function kwargTensors(list: JsonValue[], json: Json, out: InboundRef[], diags: Diagnostic[]): void {
  const kwargs = list[3];
  if (!isObject(kwargs)) return;
  for (const [k, v] of Object.entries(kwargs)) {
    if (NON_DATA_KWARGS.has(k) || !Array.isArray(v) || typeof v[0] !== 'string') continue;
    if (typeof v[1] !== 'number' || typeof v[2] !== 'number') continue;
    const r = refFromList(v, json, diags);
    if (r) out.push(r);
  }
}

/** Keras 3: `{"class_name": "__keras_tensor__", "config": {"keras_history": [name, node, tensor]}}`. */
function refFromKerasTensor(v: JsonValue, json: Json, diags: Diagnostic[]): InboundRef | null | undefined {
  if (!isObject(v) || v.class_name !== '__keras_tensor__' || !isObject(v.config)) return undefined;
  const hist = v.config.keras_history;
  if (!Array.isArray(hist) || typeof hist[0] !== 'string') return undefined;
  // null: a Keras tensor whose ref was refused (reported); not searched further.
  return makeRef(hist[0], hist[1], hist[2], v, json, diags) ?? null;
}

/** Every Keras 3 tensor inside `root`, in reading order (iterative, bounded). */
function collectKerasTensors(root: JsonValue, json: Json, out: InboundRef[], diags: Diagnostic[]): void {
  const stack: JsonValue[] = [root];
  let visits = 0;
  while (stack.length > 0 && visits++ < MAX_VISITS) {
    const v = stack.pop()!;
    const ref = refFromKerasTensor(v, json, diags);
    if (ref !== undefined) {
      if (ref) out.push(ref);
      continue;
    }
    const children = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Reads one entry of a layer's `inbound_nodes`, in any of the forms Keras has written:
 * Keras 2 / TF.js `[["a", 0, 0, {}], ["b", 0, 0, {}]]`, the single-ref form
 * `["a", 0, 0, {}]` (TFOpLambda in tf.keras ≥ 2.4), and Keras 3 `{"args": [...], "kwargs": {...}}`
 * whose tensors carry a `keras_history`.
 */
export function parseInboundNode(n: JsonValue, json: Json, diags: Diagnostic[], layer: string): InboundRef[] {
  const refs: InboundRef[] = [];
  if (isObject(n)) {
    if (n.args !== undefined) collectKerasTensors(n.args, json, refs, diags);
    if (isObject(n.kwargs)) {
      for (const [k, v] of Object.entries(n.kwargs))
        if (!NON_DATA_KWARGS.has(k)) collectKerasTensors(v, json, refs, diags);
    }
    return refs;
  }
  if (Array.isArray(n)) {
    if (typeof n[0] === 'string') {
      const r = refFromList(n, json, diags);
      if (r) refs.push(r);
      kwargTensors(n, json, refs, diags);
      return refs;
    }
    n.forEach((item, i) => {
      const named = Array.isArray(item) && typeof item[0] === 'string';
      const r = named ? refFromList(item, json, diags) : undefined;
      if (r) {
        refs.push(r);
        kwargTensors(item as JsonValue[], json, refs, diags);
      } else if (!named) {
        const span = json.itemSpan(n, i);
        diags.push({
          severity: 'warning',
          message: `layer "${layer}": inbound entry ${i} is not ["layer", node, tensor, {…}]; ignored`,
          layer,
          ...(span ? { span } : {}),
        });
      }
    });
    return refs;
  }
  const span = json.spanOf(n);
  diags.push({
    severity: 'warning',
    message: `layer "${layer}": inbound node is not a list or an object; ignored`,
    layer,
    ...(span ? { span } : {}),
  });
  return refs;
}

/** `input_layers` / `output_layers`: `[["a", 0, 0], …]`, a single `["a", 0, 0]` (Keras 3), or a dict of them. */
export function parseRefList(v: JsonValue | undefined, json: Json, diags: Diagnostic[], field: string): InboundRef[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    if (typeof v[0] === 'string') {
      const r = refFromList(v, json, diags);
      return r ? [r] : [];
    }
    const out: InboundRef[] = [];
    for (const item of v) {
      const r = Array.isArray(item) ? refFromList(item, json, diags) : undefined;
      if (r) out.push(r);
    }
    return out;
  }
  if (isObject(v))
    return Object.values(v).flatMap((x) => parseRefList(Array.isArray(x) ? x : undefined, json, diags, field));
  const span = json.spanOf(v);
  diags.push({
    severity: 'warning',
    message: `${field} is not a list of ["layer", node, tensor]; ignored`,
    ...(span ? { span } : {}),
  });
  return [];
}
