import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../lib';
import { getPreset } from '../../lib/presets';
import type { CliIO } from '../io';
import { main } from '../main';

function fakeIO(files: Record<string, string> = {}) {
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
    writeFile: async (p, d) => void (written[p] = String(d)),
  };
  return { io, out: () => out.join(''), err: () => err.join(''), written };
}

const BOTTLENECK = getPreset('demo-bottleneck')!.text;
const CORNER = getPreset('demo-5x5-corner')!.text;

describe('layerscope advise', () => {
  it('prints the documented JSON: suggestions with id, layer, kind, description, options, before, after', async () => {
    const f = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(
      await main(['advise', 'b.prototxt', '--layer', 'direct_5x5', '--format', 'json', '--set', 'width=16'], f.io),
    ).toBe(0);
    const doc = JSON.parse(f.out());
    expect(Object.keys(doc)).toEqual(['suggestions']);
    const s = doc.suggestions.find((x: { kind: string }) => x.kind === 'bottleneck');
    expect(Object.keys(s).slice(0, 7)).toEqual(['id', 'layer', 'kind', 'description', 'options', 'before', 'after']);
    expect(s.id).toBe('bottleneck:direct_5x5');
    expect(s.options).toEqual({ width: 16, relu: true });
    expect(s.before).toMatchObject({ params: 153_600, macs: 120_422_400, flops: 240_844_800 });
    expect(s.after).toMatchObject({ params: 15_872, macs: 12_443_648 });
    expect(s.before.rf).toEqual([
      { size: 5, jump: 1, start: 0 },
      { size: 5, jump: 1, start: 0 },
    ]);
    expect(s.after.rf).toEqual(s.before.rf);
  });

  it('--apply writes the rewritten model, which re-analyses to the advised figures', async () => {
    const f = fakeIO({ 'b.prototxt': BOTTLENECK });
    const code = await main(
      ['advise', 'b.prototxt', '--apply', 'bottleneck:direct_5x5', '--set', 'width=16', '-o', 'out.prototxt'],
      f.io,
    );
    expect(code).toBe(0);
    expect(f.out()).toBe('');
    const text = f.written['out.prototxt']!;
    const r = analyzeText(text);
    const reduce = r.layers.find((l) => l.name === 'direct_5x5_reduce')!;
    const conv = r.layers.find((l) => l.name === 'direct_5x5')!;
    expect(reduce.params + conv.params).toBe(15_872);
    expect(reduce.macs + conv.macs).toBe(12_443_648);
    expect(conv.outputs[0]).toEqual([1, 32, 28, 28]);
    // Standard output by default.
    const g = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--apply', 'dilate:direct_5x5'], g.io)).toBe(0);
    expect(g.out()).toContain('dilation: 2');
  });

  it('lists a costlier rewrite only with --all, marked, with the sum that makes it costlier', async () => {
    const a = fakeIO({ 'c.prototxt': CORNER });
    expect(await main(['advise', 'c.prototxt'], a.io)).toBe(0);
    expect(a.out()).not.toContain('stack-3x3:conv_5x5');
    const b = fakeIO({ 'c.prototxt': CORNER });
    expect(await main(['advise', 'c.prototxt', '--all'], b.io)).toBe(0);
    expect(b.out()).toMatch(/stack-3x3:conv_5x5\s+25 → 18\s+25 → 90\s+3\.60×\s+COSTS MORE/);
    const c = fakeIO({ 'c.prototxt': CORNER });
    expect(await main(['advise', 'c.prototxt', '--layer', 'conv_5x5', '--all'], c.io)).toBe(0);
    expect(c.out()).toContain('MACs             25 → 81 + 9 = 90   (3.60×)');
    expect(c.out()).toContain('note: Costs more than the layer: 81 + 9 = 90 MACs against 25.');
  });

  it('explains with --layer why rewrites do not apply, and refuses what cannot be done', async () => {
    const a = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--layer', 'reduce_1x1'], a.io)).toBe(0);
    expect(a.out()).toContain('stack-3x3: needs an odd square kernel of 5 or more; this one is 1×1');
    const b = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--layer', 'reduce_relu'], b.io)).toBe(2);
    expect(b.err()).toContain('reduce_relu: only 2-D Convolution layers are rewritten (this one is ReLU)');
    const c = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--apply', 'shrink:direct_5x5'], c.io)).toBe(2);
    expect(c.err()).toContain('--apply takes KIND:LAYER with KIND one of stack-3x3');
    const d = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--apply', 'bottleneck:direct_5x5', '--set', 'width=500'], d.io)).toBe(
      2,
    );
    expect(d.err()).toContain('width 500 is not below the 192 input channels');
    const e = fakeIO({ 'b.prototxt': BOTTLENECK });
    expect(await main(['advise', 'b.prototxt', '--set', 'depth=3'], e.io)).toBe(2);
    expect(e.err()).toContain('unknown rewrite option "depth"');
  });
});
