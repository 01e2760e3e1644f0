import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { getPreset } from '../presets';
import { diffAnalyses, diffAttrs, statusByLayer, type ModelDiff } from './compare';
import { matchLayers } from './match';
import { diffHeadline, diffToJson, diffToMarkdown, diffToTable } from './report';

const HEAD = `name: "m"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
`;
const conv = (name: string, bottom: string, out: number, k: number, pad: number) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: ${out} kernel_size: ${k} pad: ${pad} } }\n`;
const relu = (name: string, blob: string) =>
  `layer { name: "${name}" type: "ReLU" bottom: "${blob}" top: "${blob}" }\n`;
const pool = (bottom: string) =>
  `layer { name: "pool1" type: "Pooling" bottom: "${bottom}" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }\n`;
const concat = (...b: string[]) =>
  `layer { name: "concat" type: "Concat" ${b.map((x) => `bottom: "${x}" `).join('')}top: "concat" }\n`;
const fc =
  'layer { name: "fc" type: "InnerProduct" bottom: "concat" top: "fc" inner_product_param { num_output: 10 } }\n';

const BASE =
  HEAD +
  conv('conv1', 'data', 16, 3, 1) +
  relu('relu1', 'conv1') +
  pool('conv1') +
  conv('conv_a', 'pool1', 8, 1, 0) +
  conv('conv_b', 'pool1', 8, 3, 1) +
  concat('conv_a', 'conv_b') +
  fc;

function diff(a: string, b: string): ModelDiff {
  const A = analyzeText(a);
  const B = analyzeText(b);
  expect(A.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(B.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return diffAnalyses(A, B);
}
const row = (d: ModelDiff, name: string) => {
  const r = d.layers.find((l) => l.name === name);
  if (!r) throw new Error(`no row ${name}`);
  return r;
};

describe('matchLayers', () => {
  it('pairs by name first (repeated names in order), then same-typed leftovers by position', () => {
    const A = [
      { name: 'x', type: 'Conv' },
      { name: 'old', type: 'ReLU' },
      { name: 'y', type: 'Conv' },
      { name: 'dup', type: 'Pool' },
      { name: 'dup', type: 'Pool' },
    ];
    const B = [
      { name: 'x', type: 'Conv' },
      { name: 'new', type: 'ReLU' },
      { name: 'y', type: 'Conv' },
      { name: 'dup', type: 'Pool' },
      { name: 'extra', type: 'Pool' },
    ];
    expect(matchLayers(A, B)).toEqual([
      { a: 0, b: 0, by: 'name' },
      { a: 1, b: 1, by: 'position' },
      { a: 2, b: 2, by: 'name' },
      { a: 3, b: 3, by: 'name' },
      { a: 4, b: 4, by: 'position' },
    ]);
  });

  it('does not pair across anchors or across types', () => {
    const A = [
      { name: 'r1', type: 'ReLU' },
      { name: 'k', type: 'Conv' },
      { name: 'p', type: 'Pool' },
    ];
    const B = [
      { name: 'k', type: 'Conv' },
      { name: 'r2', type: 'ReLU' },
      { name: 'q', type: 'Conv' },
    ];
    expect(matchLayers(A, B)).toEqual([{ a: 1, b: 0, by: 'name' }]);
  });
});

describe('diffAnalyses', () => {
  it('identical models: every layer the same, zero deltas', () => {
    const d = diff(BASE, BASE);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, same: 7 });
    expect(d.totals.delta.macs).toBe(0);
    expect(diffToTable(d)).toContain('(no layer differs)');
  });

  it('renamed layer: matched by position and type, downstream inputs follow the rename', () => {
    const renamed = BASE.replace(/conv_b/g, 'conv_b_v2');
    const d = diff(BASE, renamed);
    const r = row(d, 'conv_b_v2');
    expect(r).toMatchObject({
      status: 'changed',
      renamedFrom: 'conv_b',
      matchedBy: 'position',
      attrChanges: [],
      shapeChanges: [],
    });
    expect(r.summary).toEqual(['renamed from conv_b']);
    expect(row(d, 'concat').status).toBe('same');
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1, same: 6 });
    expect(statusByLayer(d).get('conv_b_v2')).toBe('changed');
  });

  it('inserted block: new layers are added, the consumer reports its new input', () => {
    const inserted = BASE.replace(
      pool('conv1'),
      conv('conv1b', 'conv1', 16, 3, 1) + relu('relu1b', 'conv1b') + pool('conv1b'),
    );
    const d = diff(BASE, inserted);
    expect(row(d, 'conv1b').status).toBe('added');
    expect(row(d, 'relu1b').status).toBe('added');
    expect(row(d, 'pool1')).toMatchObject({ status: 'changed', inputsChanged: true });
    expect(row(d, 'pool1').summary).toEqual(['inputs conv1→conv1b']);
    const added = 16 * 16 * 9 * 32 * 32;
    expect(row(d, 'conv1b').delta.macs).toBe(added);
    expect(row(d, 'conv1b').delta.params).toBe(16 * 16 * 9 + 16);
    expect(d.totals.delta.macs).toBe(added);
    expect(d.counts).toEqual({ added: 2, removed: 0, changed: 1, same: 6 });
    // Rows follow B's order.
    expect(d.layers.map((l) => l.name).slice(0, 5)).toEqual(['conv1', 'relu1', 'conv1b', 'relu1b', 'pool1']);
  });

  it('removed branch: listed after its predecessor, with the shape and cost effects downstream', () => {
    const removed = BASE.replace(conv('conv_a', 'pool1', 8, 1, 0), '').replace(
      concat('conv_a', 'conv_b'),
      concat('conv_b'),
    );
    const d = diff(BASE, removed);
    const r = row(d, 'conv_a');
    expect(r.status).toBe('removed');
    expect(r.b).toBeNull();
    expect(r.delta.macs).toBe(-(16 * 8 * 16 * 16));
    expect(d.layers.map((l) => l.name)).toEqual(['conv1', 'relu1', 'pool1', 'conv_a', 'conv_b', 'concat', 'fc']);
    const c = row(d, 'concat');
    expect(c.status).toBe('changed');
    expect(c.shapeChanges).toEqual([{ top: 0, a: [1, 16, 16, 16], b: [1, 8, 16, 16] }]);
    expect(c.inputsChanged).toBe(true);
    expect(row(d, 'fc').delta.params).toBe(-(8 * 16 * 16 * 10));
    expect(d.counts).toEqual({ added: 0, removed: 1, changed: 2, same: 4 });
  });

  it('changed kernel: attribute paths with old and new values, cost delta', () => {
    const changed = BASE.replace(conv('conv_b', 'pool1', 8, 3, 1), conv('conv_b', 'pool1', 8, 5, 2));
    const d = diff(BASE, changed);
    const r = row(d, 'conv_b');
    expect(r.status).toBe('changed');
    expect(r.matchedBy).toBe('name');
    expect(r.attrChanges).toEqual([
      { path: 'convolution_param.kernel_size', a: 3, b: 5 },
      { path: 'convolution_param.pad', a: 1, b: 2 },
    ]);
    expect(r.summary).toEqual(['kernel_size 3→5', 'pad 1→2']);
    expect(r.delta.macs).toBe(8 * 16 * 16 * 16 * (25 - 9));
    expect(r.delta.params).toBe(8 * 16 * (25 - 9));
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1, same: 6 });
  });

  it('GoogLeNet: shrinking every 5×5 branch conv to 3×3 (as torchvision does) shows the saving', () => {
    const a = getPreset('googlenet')!.text;
    const b = a.replace(
      /(layer \{\n {2}name: "(inception_\w+)\/5x5"\n {2}type: "Convolution"\n {2}bottom: "[^"]+"\n {2}top: "[^"]+"\n {2}convolution_param \{\n {4}num_output: \d+\n {4})pad: 2\n {4}kernel_size: 5/g,
      '$1pad: 1\n    kernel_size: 3',
    );
    expect(b).not.toBe(a);
    const d = diff(a, b);
    const changed = d.layers.filter((l) => l.status === 'changed');
    expect(changed.map((l) => l.name)).toHaveLength(9);
    expect(changed.every((l) => l.name.endsWith('/5x5'))).toBe(true);
    expect(d.totals.delta.macs).toBeLessThan(0);
    expect(d.totals.delta.macs).toBe(changed.reduce((s, l) => s + l.delta.macs, 0));
    expect(diffHeadline(d)).toMatch(/^MACs 1\.58 G → 1\.\d\d G \(-\d+\.\d %\)/);
  });

  it('diffAttrs recurses into messages and reports missing fields', () => {
    expect(diffAttrs({ p: { a: 1, b: [1, 2] }, q: 'x' }, { p: { a: 1, b: [1, 3] }, r: true })).toEqual([
      { path: 'p.b', a: [1, 2], b: [1, 3] },
      { path: 'q', a: 'x', b: undefined },
      { path: 'r', a: undefined, b: true },
    ]);
  });
});

describe('diff reports', () => {
  const changed = BASE.replace(conv('conv_b', 'pool1', 8, 3, 1), conv('conv_b', 'pool1', 8, 5, 2));
  const d = diff(BASE, changed);

  it('JSON has exact totals and per-layer changes', () => {
    const j = JSON.parse(JSON.stringify(diffToJson(d)));
    expect(j.totals.macs.delta).toBe(8 * 16 * 16 * 16 * 16);
    expect(j.totals.macs.b - j.totals.macs.a).toBe(j.totals.macs.delta);
    expect(j.layers.find((l: { name: string }) => l.name === 'conv_b').changes).toEqual(['kernel_size 3→5', 'pad 1→2']);
    expect(j.counts).toEqual({ added: 0, removed: 0, changed: 1, same: 6 });
  });

  it('table and Markdown list only differing layers by default', () => {
    const t = diffToTable(d);
    expect(t).toMatch(/MACs\s+[\d,]+\s+[\d,]+\s+\+524,288/);
    expect(t).toContain('~  conv_b');
    expect(t).not.toContain('conv_a');
    const md = diffToMarkdown(d);
    expect(md).toContain('| changed | conv_b | Convolution | +524,288 | +2,048 | kernel_size 3→5; pad 1→2 |');
    expect(diffToMarkdown(d, true)).toContain('| same | conv_a |');
  });
});

describe('diff reports: figures beyond 2^53', () => {
  it('mark approximate totals and deltas with ≈ and in JSON', () => {
    const net = (n: number) => `input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "fc" type: "InnerProduct" bottom: "data" top: "fc" inner_product_param { num_output: ${n} } }`;
    // num_output beyond uint32 is refused by the schema; lenient reading hands it to the ops.
    const lenient = { lenient: true } as const;
    const d = diffAnalyses(
      analyzeText(net(1_000_000_000_000_000), lenient),
      analyzeText(net(2_000_000_000_000_000), lenient),
    );
    const json = diffToJson(d);
    expect(json.totals.macs).toEqual({ a: 192e15, b: 384e15, delta: 192e15, approx: true });
    expect(json.totals.activationBytes).toEqual({ a: 4e15, b: 8e15, delta: 4e15 });
    expect(diffToTable(d)).toMatch(/^MACs\s+≈1\.920e\+17\s+≈3\.840e\+17\s+\+≈1\.920e\+17\s+\+100\.0 %$/m);
    expect(diffToMarkdown(d)).toContain('| activation bytes | 4,000,000,000,000,000 | 8,000,000,000,000,000 |');
  });
});
