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

/**
 * AttrReader as a class: analysis creates one per layer (and one per sub-message read), so
 * methods live on the prototype instead of fresh closures per instance (measurably faster
 * on 5,000-layer models).
 */
class Reader implements AttrReader {
  /**
   * The dotted path of this message is built only when a span is looked up (rarely: for a
   * message), not on every msg() call: `parent` and `key` say how to build it, `base` is the
   * caller's prefix for a root reader.
   */
  constructor(
    readonly attrs: AttrMap,
    private readonly spans: SpansArg,
    private readonly base: string,
    private readonly parent: Reader | null,
    private readonly key: string,
  ) {}

  private prefix(): string {
    return this.parent === null ? this.base : this.parent.path(this.key);
  }

  private path(key: string): string {
    const prefix = this.prefix();
    return prefix ? `${prefix}.${key}` : key;
  }

  /** The last sub-message reader handed out: ops ask for their parameter block several times. */
  private lastKey: string | undefined = undefined;
  private lastMsg: Reader | undefined = undefined;

  msg(key: string): AttrReader {
    if (key === this.lastKey && this.lastMsg !== undefined) return this.lastMsg;
    const v = first(this.attrs[key]);
    const r = new Reader(isMap(v) ? v : EMPTY, this.spans, '', this, key);
    this.lastKey = key;
    this.lastMsg = r;
    return r;
  }

  has(key: string): boolean {
    return this.attrs[key] !== undefined;
  }

  raw(key: string): AttrValue | undefined {
    return this.attrs[key];
  }

  num(key: string, fallback: number): number {
    return toNumber(this.attrs[key]) ?? fallback;
  }

  numOpt(key: string): number | undefined {
    return toNumber(this.attrs[key]);
  }

  nums(key: string): number[] {
    const v = this.attrs[key];
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
  }

  bool(key: string, fallback: boolean): boolean {
    const v = first(this.attrs[key]);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const s = v.toLowerCase();
      if (s === 'true' || s === '1') return true;
      if (s === 'false' || s === '0') return false;
    }
    return fallback;
  }

  str(key: string, fallback: string): string {
    const v = first(this.attrs[key]);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fallback;
  }

  enumOf<T extends string>(key: string, names: readonly T[], fallback: T): T {
    const v = first(this.attrs[key]);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return names[v]!;
    if (typeof v === 'string') {
      const up = v.toUpperCase();
      const hit = names.find((n) => n.toUpperCase() === up);
      if (hit) return hit;
    }
    return fallback;
  }

  span(key: string): SourceSpan | undefined {
    const spans = typeof this.spans === 'function' ? this.spans() : this.spans;
    return spans?.[this.path(key)];
  }
}

/**
 * A reader's spans: the record itself, or a function that makes it (a node whose spans are made
 * on demand, see attrSpansFor in lib/ir), called only when a span is looked up.
 */
type SpansArg =
  | Readonly<Record<string, SourceSpan>>
  | (() => Readonly<Record<string, SourceSpan>> | undefined)
  | undefined;

/** Creates an AttrReader over `attrs`; `prefix` is the dotted path used to look up spans. */
export function createAttrReader(
  attrs: AttrMap | undefined,
  spans: SpansArg,
  prefix = '',
): AttrReader {
  return new Reader(attrs ?? EMPTY, spans, prefix, null, '');
}
