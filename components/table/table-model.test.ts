import { describe, expect, it } from 'vitest';
import type { LayerResult } from '@/lib/analysis';
import { rowTotals, tableRows, typeCounts, visibleRange } from './table-model';

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
});
