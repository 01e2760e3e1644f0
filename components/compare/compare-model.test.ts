import { describe, expect, it } from 'vitest';
import { analyzeText } from '@/lib/index';
import { diffAnalyses, statusByLayer } from '@/lib/diff';
import { buildViewGraph, CARD, textWidth } from '@/lib/layout';
import { getPreset } from '@/lib/presets';
import { encodeShare } from '@/lib/share/codec';
import {
  macsDeltaText,
  nodeStatus,
  removedLayers,
  resolveCompareInitial,
  sortDiffRows,
  widenForDeltas,
} from './compare-model';

const noFetch = async () => {
  throw new TypeError('Failed to fetch');
};
const none = { a: null, b: null, workspace: null };

describe('resolveCompareInitial', () => {
  it('opens a compare link with both texts and its view', async () => {
    const view = { direction: 'LR' as const, colorMode: 'category', batch: 2 };
    const frag = encodeShare({ kind: 'compare', a: 'name: "A"', b: 'name: "B"', view });
    expect(await resolveCompareInitial(`#${frag}`, '', none, noFetch)).toEqual({
      a: 'name: "A"',
      b: 'name: "B"',
      source: 'link',
      view,
    });
  });

  it('a model link, a preset or the workspace text give B as a copy of A', async () => {
    const frag = encodeShare({ text: 'name: "M"' });
    expect(await resolveCompareInitial(`#${frag}`, '', none, noFetch)).toMatchObject({
      a: 'name: "M"',
      b: 'name: "M"',
    });
    const p = getPreset('vgg16')!.text;
    expect(await resolveCompareInitial('#/preset/vgg16', '', none, noFetch)).toEqual({ a: p, b: p, source: 'preset' });
    expect(await resolveCompareInitial('', '', { a: null, b: null, workspace: 'W' }, noFetch)).toEqual({
      a: 'W',
      b: 'W',
      source: 'workspace',
    });
  });

  it('a broken link or failed fetch keeps the saved texts and explains', async () => {
    const saved = { a: 'SA', b: 'SB', workspace: 'W' };
    const r = await resolveCompareInitial('#v1.%%%', '', saved, noFetch);
    expect(r).toMatchObject({ a: 'SA', b: 'SB', source: 'saved' });
    expect(r.notice).toMatch(/^This link could not be opened: damaged link: invalid base64url character/);
    const u = await resolveCompareInitial('', '?url=https://example.org/m.prototxt', saved, noFetch);
    expect(u.notice).toContain('blocked or the host is unreachable');
    expect(u.a).toBe('SA');
  });
});

describe('diff rows and B graph colours', () => {
  const A = getPreset('demo-bottleneck')!.text;
  const B = A.replace('num_output: 16', 'num_output: 24').replace(/layer \{\n {2}name: "direct_5x5"[\s\S]*?\n\}\n/, '');
  const a = analyzeText(A);
  const b = analyzeText(B);
  const diff = diffAnalyses(a, b);

  it('sorts by delta magnitude and by model order', () => {
    const byMacs = sortDiffRows(diff.layers, 'macs', true);
    expect(byMacs[0]!.name).toBe('direct_5x5');
    expect(byMacs[0]!.status).toBe('removed');
    expect(byMacs[0]!.delta.macs).toBe(-120_422_400);
    expect(byMacs[1]!.name).toBe('bottleneck_5x5');
    expect(sortDiffRows(diff.layers, 'order', false).map((r) => r.name)).toEqual(diff.layers.map((r) => r.name));
    expect(sortDiffRows(diff.layers, 'status', false)[0]!.status).toBe('removed');
    expect(removedLayers(diff).map((r) => r.name)).toEqual(['direct_5x5']);
  });

  it('colours B boxes by the status of their layers, folded badges included', () => {
    const view = buildViewGraph(b);
    const by = statusByLayer(diff);
    const status = Object.fromEntries(view.nodes.map((n) => [n.name, nodeStatus(n, by)]));
    expect(status).toMatchObject({ data: 'same', reduce_1x1: 'changed', bottleneck_5x5: 'changed' });
    expect(nodeStatus({ name: 'x', kind: 'layer', folded: [] }, new Map([['x', 'added']]))).toBe('added');
    expect(
      nodeStatus(
        {
          name: 'x',
          kind: 'layer',
          folded: [{ index: 1, name: 'r', type: 'ReLU', category: 'activation', macs: 0, flops: 0, params: 0 }],
        },
        new Map([
          ['x', 'same'],
          ['r', 'added'],
        ]),
      ),
    ).toBe('changed');
  });

  it('widens a B box so its cost line and ΔMACs fit, and leaves the others alone', () => {
    const view = buildViewGraph(b);
    const rows = new Map(diff.layers.filter((l) => l.b).map((l) => [l.b!.name, l]));
    // reduce_1x1: 192·8·28·28 = 1,204,224 more MACs.
    expect(macsDeltaText(rows.get('reduce_1x1'))).toBe('  Δ+1.2M');
    expect(macsDeltaText(rows.get('data'))).toBe('');
    const deltas = new Map([['reduce_1x1', macsDeltaText(rows.get('reduce_1x1'))]]);
    const wide = widenForDeltas(view, deltas);
    const before = view.nodes.find((n) => n.name === 'reduce_1x1')!;
    const after = wide.nodes.find((n) => n.name === 'reduce_1x1')!;
    const line = '3.61M MACs  4.61k params  Δ+1.2M';
    expect(after.width).toBeGreaterThanOrEqual(textWidth(line, CARD.textSize) + 2 * CARD.padX);
    expect(after.width).toBeGreaterThan(before.width);
    expect(wide.nodes.find((n) => n.name === 'data')).toBe(view.nodes.find((n) => n.name === 'data'));
    expect(widenForDeltas(view, new Map())).toBe(view);
  });
});
