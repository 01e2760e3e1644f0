import type { AttrMap, AttrValue, Shape, SourceSpan } from '../../ir';
import {
  type ContainerMeta,
  type JsonObject,
  type JsonValue,
  type ParsedJson,
  type Range,
  rangeOf,
} from './json-spans';

/** Maps offsets of one source text to 1-based line:column spans. */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  span(start: number, end = start): SourceSpan {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return { offset: start, length: Math.max(0, end - start), line: lo + 1, column: start - this.lineStarts[lo]! + 1 };
  }

  rangeSpan(r: Range | undefined): SourceSpan | undefined {
    return r ? this.span(r.start, r.end) : undefined;
  }
}

/** Typed, position-aware access to the parsed JSON tree. */
export class Json {
  constructor(
    readonly parsed: ParsedJson,
    readonly src: SourceText,
  ) {}

  meta(v: JsonValue | undefined): ContainerMeta | undefined {
    return typeof v === 'object' && v !== null ? this.parsed.meta.get(v) : undefined;
  }

  /** Span of a whole object or array. */
  spanOf(v: JsonValue | undefined): SourceSpan | undefined {
    const m = this.meta(v);
    return m ? this.src.span(m.start, m.end) : undefined;
  }

  /** Span of the value of member `key` of `obj`. */
  memberSpan(obj: JsonValue | undefined, key: string): SourceSpan | undefined {
    return this.src.rangeSpan(rangeOf(this.parsed, this.meta(obj)?.members?.get(key)));
  }

  /** Span of item `i` of an array. */
  itemSpan(arr: JsonValue | undefined, i: number): SourceSpan | undefined {
    return this.src.rangeSpan(rangeOf(this.parsed, this.meta(arr)?.items?.[i]));
  }

  /** Spans of every member value of an object, keyed by member name. */
  memberSpans(obj: JsonValue | undefined): Record<string, SourceSpan> {
    const out: Record<string, SourceSpan> = {};
    const members = this.meta(obj)?.members;
    if (members) {
      for (const [k, id] of members) {
        const span = this.src.rangeSpan(rangeOf(this.parsed, id));
        if (span && k !== '__proto__') out[k] = span;
      }
    }
    return out;
  }

  incomplete(v: JsonValue | undefined): boolean {
    return this.meta(v)?.incomplete ?? false;
  }
}

/** True for a JSON object (not an array, not null). */
export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A member as a string, or undefined. */
export function strOf(obj: JsonValue | undefined, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A JSON value for a message, bounded in depth and length: the value comes from the input, and
 * `JSON.stringify` of a list nested 20,000 deep overflows the stack (and of a long one floods
 * the message).
 */
export function describeJson(v: JsonValue | undefined, max = 40): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return JSON.stringify(v.length > max ? `${v.slice(0, max)}…` : v);
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = v.length === 1 && typeof v[0] !== 'object' ? String(v[0]) : '…';
    return v.length === 1 ? `[${inner}]` : `a list of ${v.length}`;
  }
  return 'an object';
}

/** Deepest attribute nesting kept; deeper values become the string '…' (no unbounded recursion). */
const MAX_ATTR_DEPTH = 32;

/**
 * Converts a JSON value to an attribute value. JSON `null` has no AttrValue: in objects the
 * member is dropped (Keras writes `null` for "not set"), in arrays it becomes -1 (Keras `None`
 * dimensions, the same convention as IRInput shapes).
 */
export function toAttr(v: JsonValue, depth = 0): AttrValue | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'object') return v;
  if (depth >= MAX_ATTR_DEPTH) return '…';
  if (Array.isArray(v)) return v.map((x) => (x === null ? -1 : (toAttr(x, depth + 1) ?? -1)));
  return toAttrMap(v, depth);
}

export function toAttrMap(obj: JsonObject, depth = 0): AttrMap {
  const out: Record<string, AttrValue> = {};
  for (const [k, val] of Object.entries(obj)) {
    const a = toAttr(val, depth + 1);
    if (a === undefined) continue;
    // A member named __proto__ must stay data, not replace the object's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: a, enumerable: true, writable: true, configurable: true });
    else out[k] = a;
  }
  return out;
}

/** Largest dimension accepted (TensorFlow's int32 limit); bigger ones are typos, not models. */
const MAX_DIM = 2 ** 31 - 1;

/** Outcome of reading a declared shape list such as `[null, 224, 224, 3]`. */
export type ShapeRead = { readonly ok: true; readonly shape: Shape } | { readonly ok: false; readonly reason: string };

/**
 * Reads a Keras shape list. `withBatch` false means the list omits the batch axis
 * (`input_shape`, `shape`), which is then prepended as -1. The batch axis may be None (-1);
 * any other None or non-positive dimension makes the shape unusable (reason given).
 */
export function readShape(v: JsonValue | undefined, withBatch: boolean): ShapeRead | undefined {
  if (!Array.isArray(v)) return undefined;
  const dims = withBatch ? v : [null, ...v];
  const shape: number[] = [];
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === null || d === undefined) {
      if (i === 0) {
        shape.push(-1);
        continue;
      }
      return { ok: false, reason: `dimension ${i} is None (unknown)` };
    }
    if (typeof d !== 'number' || !Number.isInteger(d) || d <= 0) {
      return { ok: false, reason: `dimension ${i} is ${describeJson(d)}, not a positive integer` };
    }
    if (d > MAX_DIM)
      return { ok: false, reason: `dimension ${i} is ${d}, larger than any tensor can be (max ${MAX_DIM})` };
    shape.push(d);
  }
  if (shape.length < 1) return { ok: false, reason: 'the shape is empty' };
  return { ok: true, shape };
}
