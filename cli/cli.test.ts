import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from './main';
import type { CliIO } from './io';
import { parseInputOverride } from './commands/analyze';
import { MODELS_DIR } from '../lib/testing/corpus';

function fakeIO(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT', path: p });
      return f;
    },
    writeFile: async () => {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const TINY = `name: "tiny"
input: "data"
input_shape { dim: 2 dim: 3 dim: 32 dim: 32 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "fc" type: "InnerProduct" bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
`;

describe('layerscope CLI', () => {
  it('prints usage and exits 2 without a command or with a bad option', async () => {
    const a = fakeIO();
    expect(await main([], a.io)).toBe(2);
    expect(a.out()).toContain('usage: layerscope');
    const b = fakeIO({ 'm.prototxt': TINY });
    expect(await main(['analyze', 'm.prototxt', '--format', 'xml'], b.io)).toBe(2);
    expect(b.err()).toContain('--format must be table, json, csv or md');
    const c = fakeIO();
    expect(await main(['analyze', 'missing.prototxt'], c.io)).toBe(2);
    expect(c.err()).toContain('cannot read missing.prototxt');
    const d = fakeIO();
    expect(await main(['frobnicate'], d.io)).toBe(2);
  });

  it('reports schema errors at FILE:LINE:COL with exit 1; --lenient makes them warnings (exit 0)', async () => {
    const typo = TINY.replace('kernel_size: 3', 'kernal_size: 3');
    const strict = fakeIO({ 'm.prototxt': typo });
    expect(await main(['analyze', 'm.prototxt'], strict.io)).toBe(1);
    expect(strict.err()).toContain(
      'm.prototxt:5:37: error: conv1: unknown field "kernal_size" in convolution_param; did you mean kernel_size?',
    );
    const lenient = fakeIO({ 'm.prototxt': typo });
    expect(await main(['analyze', 'm.prototxt', '--lenient'], lenient.io)).toBe(1);
    expect(lenient.err()).toContain('m.prototxt:5:37: warning: conv1: unknown field "kernal_size"');
    // Read as written, conv1 has no kernel_size: now the layer's own error explains the rest.
    expect(lenient.err()).toContain('error: conv1: kernel_size is required');
    const ok = fakeIO({ 'm.prototxt': TINY.replace('pad: 1', 'pad: 1 my_fork_speed: 2') });
    expect(await main(['analyze', 'm.prototxt', '--lenient'], ok.io)).toBe(0);
    expect(ok.err()).toContain('m.prototxt:5:59: warning: conv1: unknown field "my_fork_speed" in convolution_param');
  });

  it('names the other phase and the --phase flag when a blob comes from a layer of that phase', async () => {
    const train = `layer { name: "d" type: "Input" top: "data" input_param { shape { dim: 1 dim: 3 dim: 8 dim: 8 } } include { phase: TRAIN } }
layer { name: "r" type: "ReLU" bottom: "data" top: "r" }
`;
    const f = fakeIO({ 't.prototxt': train });
    expect(await main(['analyze', 't.prototxt'], f.io)).toBe(1);
    expect(f.err()).toContain('--phase TRAIN');
    const g = fakeIO({ 't.prototxt': train });
    expect(await main(['analyze', 't.prototxt', '--phase', 'TRAIN'], g.io)).toBe(0);
  });

  it('parses --input overrides and rejects bad dims', () => {
    expect(parseInputOverride('data=64x1x28x28')).toEqual(['data', [64, 1, 28, 28]]);
    expect(() => parseInputOverride('data=64x0x28')).toThrow(/positive integers/);
    expect(() => parseInputOverride('data')).toThrow(/NAME=DIMS/);
  });

  it('emits the documented JSON shape with exact per-image figures at batch 1', async () => {
    const f = fakeIO({ 'm.prototxt': TINY });
    expect(await main(['analyze', 'm.prototxt', '--format', 'json'], f.io)).toBe(0);
    const r = JSON.parse(f.out());
    expect(Object.keys(r)).toEqual([
      'format',
      'name',
      'batch',
      'declaredBatch',
      'inputs',
      'layers',
      'totals',
      'diagnostics',
    ]);
    expect(r.batch).toBe(1);
    expect(r.declaredBatch).toBe(2);
    expect(r.inputs).toEqual([{ name: 'data', shape: [1, 3, 32, 32] }]);
    const conv = r.layers.find((l: { name: string }) => l.name === 'conv1');
    expect(conv.outputs).toEqual([{ name: 'conv1', shape: [1, 8, 32, 32] }]);
    expect(conv.params).toBe(8 * 3 * 9 + 8);
    expect(conv.macs).toBe(8 * 32 * 32 * 3 * 9);
    const relu = r.layers.find((l: { name: string }) => l.name === 'relu1');
    expect(relu.bottoms).toEqual(['conv1']);
    expect(relu.tops).toEqual(['conv1']);
    expect(relu.activationBytes).toBe(0);
    const fc = r.layers.find((l: { name: string }) => l.name === 'fc');
    expect(fc.macs).toBe(8 * 32 * 32 * 10);
    expect(r.totals.params).toBe(224 + 8 * 32 * 32 * 10 + 10);
    expect(Object.keys(r.totals)).toEqual([
      'params',
      'buffers',
      'macs',
      'flops',
      'activationBytes',
      'peakActivationBytes',
      'weightBytes',
      'unknownLayers',
    ]);
    expect(r.totals.unknownLayers).toBe(0);
    expect(conv.status).toBe('ok');
    expect(conv.known).toBe(true);
    expect(conv.approx).toBeUndefined();
  });

  it('JSON marks unknown layers, lower-bound totals and figures beyond 2^53', async () => {
    const big = TINY.replace('bottom: "conv1" top: "fc"', 'bottom: "nope" top: "fc"').replace(
      /num_output: 8 /,
      'num_output: 10000000000000 ',
    );
    const f = fakeIO({ 'm.prototxt': big });
    // --lenient: a num_output beyond uint32 would otherwise be a schema error that breaks conv1.
    expect(await main(['analyze', 'm.prototxt', '--format', 'json', '--lenient'], f.io)).toBe(1);
    const r = JSON.parse(f.out());
    const conv = r.layers.find((l: { name: string }) => l.name === 'conv1');
    // params 2.7e14 stay exact; MACs 2.8e18 and activation bytes 4.1e16 do not.
    expect(conv.params).toBe(10_000_000_000_000 * 28);
    expect(conv.approx).toEqual(['macs', 'flops', 'activationBytes']);
    const fc = r.layers.find((l: { name: string }) => l.name === 'fc');
    expect([fc.status, fc.known]).toEqual(['ok', false]);
    expect(r.totals.unknownLayers).toBe(1);
    expect(r.totals.approx).toEqual(['macs', 'flops', 'activationBytes', 'peakActivationBytes']);
  });

  it('--batch declared multiplies counts by the declared batch, --input overrides it', async () => {
    const f = fakeIO({ 'm.prototxt': TINY });
    await main(['analyze', 'm.prototxt', '--format', 'json', '--batch', 'declared'], f.io);
    const r = JSON.parse(f.out());
    expect(r.batch).toBe(2);
    expect(r.layers[0].macs).toBe(2 * 8 * 32 * 32 * 3 * 9);
    const g = fakeIO({ 'm.prototxt': TINY });
    await main(['analyze', 'm.prototxt', '--format', 'json', '--input', 'data=4x3x16x16', '--batch', 'declared'], g.io);
    const s = JSON.parse(g.out());
    expect(s.batch).toBe(4);
    expect(s.layers[0].outputs[0].shape).toEqual([4, 8, 16, 16]);
  });

  it('exits 1 and prints FILE:LINE:COL diagnostics when the model has errors', async () => {
    const bad = TINY.replace('bottom: "conv1" top: "fc"', 'bottom: "nope" top: "fc"');
    const f = fakeIO({ 'bad.prototxt': bad });
    expect(await main(['analyze', 'bad.prototxt'], f.io)).toBe(1);
    expect(f.err()).toMatch(/^bad\.prototxt:7:\d+: error: .*"nope"/m);
  });

  it('table and csv and md formats carry totals', async () => {
    for (const [fmt, needle] of [
      ['table', 'TOTAL'],
      ['csv', 'TOTAL,'],
      ['md', '| **total** |'],
    ] as const) {
      const f = fakeIO({ 'm.prototxt': TINY });
      expect(await main(['analyze', 'm.prototxt', '--format', fmt], f.io)).toBe(0);
      expect(f.out()).toContain(needle);
      expect(f.out()).toContain('conv1');
    }
  });

  it('npx layerscope: legacy V1 VGG-16 and current-format VGG-16 give identical layers and totals', () => {
    const bin = path.resolve('bin/layerscope.mjs');
    const run = (file: string) =>
      JSON.parse(
        execFileSync(process.execPath, [bin, 'analyze', path.join(MODELS_DIR, 'caffe', file), '--format', 'json'], {
          encoding: 'utf8',
        }),
      );
    const v1 = run('vgg16_v1.prototxt');
    const cur = run('vgg16.prototxt');
    expect(v1.layers).toEqual(cur.layers);
    expect(v1.totals).toEqual(cur.totals);
    expect(cur.totals.params).toBe(138_357_544);
    expect(cur.totals.macs).toBe(15_470_264_320);
    const usage = spawnSync(process.execPath, [bin, 'analyze'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});

describe('layerscope CLI: hostile names and numbers', () => {
  it('command names and --input names that are Object.prototype members are ordinary strings', async () => {
    const f = fakeIO({});
    expect(await main(['constructor'], f.io)).toBe(2);
    expect(f.err()).toMatch(/^layerscope: unknown command "constructor"/);
    const g = fakeIO({});
    expect(await main(['help', 'toString'], g.io)).toBe(2);
    const net = TINY.replace(/"data"/g, '"__proto__"');
    const h = fakeIO({ 'm.prototxt': net });
    expect(await main(['analyze', 'm.prototxt', '--format', 'json', '--input', '__proto__=1x3x16x16'], h.io)).toBe(0);
    expect(JSON.parse(h.out()).inputs).toEqual([{ name: '__proto__', shape: [1, 3, 16, 16] }]);
  });

  it('refuses a batch or a dimension beyond 2^53 as a usage error', async () => {
    const f = fakeIO({ 'm.prototxt': TINY });
    expect(await main(['analyze', 'm.prototxt', '--batch', '1e300'], f.io)).toBe(2);
    expect(f.err()).toContain('--batch must be a positive integer (at most 2^53 - 1) or "declared", got "1e300"');
    const g = fakeIO({ 'm.prototxt': TINY });
    expect(await main(['analyze', 'm.prototxt', '--input', 'data=1x3x1e20x4'], g.io)).toBe(2);
    expect(g.err()).toContain('--input data: dimensions must be positive integers (at most 2^53 - 1)');
  });
});
