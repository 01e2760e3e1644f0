import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { corpusAvailable, readCorpus } from '../testing/corpus';
import { syntheticPrototxt } from '../testing/synthetic';
import { adjacency, findChains, topoOrder } from './chains';
import { fastLayout } from './fast-layout';
import { fastInput, positionFast } from './fast-view';
import { reuseLayout } from './reuse';
import type { PositionedGraph } from './types';
import { buildViewGraph } from './view-graph';

const layout = (text: string, direction: 'DOWN' | 'RIGHT' = 'DOWN'): PositionedGraph => {
  const view = buildViewGraph(analyzeText(text));
  return positionFast(view, fastLayout(fastInput(view, direction)));
};

const chainText = (n: number) =>
  [
    'input: "data"',
    'input_shape { dim: 1 dim: 8 dim: 16 dim: 16 }',
    ...Array.from(
      { length: n },
      (_, i) =>
        `layer { name: "c${i}" type: "Convolution" bottom: "${i ? `c${i - 1}` : 'data'}" top: "c${i}" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }`,
    ),
  ].join('\n');

/** Pairs of overlapping boxes (a sweep over boxes sorted by y: deep graphs have few boxes per row). */
function overlaps(g: PositionedGraph): string[] {
  const out: string[] = [];
  const ns = [...g.nodes].sort((a, b) => a.y - b.y);
  for (let i = 0; i < ns.length; i++)
    for (let j = i + 1; j < ns.length && ns[j]!.y < ns[i]!.y + ns[i]!.height; j++) {
      const a = ns[i]!;
      const b = ns[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width) out.push(`${a.name} × ${b.name}`);
    }
  return out;
}

describe('chains', () => {
  it('finds maximal runs of single-in single-out links, in topological order', () => {
    // 0 → 1 → 2 → {3, 4} → 5 → 6
    const src = Int32Array.from([0, 1, 2, 2, 3, 4, 5]);
    const dst = Int32Array.from([1, 2, 3, 4, 5, 5, 6]);
    const adj = adjacency(7, src, dst);
    const order = topoOrder(adj, dst);
    const { members } = findChains(adj, src, dst, order);
    expect(members.map((m) => [...m])).toEqual([[0, 1, 2], [3], [4], [5, 6]]);
  });

  it('orders a cycle instead of looping forever', () => {
    const src = Int32Array.from([0, 1, 2]);
    const dst = Int32Array.from([1, 2, 1]);
    const adj = adjacency(3, src, dst);
    expect([...topoOrder(adj, dst)].sort()).toEqual([0, 1, 2]);
  });
});

describe('fast layout', () => {
  it('lays out a 2,500-convolution chain as one straight column, top to bottom', () => {
    const g = layout(chainText(2500));
    expect(g.nodes).toHaveLength(2501);
    const centre = (i: number) => g.nodes[i]!.x + g.nodes[i]!.width / 2;
    for (let i = 1; i < g.nodes.length; i++) {
      expect(centre(i)).toBeCloseTo(centre(0), 6);
      expect(g.nodes[i]!.y).toBeGreaterThan(g.nodes[i - 1]!.y + g.nodes[i - 1]!.height);
    }
    // Every link is a straight vertical line from the bottom of one card to the top of the next.
    for (const e of g.edges) {
      expect(e.points).toHaveLength(2);
      expect(e.points[0]!.x).toBe(e.points[1]!.x);
    }
  });

  it('keeps Inception branches in file order, without overlaps, labels between the cards', () => {
    if (!corpusAvailable()) return;
    const g = layout(readCorpus('caffe', 'googlenet.prototxt'));
    expect(overlaps(g)).toEqual([]);
    const x = (name: string) => g.nodes.find((n) => n.name === name)!.x;
    expect(x('inception_3a/1x1')).toBeLessThan(x('inception_3a/3x3_reduce'));
    expect(x('inception_3a/3x3_reduce')).toBeLessThan(x('inception_3a/5x5_reduce'));
    expect(x('inception_3a/5x5_reduce')).toBeLessThan(x('inception_3a/pool'));
    // Every edge starts on its source's bottom side and ends on its target's top side.
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    for (const e of g.edges) {
      const s = byId.get(e.source)!;
      const t = byId.get(e.target)!;
      const a = e.points[0]!;
      const b = e.points.at(-1)!;
      expect(a.y).toBeCloseTo(s.y + s.height, 6);
      expect(b.y).toBeCloseTo(t.y, 6);
      expect(a.x).toBeGreaterThanOrEqual(s.x);
      expect(b.x).toBeLessThanOrEqual(t.x + t.width);
      // Orthogonal: each segment is horizontal or vertical.
      for (let k = 1; k < e.points.length; k++) {
        const p = e.points[k - 1]!;
        const q = e.points[k]!;
        expect(p.x === q.x || p.y === q.y).toBe(true);
      }
    }
    // A fan-out carrying one blob shows its label once.
    const fromPool2 = g.edges.filter((e) => e.source === g.nodeOfLayer.get('pool2/3x3_s2'));
    expect(fromPool2).toHaveLength(4);
    expect(fromPool2.filter((e) => e.labelPos !== null)).toHaveLength(1);
  });

  it('flows left to right with RIGHT', () => {
    const g = layout(chainText(5), 'RIGHT');
    for (let i = 1; i < g.nodes.length; i++)
      expect(g.nodes[i]!.x).toBeGreaterThan(g.nodes[i - 1]!.x + g.nodes[i - 1]!.width);
    expect(g.width).toBeGreaterThan(g.height);
  });

  it('lays out a 20,000-layer model with no overlapping boxes', () => {
    const g = layout(syntheticPrototxt(20000));
    expect(g.nodes.length).toBeGreaterThan(6000);
    expect(overlaps(g)).toEqual([]);
    for (const n of g.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });
});

describe('layout reuse', () => {
  it('keeps every position when only figures change (num_output 64 → 128)', () => {
    const text = chainText(3).replace('num_output: 8', 'num_output: 64');
    const view1 = buildViewGraph(analyzeText(text));
    const g1 = positionFast(view1, fastLayout(fastInput(view1, 'DOWN')));
    const view2 = buildViewGraph(analyzeText(text.replace('num_output: 64', 'num_output: 128')));
    expect(view2.nodes[1]!.outShape).toEqual([1, 128, 16, 16]);
    const g2 = reuseLayout(view2, g1)!;
    expect(g2).not.toBeNull();
    g2.nodes.forEach((n, i) => {
      expect(n.y).toBe(g1.nodes[i]!.y);
      expect(n.x + n.width / 2).toBe(g1.nodes[i]!.x + g1.nodes[i]!.width / 2);
    });
    expect(g2.nodes[1]!.outShape).toEqual([1, 128, 16, 16]);
  });

  it('refuses a changed topology', () => {
    const view1 = buildViewGraph(analyzeText(chainText(3)));
    const g1 = positionFast(view1, fastLayout(fastInput(view1, 'DOWN')));
    expect(reuseLayout(buildViewGraph(analyzeText(chainText(4))), g1)).toBeNull();
  });
});
