import type { AttrMap, AttrValue, Diagnostic, Shape, SourceSpan } from '../../ir';
import { occurrenceKey } from './paths';

/** Largest dimension accepted in a declared shape (Caffe counts blob elements in an int). */
export const MAX_DIM = 2147483647;

/** Spans of a record's fields by dotted path, later occurrences under `path#k`. */
export type SpanRecord = Readonly<Record<string, SourceSpan>>;

/** Every occurrence's span of `path`, in source order. */
export function spansOf(spans: SpanRecord, path: string): SourceSpan[] {
  const out: SourceSpan[] = [];
  for (let k = 0; ; k++) {
    const s = spans[occurrenceKey(path, k)];
    if (s === undefined) return out;
    out.push(s);
  }
}

/** A field's values as a list (a field written once is a bare value). */
export function valuesOf(v: AttrValue | undefined): readonly AttrValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** True for a sub-message value. */
export function isMessage(v: AttrValue | undefined): v is AttrMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a value looks like, for "got …" in messages. */
export function describeValue(v: AttrValue): string {
  if (typeof v === 'string') return `the string "${v.slice(0, 40)}"`;
  if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  if (typeof v === 'object') return 'a block { … }';
  return String(v);
}

interface At {
  readonly span?: SourceSpan;
  readonly layer?: string;
}

function at(span: SourceSpan | undefined, layer: string | undefined): At {
  return { ...(span ? { span } : {}), ...(layer !== undefined ? { layer } : {}) };
}

/**
 * Reads one dimension: a positive integer no larger than MAX_DIM. Anything else is an error
 * diagnostic at the field and gives null. `what` names the owner ("input \"data\""), `name`
 * the field.
 */
export function readDim(
  v: AttrValue,
  span: SourceSpan | undefined,
  what: string,
  name: string,
  diags: Diagnostic[],
  layer?: string,
): number | null {
  const where = at(span, layer);
  if (typeof v !== 'number') {
    diags.push({
      severity: 'error',
      message: `${what}: ${name} must be a positive integer, got ${describeValue(v)}`,
      ...where,
    });
    return null;
  }
  if (!Number.isInteger(v)) {
    diags.push({ severity: 'error', message: `${what}: ${name} must be a positive integer, got ${v}`, ...where });
    return null;
  }
  if (v <= 0) {
    diags.push({
      severity: 'error',
      message: `${what}: ${name} ${v} is not allowed; dimensions must be positive`,
      ...where,
    });
    return null;
  }
  if (v > MAX_DIM) {
    diags.push({
      severity: 'error',
      message: `${what}: ${name} ${v} is absurdly large (the limit is ${MAX_DIM})`,
      ...where,
    });
    return null;
  }
  return v;
}

/** Reads a list of dimensions; null (with errors) if any is invalid or the product is out of range. */
export function readDims(
  values: readonly AttrValue[],
  spans: readonly (SourceSpan | undefined)[],
  what: string,
  name: string | readonly string[],
  diags: Diagnostic[],
  layer?: string,
): Shape | null {
  const dims: number[] = [];
  let ok = true;
  values.forEach((v, i) => {
    const d = readDim(v, spans[i], what, typeof name === 'string' ? name : (name[i] ?? 'dim'), diags, layer);
    if (d === null) ok = false;
    else dims.push(d);
  });
  if (!ok) return null;
  let total = 1;
  for (const d of dims) total *= d;
  if (total > Number.MAX_SAFE_INTEGER) {
    diags.push({
      severity: 'error',
      message: `${what}: shape ${dims.join('×')} has more elements than can be counted exactly`,
      ...at(spans[0], layer),
    });
    return null;
  }
  return dims;
}

/** One BlobShape of a repeated shape field, with the span of its `shape` field. */
export interface ShapeEntry {
  readonly shape: Shape | null;
  readonly span: SourceSpan | undefined;
}

/**
 * Reads the repeated BlobShape field at `path` (`input_shape`, `input_param.shape`) of a record:
 * one entry per occurrence, with every dimension checked at its own position.
 */
export function readShapes(
  value: AttrValue | undefined,
  spans: SpanRecord,
  path: string,
  whatOf: string | ((index: number) => string),
  diags: Diagnostic[],
  layer?: string,
): ShapeEntry[] {
  const shapes = valuesOf(value);
  const shapeSpans = spansOf(spans, path);
  const dimSpans = spansOf(spans, `${path}.dim`);
  let nextDim = 0;
  return shapes.map((s, i) => {
    const span = shapeSpans[i];
    const what = typeof whatOf === 'string' ? whatOf : whatOf(i);
    if (!isMessage(s)) {
      diags.push({
        severity: 'error',
        message: `${what}: ${path} must be a block like { dim: 1 dim: 3 }, got ${describeValue(s)}`,
        ...at(span, layer),
      });
      return { shape: null, span };
    }
    const dims = valuesOf(s.dim);
    const mySpans = dimSpans.slice(nextDim, nextDim + dims.length);
    nextDim += dims.length;
    if (dims.length === 0) {
      diags.push({ severity: 'error', message: `${what}: ${path} has no dim values`, ...at(span, layer) });
      return { shape: null, span };
    }
    return { shape: readDims(dims, mySpans, what, 'dim', diags, layer), span };
  });
}

/** The first value of `name` in a sub-message, validated as a dimension; undefined when absent. */
export function dimField(
  msg: AttrValue | undefined,
  msgPath: string,
  name: string,
  spans: SpanRecord,
  what: string,
  diags: Diagnostic[],
  layer?: string,
): { value: number | null; span: SourceSpan | undefined } | undefined {
  if (!isMessage(msg) || msg[name] === undefined) return undefined;
  const v = valuesOf(msg[name])[0]!;
  const span = spans[`${msgPath}.${name}`];
  return { value: readDim(v, span, what, name, diags, layer), span };
}
