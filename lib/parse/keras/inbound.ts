import type { Diagnostic, SourceSpan } from '../../ir';
import type { JsonValue } from './json-spans';
import { isObject, type Json } from './source';

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

function int(v: JsonValue | undefined): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** `["name", node, tensor, {kwargs}]` (Keras 2 / TF.js) → a ref. */
function refFromList(list: JsonValue[], json: Json): InboundRef | undefined {
  const [name, node, tensor] = list;
  if (typeof name !== 'string') return undefined;
  const span = json.spanOf(list);
  return { layer: name, node: int(node), tensor: int(tensor), ...(span ? { span } : {}) };
}

/**
 * Tensors passed by keyword in tf.keras 2 (`{"value": ["x", 0, 0]}` for MultiHeadAttention,
 * `{"y": ["b", 0, 0]}` for TFOpLambda) sit in the kwargs of a ref: they are inputs too.
 */
function kwargTensors(list: JsonValue[], json: Json, out: InboundRef[]): void {
  const kwargs = list[3];
  if (!isObject(kwargs)) return;
  for (const [k, v] of Object.entries(kwargs)) {
    if (NON_DATA_KWARGS.has(k) || !Array.isArray(v) || typeof v[0] !== 'string') continue;
    if (typeof v[1] !== 'number' || typeof v[2] !== 'number') continue;
    const r = refFromList(v, json);
    if (r) out.push(r);
  }
}

/** Keras 3: `{"class_name": "__keras_tensor__", "config": {"keras_history": [name, node, tensor]}}`. */
function refFromKerasTensor(v: JsonValue, json: Json): InboundRef | undefined {
  if (!isObject(v) || v.class_name !== '__keras_tensor__' || !isObject(v.config)) return undefined;
  const hist = v.config.keras_history;
  if (!Array.isArray(hist) || typeof hist[0] !== 'string') return undefined;
  const span = json.spanOf(v);
  return { layer: hist[0], node: int(hist[1]), tensor: int(hist[2]), ...(span ? { span } : {}) };
}

/** Every Keras 3 tensor inside `root`, in reading order (iterative, bounded). */
function collectKerasTensors(root: JsonValue, json: Json, out: InboundRef[]): void {
  const stack: JsonValue[] = [root];
  let visits = 0;
  while (stack.length > 0 && visits++ < MAX_VISITS) {
    const v = stack.pop()!;
    const ref = refFromKerasTensor(v, json);
    if (ref) {
      out.push(ref);
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
    if (n.args !== undefined) collectKerasTensors(n.args, json, refs);
    if (isObject(n.kwargs)) {
      for (const [k, v] of Object.entries(n.kwargs)) if (!NON_DATA_KWARGS.has(k)) collectKerasTensors(v, json, refs);
    }
    return refs;
  }
  if (Array.isArray(n)) {
    if (typeof n[0] === 'string') {
      const r = refFromList(n, json);
      if (r) refs.push(r);
      kwargTensors(n, json, refs);
      return refs;
    }
    n.forEach((item, i) => {
      const r = Array.isArray(item) ? refFromList(item, json) : undefined;
      if (r) {
        refs.push(r);
        kwargTensors(item as JsonValue[], json, refs);
      } else {
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
      const r = refFromList(v, json);
      return r ? [r] : [];
    }
    const out: InboundRef[] = [];
    for (const item of v) {
      const r = Array.isArray(item) ? refFromList(item, json) : undefined;
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
