import { describe, expect, it } from 'vitest';
import { heatColor, heatScale } from './heat';
import { searchItems } from './SearchBox';

describe('heat scale', () => {
  it('is logarithmic over positive values and leaves zero/unknown neutral', () => {
    const s = heatScale([0, null, 1e3, 1e6, 1e9]);
    expect(s.min).toBe(1e3);
    expect(s.max).toBe(1e9);
    expect(s.t(1e3)).toBe(0);
    expect(s.t(1e6)).toBeCloseTo(0.5, 10);
    expect(s.t(1e9)).toBe(1);
    expect(s.t(0)).toBeNull();
    expect(s.t(null)).toBeNull();
    expect(heatScale([0, null]).t(5)).toBeNull();
    expect(heatScale([7, 7]).t(7)).toBe(1);
  });

  it('runs from pale yellow to deep red', () => {
    expect(heatColor(0)).toBe('rgb(255,255,204)');
    expect(heatColor(1)).toBe('rgb(128,0,38)');
    expect(heatColor(-3)).toBe(heatColor(0));
  });
});

describe('graph search', () => {
  const items = [
    { name: 'conv1', type: 'Convolution' },
    { name: 'pool1', type: 'Pooling' },
    { name: 'inception_3a/pool', type: 'Pooling' },
    { name: 'poolish_conv', type: 'Convolution' },
  ];
  it('matches names first, then types, case-insensitively', () => {
    expect(searchItems(items, 'POOL').map((i) => i.name)).toEqual(['pool1', 'inception_3a/pool', 'poolish_conv']);
    expect(searchItems(items, 'convolution').map((i) => i.name)).toEqual(['conv1', 'poolish_conv']);
    expect(searchItems(items, '  ')).toEqual([]);
    expect(searchItems(items, 'pool', 2)).toHaveLength(2);
  });
});
