import type { Diagnostic, Shape } from '../../ir';
import { fieldsNamed, spanOf, type TextField, type TextMessage } from '../prototxt/tree';

/** Largest dimension accepted in a declared shape (Caffe counts blob elements in an int). */
export const MAX_DIM = 2147483647;

/** What a value looks like, for "got …" in messages. */
export function describeValue(f: TextField): string {
  switch (f.kind) {
    case 'message':
      return 'a block { … }';
    case 'string':
      return `the string "${String(f.value).slice(0, 40)}"`;
    case 'bool':
      return `the boolean ${String(f.value)}`;
    case 'ident':
      return `the identifier ${String(f.value)}`;
    default:
      return String(f.value);
  }
}

/**
 * Reads one dimension: a positive integer no larger than MAX_DIM. Anything else is an
 * error diagnostic at the field and gives null. `what` names the owner ("input \"data\"").
 */
export function readDim(f: TextField, what: string, diags: Diagnostic[], layer?: string): number | null {
  const v = f.value;
  const at = { span: spanOf(f), ...(layer !== undefined ? { layer } : {}) };
  if (typeof v !== 'number') {
    diags.push({
      severity: 'error',
      message: `${what}: ${f.name} must be a positive integer, got ${describeValue(f)}`,
      ...at,
    });
    return null;
  }
  if (!Number.isInteger(v)) {
    diags.push({ severity: 'error', message: `${what}: ${f.name} must be a positive integer, got ${v}`, ...at });
    return null;
  }
  if (v <= 0) {
    diags.push({
      severity: 'error',
      message: `${what}: ${f.name} ${v} is not allowed; dimensions must be positive`,
      ...at,
    });
    return null;
  }
  if (v > MAX_DIM) {
    diags.push({
      severity: 'error',
      message: `${what}: ${f.name} ${v} is absurdly large (the limit is ${MAX_DIM})`,
      ...at,
    });
    return null;
  }
  return v;
}

/** Reads a list of dimension fields; null (with errors) if any is invalid or the product is out of range. */
export function readDims(
  fields: readonly TextField[],
  what: string,
  diags: Diagnostic[],
  layer?: string,
): Shape | null {
  const dims: number[] = [];
  let ok = true;
  for (const f of fields) {
    const d = readDim(f, what, diags, layer);
    if (d === null) ok = false;
    else dims.push(d);
  }
  if (!ok) return null;
  let total = 1;
  for (const d of dims) total *= d;
  if (total > Number.MAX_SAFE_INTEGER) {
    const first = fields[0]!;
    diags.push({
      severity: 'error',
      message: `${what}: shape ${dims.join('×')} has more elements than can be counted exactly`,
      span: spanOf(first),
      ...(layer !== undefined ? { layer } : {}),
    });
    return null;
  }
  return dims;
}

/** Reads a BlobShape field (`shape { dim: 1 dim: 3 … }`). */
export function readBlobShape(f: TextField, what: string, diags: Diagnostic[], layer?: string): Shape | null {
  const at = { span: spanOf(f), ...(layer !== undefined ? { layer } : {}) };
  if (f.kind !== 'message') {
    diags.push({
      severity: 'error',
      message: `${what}: ${f.name} must be a block like { dim: 1 dim: 3 }, got ${describeValue(f)}`,
      ...at,
    });
    return null;
  }
  const dims = fieldsNamed(f.value as TextMessage, 'dim');
  if (dims.length === 0) {
    diags.push({ severity: 'error', message: `${what}: ${f.name} has no dim values`, ...at });
    return null;
  }
  return readDims(dims, what, diags, layer);
}

/** First numeric value of `name` in `msg`, validated as a dimension; undefined when absent. */
export function dimField(
  msg: TextMessage | undefined,
  name: string,
  what: string,
  diags: Diagnostic[],
  layer?: string,
): { value: number | null; field: TextField } | undefined {
  if (!msg) return undefined;
  for (const f of msg.fields) {
    if (f.name === name) return { value: readDim(f, what, diags, layer), field: f };
  }
  return undefined;
}
