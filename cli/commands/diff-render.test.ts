import { describe, expect, it } from 'vitest';
import { getPreset } from '../../lib/presets';
import { checkXml } from '../../lib/share/xml-check';
import type { CliIO } from '../io';
import { runDiff } from './diff';
import { runRender } from './render';
import { UsageError } from '../io';
import { analyzeFromText } from './analyze';
import { buildViewGraph } from '../../lib/layout/view-graph';
import { layoutFastNow } from '../../lib/layout/fast-view';

function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT', path: p });
      return f;
    },
    writeFile: async (p, d) => void (written[p] = typeof d === 'string' ? d : new TextDecoder().decode(d)),
  };
  return { io, out: () => out.join(''), err: () => err.join(''), written };
}

const A = `name: "a"
input: "data"
input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 8 kernel_size: 5 pad: 2 } }
layer { name: "fc" type: "InnerProduct" bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
`;
const B = A.replace('kernel_size: 5 pad: 2', 'kernel_size: 3 pad: 1');

describe('layerscope diff', () => {
  it('prints totals and the changed layer as a table', async () => {
    const f = fakeIO({ 'a.prototxt': A, 'b.prototxt': B });
    expect(await runDiff(['a.prototxt', 'b.prototxt'], f.io)).toBe(0);
    const macsDelta = 8 * 16 * 16 * 3 * (9 - 25);
    expect(f.out()).toMatch(
      new RegExp(
        `MACs\\s+[\\d,]+\\s+[\\d,]+\\s+${(macsDelta / 1000) | 0},${String(-macsDelta % 1000).padStart(3, '0')}`,
      ),
    );
    expect(f.out()).toContain('~  conv1');
    expect(f.out()).toContain('kernel_size 5→3; pad 2→1');
    expect(f.out()).toContain('layers: 0 added, 0 removed, 1 changed, 1 same');
  });

  it('json and md formats', async () => {
    const f = fakeIO({ 'a.prototxt': A, 'b.prototxt': B });
    expect(await runDiff(['a.prototxt', 'b.prototxt', '--format', 'json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.totals.macs.delta).toBe(8 * 16 * 16 * 3 * (9 - 25));
    expect(j.totals.params.delta).toBe(8 * 3 * (9 - 25));
    expect(j.layers.map((l: { status: string }) => l.status)).toEqual(['changed', 'same']);
    const g = fakeIO({ 'a.prototxt': A, 'b.prototxt': B });
    await runDiff(['--format=md', 'a.prototxt', 'b.prototxt'], g.io);
    expect(g.out()).toContain('| changed | conv1 | Convolution | -98,304 | -384 | kernel_size 5→3; pad 2→1 |');
  });

  it('usage errors and model errors', async () => {
    const f = fakeIO({
      'a.prototxt': A,
      'bad.prototxt': 'layer { name: "x" type: "Convolution" bottom: "nope" top: "x" }',
    });
    await expect(runDiff(['a.prototxt'], f.io)).rejects.toThrow(UsageError);
    await expect(runDiff(['a', 'b', '--format', 'csv'], f.io)).rejects.toThrow('--format must be table, json or md');
    expect(await runDiff(['a.prototxt', 'bad.prototxt'], f.io)).toBe(1);
    expect(f.err()).toMatch(/^bad\.prototxt:1:\d+: error: /m);
  });
});

describe('layerscope render', () => {
  it('writes a well-formed SVG of the whole graph', async () => {
    const f = fakeIO({ 'sq.prototxt': getPreset('squeezenet1.1')!.text });
    expect(await runRender(['sq.prototxt', '--svg', 'out.svg', '--direction', 'right'], f.io)).toBe(0);
    const svg = f.written['out.svg']!;
    const xml = checkXml(svg);
    expect(xml.ok).toBe(true);
    expect(svg).toContain('fire9/expand3x3');
    // The size written is in bytes of UTF-8 (the SVG has ×, → …), not the string's length.
    const bytes = new TextEncoder().encode(svg).length;
    expect(bytes).toBeGreaterThan(svg.length);
    expect(f.err()).toMatch(new RegExp(`^wrote out\\.svg \\(${bytes} bytes, 67 layers\\)`));
  });

  it('refuses --png with the reason, and needs --svg', async () => {
    const f = fakeIO({ 'a.prototxt': A });
    await expect(runRender(['a.prototxt', '--png', 'x.png'], f.io)).rejects.toThrow('--png is browser-only');
    await expect(runRender(['a.prototxt'], f.io)).rejects.toThrow('render needs --svg');
  });
});

describe('layerscope render uses the page layout', () => {
  it('places every card where the graph pane places it (fast layout, same direction), every time', async () => {
    const text = getPreset('squeezenet1.1')!.text;
    const f = fakeIO({ 'sq.prototxt': text });
    expect(await runRender(['sq.prototxt', '--svg', 'out.svg'], f.io)).toBe(0);
    const svg = f.written['out.svg']!;
    const view = buildViewGraph(analyzeFromText(text, { batch: 1, phase: 'TEST', stages: [], inputs: {} }));
    const page = layoutFastNow(view, 'DOWN');
    const round = (n: number) => String(Math.round(n * 10) / 10);
    // The card of each node: its rect follows the node's <g> (data-id), at the page's position.
    for (const n of page.nodes) {
      const at = svg.indexOf(`data-id="${n.id}"`);
      expect(at, n.id).toBeGreaterThan(-1);
      const rect = /<rect x="([^"]+)" y="([^"]+)" width="([^"]+)"/.exec(svg.slice(at))!;
      expect([rect[1], rect[2], rect[3]], n.id).toEqual([round(n.x), round(n.y), round(n.width)]);
    }
    // A chain is one straight column: pool1 is centred under conv1 (its ReLU folded as a badge).
    const mid = (id: string) => {
      const n = page.nodes.find((v) => v.name === id)!;
      return n.x + n.width / 2;
    };
    expect(mid('pool1')).toBe(mid('conv1'));
    const g = fakeIO({ 'sq.prototxt': text });
    await runRender(['sq.prototxt', '--svg', 'out.svg'], g.io);
    expect(g.written['out.svg']).toBe(svg);
  });
});
