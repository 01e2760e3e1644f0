import { describe, expect, it } from 'vitest';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, pngLimitNote, pngScale } from './png';

describe('pngScale', () => {
  it('keeps the wanted scale for normal graphs and shrinks huge ones into the canvas limits', () => {
    expect(pngScale(1200, 3000)).toBe(2);
    const tall = pngScale(1500, 60_000);
    expect(60_000 * tall).toBeLessThanOrEqual(MAX_PNG_SIDE);
    const big = pngScale(12_000, 12_000);
    expect(12_000 * big * 12_000 * big).toBeLessThanOrEqual(MAX_PNG_PIXELS * 1.0001);
    expect(pngScale(0, 0)).toBe(2);
  });

  it('says when the limit made the PNG smaller than asked', () => {
    expect(pngLimitNote({ width: 2400, height: 6000, scale: 2, limited: false })).toBeNull();
    expect(pngLimitNote({ width: 1500, height: 16_384, scale: 0.55, limited: true })).toBe(
      'The graph is too large for a 2× PNG (browsers cap canvases near 16,384 px a side; this export stops at 100 million pixels), so it was drawn at 0.55×: 1,500 × 16,384 px. The SVG keeps every detail.',
    );
  });
});
