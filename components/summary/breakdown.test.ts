import { describe, expect, it } from 'vitest';
import type { LayerResult } from '@/lib/analysis';
import { breakdownByType, parseShape } from './breakdown';

const l = (type: string, macs: number, params: number) => ({ type, macs, params }) as unknown as LayerResult;

describe('breakdown', () => {
  it('sums MACs and params per type, biggest first, merging the tail', () => {
    const layers = [
      l('Convolution', 100, 10),
      l('ReLU', 0, 0),
      l('Convolution', 50, 5),
      l('InnerProduct', 20, 400),
      l('Pooling', 0, 0),
    ];
    expect(breakdownByType(layers)).toEqual([
      { type: 'Convolution', macs: 150, params: 15, count: 2 },
      { type: 'InnerProduct', macs: 20, params: 400, count: 1 },
      { type: 'Pooling', macs: 0, params: 0, count: 1 },
      { type: 'ReLU', macs: 0, params: 0, count: 1 },
    ]);
    expect(breakdownByType(layers, 2)).toEqual([
      { type: 'Convolution', macs: 150, params: 15, count: 2 },
      { type: 'other (3 types)', macs: 20, params: 400, count: 3 },
    ]);
  });
  it('parses typed shapes in the usual spellings and rejects bad ones', () => {
    expect(parseShape('1x3x224x224')).toEqual([1, 3, 224, 224]);
    expect(parseShape('1×3×224×224')).toEqual([1, 3, 224, 224]);
    expect(parseShape('[1, 3, 32, 32]')).toEqual([1, 3, 32, 32]);
    expect(parseShape('1 3 8')).toEqual([1, 3, 8]);
    expect(parseShape('1x0x3')).toBeNull();
    expect(parseShape('1x-3')).toBeNull();
    expect(parseShape('abc')).toBeNull();
    expect(parseShape('')).toBeNull();
  });
});
