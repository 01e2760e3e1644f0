import { describe, expect, it } from 'vitest';
import { LARGE_GRAPH_NODES } from './elk-graph';
import { LayoutEstimator } from './estimate';

describe('LayoutEstimator', () => {
  it('grows faster than linearly with the graph and never goes below 50 ms', () => {
    const e = new LayoutEstimator(0.5, 0.25);
    const small = e.estimate({ nodes: 100, edges: 120 });
    const double = e.estimate({ nodes: 200, edges: 240 });
    expect(small).toBeCloseTo(0.5 * Math.pow(220, 1.25), 6);
    expect(double / small).toBeCloseTo(Math.pow(2, 1.25), 6);
    expect(e.estimate({ nodes: 1, edges: 0 })).toBe(50);
    // Above LARGE_GRAPH_NODES ELK works less hard: its own scale applies.
    const big = { nodes: LARGE_GRAPH_NODES + 1, edges: 700 };
    expect(e.estimate(big)).toBeCloseTo(0.25 * Math.pow(LARGE_GRAPH_NODES + 701, 1.25), 6);
  });

  it('moves its scale towards measured layouts, per effort regime, and ignores tiny ones', () => {
    const e = new LayoutEstimator(0.5, 0.25);
    const size = { nodes: 300, edges: 375 };
    const work = Math.pow(675, 1.25);
    e.observe(size, 2 * 0.5 * work); // this machine is twice as slow as assumed
    const after = e.estimate(size) / work;
    expect(after).toBeCloseTo(Math.exp(0.4 * Math.log(0.5) + 0.6 * Math.log(1.0)), 6);
    e.observe(size, 2 * 0.5 * work);
    e.observe(size, 2 * 0.5 * work);
    expect(e.estimate(size) / work).toBeGreaterThan(0.95);
    // The large regime is untouched by small-graph observations.
    expect(e.estimate({ nodes: 1000, edges: 1200 })).toBeCloseTo(0.25 * Math.pow(2200, 1.25), 6);
    const before = e.estimate(size);
    e.observe({ nodes: 5, edges: 4 }, 10_000);
    e.observe(size, Number.NaN);
    expect(e.estimate(size)).toBe(before);
  });

  it('progress is linear to 90 % and then creeps towards, never reaching, 100 %', () => {
    expect(LayoutEstimator.progress(0, 1000)).toBe(0);
    expect(LayoutEstimator.progress(450, 1000)).toBeCloseTo(0.45, 9);
    expect(LayoutEstimator.progress(900, 1000)).toBeCloseTo(0.9, 9);
    const over = [1000, 1500, 3000, 60_000].map((t) => LayoutEstimator.progress(t, 1000));
    for (let i = 1; i < over.length; i++) expect(over[i]!).toBeGreaterThan(over[i - 1]!);
    expect(over.at(-1)!).toBeLessThanOrEqual(0.99);
    expect(LayoutEstimator.progress(100, 0)).toBe(0);
  });
});

describe('LayoutEstimator persistence', () => {
  it('restores saved scales and ignores damaged values', () => {
    const a = new LayoutEstimator(0.5, 0.25);
    a.observe({ nodes: 300, edges: 375 }, 5000);
    const saved = JSON.parse(JSON.stringify(a.scalesNow)) as unknown;
    const b = new LayoutEstimator(0.5, 0.25);
    b.restore(saved);
    expect(b.estimate({ nodes: 300, edges: 375 })).toBe(a.estimate({ nodes: 300, edges: 375 }));
    for (const bad of [null, 'x', [1], [1, -2], [Number.NaN, 1], { 0: 1, 1: 2 }]) {
      const c = new LayoutEstimator(0.5, 0.25);
      c.restore(bad);
      expect(c.scalesNow).toEqual([0.5, 0.25]);
    }
  });
});
