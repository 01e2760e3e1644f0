import { describe, expect, it } from 'vitest';
import { analyzeText } from '@/lib/index';
import { createNodeElk } from '@/lib/layout/node-elk';
import { proposeGroups, buildViewGraph } from '@/lib/layout';
import { getPreset } from '@/lib/presets';
import { analysisToSvg } from '@/lib/share/svg';
import { checkXml } from '@/lib/share/xml-check';
import { markAnalysis } from '@/lib/workspace/partial';
import { heatColor } from '@/components/graph/heat';
import { fastLayout } from '@/lib/layout/fast-layout';
import { fastInput, positionFast } from '@/lib/layout/fast-view';
import { exportGraphSvg } from './export-svg';
import { screenColors, screenHeader, screenLegend, screenViewGraph } from './export-view';

const googlenet = analyzeText(getPreset('googlenet')!.text);

describe('graph export = screen', () => {
  it('heat map: the costliest node gets the hot end, inputs and zero-cost nodes are neutral', () => {
    const view = screenViewGraph(googlenet, { theme: 'light', colorMode: 'macs' });
    const colors = screenColors(view.nodes, { theme: 'light', colorMode: 'macs' });
    const layers = view.nodes.filter((n) => n.kind === 'layer' && n.costs.macs > 0);
    const hottest = layers.reduce((a, b) => (b.costs.macs > a.costs.macs ? b : a));
    const coolest = layers.reduce((a, b) => (b.costs.macs < a.costs.macs ? b : a));
    expect(colors.get(hottest.id)?.fill).toBe(heatColor(1));
    expect(colors.get(coolest.id)?.fill).toBe(heatColor(0));
    const input = view.nodes.find((n) => n.category === 'input')!;
    expect(colors.get(input.id)?.fill).toBe('#eceef1');
    const legend = screenLegend(view.nodes, { theme: 'light', colorMode: 'macs' });
    expect(legend.kind).toBe('gradient');
    expect(legend.kind === 'gradient' && legend.labels[2]).toBe('347M'); // as the screen's legend prints it; conv2/3x3: 192·64·9 × 56·56
  });

  it('collapsed blocks are collapsed as on screen', () => {
    const groups = proposeGroups(buildViewGraph(googlenet));
    const key = groups.find((g) => g.key.startsWith('inception_3a'))!.key;
    const view = screenViewGraph(googlenet, { theme: 'light', colorMode: 'category', collapsed: new Set([key]) });
    expect(view.nodes.some((n) => n.kind === 'group' && n.name === key)).toBe(true);
    expect(view.nodes.some((n) => n.name === 'inception_3a/1x1')).toBe(false);
    expect(view.nodes.length).toBeLessThan(buildViewGraph(googlenet).nodes.length);
  });

  it('header: name and totals, lower bounds when layers are unknown', () => {
    expect(screenHeader(googlenet)).toEqual([
      'GoogleNet — 143 layers',
      '1.58 G MACs · 3.19 G FLOPs · 7.00 M params · activations 27.3 MB (peak 4.82 MB) · weights 28.0 MB · batch 1',
    ]);
    const broken = markAnalysis(
      analyzeText(`name: "b"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "x" type: "Convolution" bottom: "nowhere" top: "x" convolution_param { num_output: 4 kernel_size: 1 } }
`),
    ).analysis;
    expect(screenHeader(broken)[1]).toBe(
      '≥ 3.89 k MACs · ≥ 7.92 k FLOPs · ≥ 112 params · activations ≥ 576 B (peak ≥ 1.34 kB) · weights ≥ 448 B · batch 1 · 1 layer unknown',
    );
  });

  it('the SVG carries the legend, the header and the screen colours, and stays well-formed', async () => {
    const screen = { theme: 'dark' as const, colorMode: 'memory' as const };
    const view = screenViewGraph(googlenet, screen);
    const colors = screenColors(view.nodes, screen);
    const svg = await analysisToSvg(googlenet, createNodeElk(), {
      theme: 'dark',
      view,
      colorsOf: (n) => colors.get(n.id),
      legend: screenLegend(view.nodes, screen),
      header: screenHeader(googlenet),
    });
    const xml = checkXml(svg);
    if (!xml.ok) throw new Error(xml.error);
    expect(xml.texts).toContain('Activation memory (log scale)');
    expect(xml.texts).toContain('3.21 MB'); // the legend's top: conv1's output
    expect(xml.texts).toContain('GoogleNet — 143 layers');
    const conv1 = view.nodes.find((n) => n.name === 'conv1/7x7_s2')!;
    const rect = new RegExp(`data-name="conv1/7x7_s2"[^>]*>\\s*<title>[^<]*</title>\\s*<rect [^>]*fill="([^"]+)"`).exec(
      svg,
    );
    expect(rect?.[1]).toBe(colors.get(conv1.id)!.fill);
    expect(rect?.[1]).toBe(heatColor(1));
  });

  it('the page export puts every card where the page’s own layout does, collapsed blocks included', async () => {
    const key = proposeGroups(buildViewGraph(googlenet)).find((g) => g.key.startsWith('inception_4a'))!.key;
    for (const direction of ['DOWN', 'RIGHT'] as const) {
      const screen = { theme: 'light' as const, colorMode: 'category' as const, collapsed: new Set([key]), direction };
      const view = screenViewGraph(googlenet, screen);
      const onScreen = positionFast(view, fastLayout(fastInput(view, direction)));
      const svg = await exportGraphSvg(googlenet, screen);
      const rects = new Map(
        [...svg.matchAll(/data-name="([^"]+)"[^>]*>\s*<title>[^<]*<\/title>\s*<rect x="([^"]+)" y="([^"]+)"/g)].map(
          (m) => [m[1], [Number(m[2]), Number(m[3])]],
        ),
      );
      expect(rects.size).toBe(onScreen.nodes.length);
      for (const n of onScreen.nodes) {
        const r = rects.get(n.name);
        expect(r, n.name).toBeDefined();
        expect(r![0]).toBeCloseTo(n.x, 0);
        expect(r![1]).toBeCloseTo(n.y, 0);
      }
      expect(rects.has(key)).toBe(true);
    }
  });
});
