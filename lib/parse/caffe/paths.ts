/**
 * Dotted attribute paths by prefix and field name. Every layer repeats the same paths
 * (`convolution_param.kernel_size`), so one string per path is built and reused, which also
 * spares each lookup in a span record from hashing a freshly concatenated key. Cleared when
 * it grows large (odd inputs with thousands of distinct names).
 */
const PATHS = new Map<string, Map<string, string>>();
let pathCount = 0;

/**
 * A flat copy of `s`. Names from the JSON reader are slices of the model text, and a slice kept
 * in this module-level cache would keep the whole text alive.
 */
function copyOf(s: string): string {
  return (' ' + s).slice(1);
}

/** The path table of one prefix: a reader looks it up once per message, then once per field. */
export function pathsUnder(prefix: string): Map<string, string> {
  let byName = PATHS.get(prefix);
  if (byName === undefined) {
    if (pathCount > 20000) {
      PATHS.clear();
      pathCount = 0;
    }
    byName = new Map();
    PATHS.set(copyOf(prefix), byName);
  }
  return byName;
}

/** `prefix.name` from the prefix's table (see pathsUnder), one shared string per distinct path. */
export function dottedIn(byName: Map<string, string>, prefix: string, name: string): string {
  let path = byName.get(name);
  if (path === undefined) {
    const key = copyOf(name);
    path = copyOf(prefix + '.' + key);
    byName.set(key, path);
    pathCount++;
  }
  return path;
}

/** The key under which the k-th occurrence (k ≥ 1) of a path's span is kept: `input_param.shape.dim#3`. */
export function occurrenceKey(path: string, k: number): string {
  return k === 0 ? path : `${path}#${k}`;
}
