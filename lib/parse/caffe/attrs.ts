import type { AttrMap, AttrValue, SourceSpan } from '../../ir';
import type { TextField, TextMessage } from '../prototxt/tree';

type MutableAttrs = Record<string, AttrValue>;

function put(out: MutableAttrs, name: string, value: AttrValue): void {
  // `__proto__` is a legal field name; a plain assignment would replace the prototype instead.
  if (name === '__proto__')
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

function own(out: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(out, name);
}

/**
 * Dotted attribute paths by prefix and field name. Every layer repeats the same paths
 * (`convolution_param.kernel_size`), so one string per path is built and reused, which also
 * spares each lookup in the span record from hashing a freshly concatenated key. Cleared when
 * it grows large (odd inputs with thousands of distinct names).
 */
const PATHS = new Map<string, Map<string, string>>();
let pathCount = 0;

function dotted(prefix: string, name: string): string {
  let byName = PATHS.get(prefix);
  if (byName === undefined) {
    if (pathCount > 20000) {
      PATHS.clear();
      pathCount = 0;
    }
    byName = new Map();
    PATHS.set(copyOf(prefix), byName);
  }
  let path = byName.get(name);
  if (path === undefined) {
    const key = copyOf(name);
    path = copyOf(prefix + '.' + key);
    byName.set(key, path);
    pathCount++;
  }
  return path;
}

/**
 * A flat copy of `s`. Names from the JSON reader are slices of the model text, and a slice kept
 * in this module-level cache would keep the whole text alive.
 */
function copyOf(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * Converts a message to attributes: a field written once becomes a bare value, a field
 * written several times becomes an array in source order (AttrReader treats a bare value
 * as a one-element list), sub-messages become maps and enums become strings. The span of
 * the first occurrence of every field is recorded under its dotted path. Fields named in
 * `skip` are left out (only at this level). Depth is bounded by the parsers' MAX_DEPTH.
 */
export function messageToAttrs(
  msg: TextMessage,
  skip: ReadonlySet<string> | null,
  prefix: string,
  spans: Record<string, SourceSpan>,
): AttrMap {
  const out: MutableAttrs = {};
  let arrays: Set<string> | null = null;
  const fields = msg.fields;
  for (let i = 0; i < fields.length; i++) {
    const f: TextField = fields[i]!;
    const name = f.name;
    if (skip !== null && skip.has(name)) continue;
    const path = prefix === '' ? name : dotted(prefix, name);
    const value: AttrValue =
      f.kind === 'message' ? messageToAttrs(f.value as TextMessage, null, path, spans) : (f.value as AttrValue);
    const prev = out[name];
    if (prev === undefined || !own(out, name)) {
      if (name === '__proto__') put(out, name, value);
      else out[name] = value;
      // First occurrence wins (a second `param { … }` does not move `param.lr_mult`).
      if (spans[path] === undefined) {
        spans[path] = { offset: f.offset, length: f.end - f.offset, line: f.line, column: f.column };
      }
    } else if (arrays !== null && arrays.has(name)) {
      (prev as AttrValue[]).push(value);
    } else {
      put(out, name, [prev, value]);
      (arrays ??= new Set()).add(name);
    }
  }
  return out;
}
