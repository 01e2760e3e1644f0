import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { corpusAvailable, readCorpus } from '../testing/corpus';
import { layoutKey, layoutView, toElkGraph } from './elk-graph';
import { formatBytes, formatSI, shapeText } from './format';
import { createNodeElk } from './node-elk';
import { buildViewGraph } from './view-graph';

const NET = `
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "a" type: "Convolution" bottom: "data" top: "a" convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "a_relu" type: "ReLU" bottom: "a" top: "a" }
layer { name: "b" type: "Convolution" bottom: "a" top: "b" convolution_param { num_output: 4 kernel_size: 1 } }
layer { name: "c" type: "Convolution" bottom: "a" top: "c" convolution_param { num_output: 4 kernel_size: 1 } }
layer { name: "cat" type: "Concat" bottom: "b" bottom: "c" top: "cat" }
`;

describe('ELK conversion and layout', () => {
  const view = buildViewGraph(analyzeText(NET));

  it('emits one ELK child per view node with its size and one labelled edge per view edge', () => {
    const elk = toElkGraph(view, { direction: 'RIGHT' });
    expect(elk.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(elk.layoutOptions?.['elk.algorithm']).toBe('layered');
    expect(elk.children?.map((c) => c.id)).toEqual(view.nodes.map((n) => n.id));
    expect(elk.children?.[1]).toMatchObject({ width: view.nodes[1]!.width, height: view.nodes[1]!.height });
    expect(elk.edges).toHaveLength(5);
    const e = elk.edges!.find((x) => x.id === 'L0->L2')!;
    expect(e.labels?.[0]?.text).toBe('4×30×30');
  });

  it('lays out top-down without overlaps, with routes and label positions', async () => {
    const g = await layoutView(createNodeElk(), view, { direction: 'DOWN' });
    const y = (name: string) => g.nodes.find((n) => n.name === name)!.y;
    expect(y('data')).toBeLessThan(y('a'));
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('cat'));
    for (const p of g.nodes)
      for (const q of g.nodes) {
        if (p === q) continue;
        const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap, `${p.name} overlaps ${q.name}`).toBe(false);
      }
    for (const e of g.edges) {
      expect(e.points.length).toBeGreaterThanOrEqual(2);
      expect(e.labelPos).not.toBeNull();
    }
    expect(g.width).toBeGreaterThan(0);
    expect(g.height).toBeGreaterThan(y('cat'));
  });

  it('left-to-right puts consumers to the right', async () => {
    const g = await layoutView(createNodeElk(), view, { direction: 'RIGHT' });
    const x = (name: string) => g.nodes.find((n) => n.name === name)!.x;
    expect(x('data')).toBeLessThan(x('a'));
    expect(x('a')).toBeLessThan(x('cat'));
  });

  it('layoutKey ignores figures that keep sizes but changes with structure', () => {
    const same = buildViewGraph(
      analyzeText(
        NET.replace(
          'num_output: 4 kernel_size: 1 } }\nlayer { name: "cat"',
          'num_output: 5 kernel_size: 1 } }\nlayer { name: "cat"',
        ),
      ),
    );
    const other = buildViewGraph(analyzeText(NET.replace('bottom: "b" bottom: "c"', 'bottom: "b"')));
    const k = layoutKey(toElkGraph(view));
    expect(layoutKey(toElkGraph(buildViewGraph(analyzeText(NET))))).toBe(k);
    expect(layoutKey(toElkGraph(other))).not.toBe(k);
    // num_output 4 → 5 changes the figures on two cards but not their (16 px-rounded) sizes.
    expect(layoutKey(toElkGraph(same))).toBe(k);
  });

  it.runIf(corpusAvailable())('lays out inception-v4 with every node placed', async () => {
    const v = buildViewGraph(analyzeText(readCorpus('caffe', 'inception-v4.prototxt')));
    const g = await layoutView(createNodeElk(), v);
    expect(g.nodes).toHaveLength(191);
    expect(new Set(g.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(191);
    expect(g.edges.every((e) => e.points.length >= 2)).toBe(true);
  });
});

describe('format', () => {
  it('uses SI prefixes with three significant digits', () => {
    expect(formatSI(0)).toBe('0');
    expect(formatSI(999)).toBe('999');
    expect(formatSI(1234)).toBe('1.23k');
    expect(formatSI(3_858_000_000)).toBe('3.86G');
    expect(formatSI(25_557_032)).toBe('25.6M');
    expect(formatSI(999_999)).toBe('1M');
    expect(formatBytes(1536)).toBe('1.54 kB');
    expect(shapeText([1, 64, 56, 56], true)).toBe('64×56×56');
    expect(shapeText([1, 64, 56, 56])).toBe('1×64×56×56');
    expect(shapeText(null)).toBe('?');
  });
});
