import type { AttrMap, AttrValue, SourceSpan } from '../ir';
import type { AttrReader } from './types';

const EMPTY: AttrMap = {};

function isMap(v: AttrValue | undefined): v is AttrMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function first(v: AttrValue | undefined): AttrValue | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function toNumber(v: AttrValue | undefined): number | undefined {
  const f = first(v);
  if (typeof f === 'number') return f;
  if (typeof f === 'boolean') return f ? 1 : 0;
  if (typeof f === 'string' && f.trim() !== '' && !Number.isNaN(Number(f))) return Number(f);
  return undefined;
}

/** Creates an AttrReader over `attrs`; `prefix` is the dotted path used to look up spans. */
export function createAttrReader(
  attrs: AttrMap | undefined,
  spans: Readonly<Record<string, SourceSpan>> | undefined,
  prefix = '',
): AttrReader {
  const a = attrs ?? EMPTY;
  const path = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const reader: AttrReader = {
    attrs: a,
    msg(key) {
      const v = first(a[key]);
      return createAttrReader(isMap(v) ? v : EMPTY, spans, path(key));
    },
    has: (key) => a[key] !== undefined,
    raw: (key) => a[key],
    num(key, fallback) {
      return toNumber(a[key]) ?? fallback;
    },
    numOpt: (key) => toNumber(a[key]),
    nums(key) {
      const v = a[key];
      if (v === undefined) return [];
      const list = Array.isArray(v) ? v : [v];
      const out: number[] = [];
      for (const item of list) {
        if (isMap(item) && Array.isArray(item.dim)) {
          // BlobShape-style `{ dim: [...] }` flattened for convenience.
          for (const d of item.dim) {
            const n = toNumber(d);
            if (n !== undefined) out.push(n);
          }
          continue;
        }
        const n = toNumber(item);
        if (n !== undefined) out.push(n);
      }
      return out;
    },
    bool(key, fallback) {
      const v = first(a[key]);
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      if (typeof v === 'string') {
        const s = v.toLowerCase();
        if (s === 'true' || s === '1') return true;
        if (s === 'false' || s === '0') return false;
      }
      return fallback;
    },
    str(key, fallback) {
      const v = first(a[key]);
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return fallback;
    },
    enumOf(key, names, fallback) {
      const v = first(a[key]);
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return names[v]!;
      if (typeof v === 'string') {
        const up = v.toUpperCase();
        const hit = names.find((n) => n.toUpperCase() === up);
        if (hit) return hit;
      }
      return fallback;
    },
    span: (key) => spans?.[path(key)],
  };
  return reader;
}
