import { describe, expect, it } from 'vitest';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, pngScale } from './png';

describe('pngScale', () => {
  it('keeps the wanted scale for normal graphs and shrinks huge ones into the canvas limits', () => {
    expect(pngScale(1200, 3000)).toBe(2);
    const tall = pngScale(1500, 60_000);
    expect(60_000 * tall).toBeLessThanOrEqual(MAX_PNG_SIDE);
    const big = pngScale(12_000, 12_000);
    expect(12_000 * big * 12_000 * big).toBeLessThanOrEqual(MAX_PNG_PIXELS * 1.0001);
    expect(pngScale(0, 0)).toBe(2);
  });
});
