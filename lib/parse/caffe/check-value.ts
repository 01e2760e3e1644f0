import type { ValueKind } from '../prototxt/tree';
import {
  closest,
  K_BOOL,
  K_BYTES,
  K_DOUBLE,
  K_ENUM,
  K_FLOAT,
  K_INT32,
  K_INT64,
  K_MESSAGE,
  K_STRING,
  K_UINT32,
  K_UINT64,
  type EnumValueSpec,
  type FieldDesc,
} from './schema';

/**
 * Checks one scalar value against its field's declared type, the way protobuf's TextFormat (or
 * JSON) parser would, and returns the value the rest of the reader stores (enum numbers become
 * names; JSON numeric strings become numbers). On a mismatch it returns the value unchanged and
 * sets `problem` to the sentence after "<field> " ("must be an integer, got …"). Module-level
 * state instead of a result object: this runs once per field and must not allocate.
 */
export const check = {
  /** Why the last value was refused, or '' when it was accepted. */
  problem: '',
  /** For enums: the value spec the last accepted value named (to note fork values). */
  enumValue: null as EnumValueSpec | null,
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;
/** 2^63 and 2^64: a double cannot hold 2^63 − 1 exactly, and every integer above 2^53 is approximate anyway. */
const INT64_LIMIT = 2 ** 63;
const UINT64_LIMIT = 2 ** 64;

/** What a value looks like, for "got …". */
export function describeGot(kind: ValueKind, value: unknown): string {
  switch (kind) {
    case 'string':
      return `the string "${String(value).slice(0, 40)}"`;
    case 'ident':
      return `the identifier ${String(value).slice(0, 40)}`;
    case 'bool':
      return `the boolean ${String(value)}`;
    case 'message':
      return 'a block { … }';
    default:
      return String(value);
  }
}

/** What a field expects, for "must be …" (JSON has no unquoted strings, so there it is just "a string"). */
export function describeExpected(f: FieldDesc, json = false): string {
  switch (f.kind) {
    case K_INT32:
    case K_INT64:
      return `an integer (${f.type})`;
    case K_UINT32:
    case K_UINT64:
      return `a non-negative integer (${f.type})`;
    case K_FLOAT:
    case K_DOUBLE:
      return 'a number';
    case K_BOOL:
      return 'true or false';
    case K_STRING:
    case K_BYTES:
      return json ? 'a string' : 'a quoted string';
    case K_ENUM:
      return `one of ${enumNames(f)}`;
    default:
      return 'a block { … }';
  }
}

/** The enum's value names for a message; long enums (the V1 layer types) are cut after a dozen. */
function enumNames(f: FieldDesc): string {
  const names = f.enumType!.values.map((v) => v.name);
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, … (${names.length} in all)`;
}

function integer(f: FieldDesc, v: number, floatSyntax: boolean): number {
  if (!Number.isInteger(v) || floatSyntax) {
    const how = Number.isInteger(v) ? ' (written as a floating-point number)' : '';
    check.problem = `must be ${describeExpected(f)}, got ${v}${how}`;
    return v;
  }
  const k = f.kind;
  const lo = k === K_INT32 ? INT32_MIN : k === K_INT64 ? -INT64_LIMIT : 0;
  const hi = k === K_INT32 ? INT32_MAX : k === K_UINT32 ? UINT32_MAX : k === K_INT64 ? INT64_LIMIT : UINT64_LIMIT;
  if (v < lo || v > hi || (hi >= INT64_LIMIT && v >= hi)) {
    check.problem =
      v < 0 && lo === 0 ? `must be ${describeExpected(f)}, got ${v}` : `${v} is out of the range of a ${f.type}`;
  }
  return v;
}

function enumValue(
  f: FieldDesc,
  kind: ValueKind,
  value: string | number | boolean,
  json: boolean,
): string | number | boolean {
  const e = f.enumType!;
  if (kind === 'ident' || (json && kind === 'string')) {
    const hit = e.byName.get(value as string);
    if (hit) {
      check.enumValue = hit;
      return hit.name;
    }
    const guess = closest(value as string, e.byName.keys());
    check.problem = `has no value ${String(value)}${guess ? `; did you mean ${guess}?` : '.'} Valid values: ${enumNames(f)}`;
    return value;
  }
  if (kind === 'number') {
    const hit = Number.isInteger(value) ? e.byNumber.get(value as number) : undefined;
    if (hit) {
      check.enumValue = hit;
      return hit.name;
    }
    check.problem = `has no value numbered ${String(value)}. Valid values: ${enumNames(f)}`;
    return value;
  }
  if (kind === 'string') {
    check.problem = `must be an enum name without quotes, one of ${enumNames(f)}: write ${String(value)} instead of "${String(value)}"`;
    return value;
  }
  check.problem = `must be one of ${enumNames(f)}, got ${describeGot(kind, value)}`;
  return value;
}

/**
 * Checks a scalar occurrence of field `f`. `json` selects the protobuf JSON mapping's rules
 * (numbers may be given as strings, enums as quoted names) instead of the text format's.
 */
export function checkScalar(
  f: FieldDesc,
  kind: ValueKind,
  value: string | number | boolean,
  floatSyntax: boolean,
  json: boolean,
): string | number | boolean {
  check.problem = '';
  check.enumValue = null;
  switch (f.kind) {
    case K_INT32:
    case K_INT64:
    case K_UINT32:
    case K_UINT64:
      if (kind === 'number') return integer(f, value as number, floatSyntax && !json);
      if (json && kind === 'string' && /^-?\d{1,20}$/.test(value as string)) return integer(f, Number(value), false);
      break;
    case K_FLOAT:
    case K_DOUBLE:
      if (kind === 'number') return value;
      if (json && kind === 'string') {
        const s = value as string;
        if (s === 'NaN') return NaN;
        if (s === 'Infinity') return Infinity;
        if (s === '-Infinity') return -Infinity;
        if (s.trim() !== '' && Number.isFinite(Number(s))) return Number(s);
      }
      break;
    case K_BOOL:
      if (kind === 'bool') return value;
      // The text format also accepts 0 and 1.
      if (!json && kind === 'number' && (value === 0 || value === 1) && !floatSyntax) return value === 1;
      break;
    case K_STRING:
    case K_BYTES:
      if (kind === 'string') return value;
      if (kind === 'ident') {
        check.problem = `must be a quoted string`;
        return value;
      }
      break;
    case K_ENUM:
      return enumValue(f, kind, value, json);
    case K_MESSAGE:
      break;
  }
  check.problem = `must be ${describeExpected(f, json)}, got ${describeGot(kind, value)}`;
  return value;
}
