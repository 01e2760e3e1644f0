import type { LayerResult } from '@/lib/analysis';

/** Sum of MACs and params of the layers of one type. */
export interface TypeShare {
  readonly type: string;
  readonly macs: number;
  readonly params: number;
  readonly count: number;
}

/** MACs and params summed per layer type, biggest MACs first; types beyond `limit` merge into "other". */
export function breakdownByType(layers: readonly LayerResult[], limit = 8): TypeShare[] {
  const m = new Map<string, { macs: number; params: number; count: number }>();
  for (const l of layers) {
    const e = m.get(l.type) ?? { macs: 0, params: 0, count: 0 };
    e.macs += l.macs;
    e.params += l.params;
    e.count++;
    m.set(l.type, e);
  }
  const all = [...m]
    .map(([type, e]) => ({ type, ...e }))
    .sort((a, b) => b.macs - a.macs || b.params - a.params || a.type.localeCompare(b.type));
  if (all.length <= limit) return all;
  const rest = all.slice(limit - 1);
  const other = rest.reduce(
    (acc, t) => ({
      type: acc.type,
      macs: acc.macs + t.macs,
      params: acc.params + t.params,
      count: acc.count + t.count,
    }),
    { type: `other (${rest.length} types)`, macs: 0, params: 0, count: 0 },
  );
  return [...all.slice(0, limit - 1), other];
}

/** Parses a typed shape like `1x3x224x224`, `1×3×224×224`, `1,3,224,224` or `[1, 3, 224, 224]`; null when invalid. */
export function parseShape(text: string): number[] | null {
  const parts = text
    .replace(/[[\]()]/g, '')
    .split(/\s*[x×,*\s]\s*/i)
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 8) return null;
  const dims = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return dims.every((d) => Number.isSafeInteger(d) && d > 0) ? dims : null;
}
