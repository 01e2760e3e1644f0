import { describe, expect, it } from 'vitest';
import type { LayerResult } from '@/lib/analysis';
import { mulberry32 } from '@/lib/exec/random';
import { rowTotals, tablePositions, tableRows, typeCounts, visibleRange, type SortKey } from './table-model';

function layer(name: string, type: string, macs: number, params: number, out: number[]): LayerResult {
  return {
    index: 0,
    name,
    type,
    category: 'conv',
    status: 'ok',
    bottoms: [],
    tops: [name],
    inputShapes: [],
    outputs: [out],
    params,
    buffers: 0,
    macs,
    flops: 2 * macs,
    activationBytes: out.reduce((a, b) => a * b, 1) * 4,
    weightBytes: params * 4,
    arithmeticIntensity: null,
    receptiveField: null,
    algorithms: null,
    inPlace: false,
    diagnostics: [],
  };
}

const L = [
  layer('conv1', 'Convolution', 100, 10, [1, 8, 4, 4]),
  layer('relu1', 'ReLU', 0, 0, [1, 8, 4, 4]),
  layer('conv2', 'Convolution', 300, 30, [1, 16, 2, 2]),
  layer('fc', 'InnerProduct', 50, 500, [1, 10]),
];

describe('table model', () => {
  it('sorts by a numeric column both ways, ties in graph order', () => {
    expect(tableRows(L, { key: 'macs', dir: 'desc' }, new Set()).map((l) => l.name)).toEqual([
      'conv2',
      'conv1',
      'fc',
      'relu1',
    ]);
    expect(tableRows(L, { key: 'params', dir: 'asc' }, new Set()).map((l) => l.name)).toEqual([
      'relu1',
      'conv1',
      'conv2',
      'fc',
    ]);
    expect(tableRows(L, { key: 'output', dir: 'desc' }, new Set()).map((l) => l.name)).toEqual([
      'conv1',
      'relu1',
      'conv2',
      'fc',
    ]);
    expect(tableRows(L, { key: 'order', dir: 'asc' }, new Set()).map((l) => l.name)).toEqual([
      'conv1',
      'relu1',
      'conv2',
      'fc',
    ]);
    expect(tableRows(L, { key: 'name', dir: 'asc' }, new Set()).map((l) => l.name)).toEqual([
      'conv1',
      'conv2',
      'fc',
      'relu1',
    ]);
  });
  it('filters by type and query; totals follow the filter', () => {
    const rows = tableRows(L, { key: 'order', dir: 'asc' }, new Set(['Convolution']));
    expect(rows.map((l) => l.name)).toEqual(['conv1', 'conv2']);
    expect(rowTotals(rows)).toEqual({ params: 40, macs: 400, flops: 800, activationBytes: 768, unknown: 0 });
    expect(tableRows(L, { key: 'order', dir: 'asc' }, new Set(), 'RELU').map((l) => l.name)).toEqual(['relu1']);
    expect(typeCounts(L)).toEqual([
      { type: 'Convolution', count: 2 },
      { type: 'InnerProduct', count: 1 },
      { type: 'ReLU', count: 1 },
    ]);
  });
  it('sums only the rows whose figures are known and counts the others', () => {
    const broken = { ...layer('conv3', 'Convolution', 999, 99, [1, 4]), status: 'broken' as const };
    const unknown = { ...layer('fc2', 'InnerProduct', 7, 7, [1, 4]), status: 'unknown' as const };
    expect(rowTotals([...L, broken, unknown])).toEqual({
      params: 540,
      macs: 450,
      flops: 900,
      activationBytes: 1320,
      unknown: 2,
    });
  });
  it('computes the visible window of a virtual list', () => {
    expect(visibleRange(0, 200, 20, 5000)).toEqual([0, 18]);
    expect(visibleRange(2000, 200, 20, 5000)).toEqual([92, 118]);
    expect(visibleRange(99_990, 200, 20, 5000)).toEqual([4991, 5000]);
  });
  it('the # column sorts both ways, and gives each row its position in graph order', () => {
    expect(tableRows(L, { key: 'order', dir: 'desc' }, new Set()).map((l) => l.name)).toEqual([
      'fc',
      'conv2',
      'relu1',
      'conv1',
    ]);
    expect(tablePositions(L, { key: 'macs', dir: 'desc' }, new Set())).toEqual([2, 0, 3, 1]);
    expect(tablePositions(L, { key: 'order', dir: 'asc' }, new Set(['Convolution']))).toEqual([0, 2]);
  });
  it('sorts as a plain comparison sort would, for any layers, filter and sort', () => {
    const keys: SortKey[] = ['order', 'name', 'type', 'output', 'params', 'macs', 'flops', 'activation', 'share'];
    const rand = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let run = 0; run < 400; run++) {
      const specs = Array.from({ length: Math.floor(rand() * 40) }, () => ({
        name: pick(['a', 'b', 'conv', 'Conv', 'relu', 'x1']),
        type: pick(['Convolution', 'ReLU', 'Pooling']),
        macs: Math.floor(rand() * 6),
        params: Math.floor(rand() * 4),
        out: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => 1 + Math.floor(rand() * 3)),
      }));
      const key = pick(keys);
      const dir = pick(['asc', 'desc'] as const);
      const types = ['Convolution', 'ReLU', 'Pooling'].filter(() => rand() < 0.3);
      const query = pick(['', 'c', 'RE', 'x']);
      const layers = specs.map((p) => layer(p.name, p.type, p.macs, p.params, p.out));
      const num: Partial<Record<SortKey, (l: LayerResult) => number>> = {
        params: (l) => l.params,
        macs: (l) => l.macs,
        share: (l) => l.macs,
        flops: (l) => l.flops,
        activation: (l) => l.activationBytes,
        output: (l) => l.outputs[0]!.reduce((a, b) => a * b, 1),
      };
      const q = query.toLowerCase();
      const want = layers
        .map((l, i) => ({ l, i }))
        .filter(
          ({ l }) =>
            (types.length === 0 || types.includes(l.type)) &&
            (!q || l.name.toLowerCase().includes(q) || l.type.toLowerCase().includes(q)),
        )
        .sort((a, b) => {
          const f = num[key];
          const c = f
            ? f(a.l) - f(b.l)
            : key === 'name'
              ? a.l.name.localeCompare(b.l.name)
              : key === 'type'
                ? a.l.type.localeCompare(b.l.type)
                : a.i - b.i;
          return (dir === 'asc' ? c : -c) || a.i - b.i;
        })
        .map(({ i }) => i);
      expect(tablePositions(layers, { key, dir }, new Set(types), query)).toEqual(want);
    }
  });
});
