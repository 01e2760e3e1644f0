import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, node } from '../lib/testing/onnx-build';
import { corpusAvailable, MODELS_DIR } from '../lib/testing/corpus';
import type { CliIO } from './io';
import { main } from './main';

/** An IO that serves files as bytes, as the real CLI reads them. */
function bytesIO(files: Record<string, Uint8Array | string>) {
  const out: string[] = [];
  const err: string[] = [];
  const get = (p: string) => {
    const f = files[p];
    if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT', path: p });
    return f;
  };
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (p) => {
      const f = get(p);
      return typeof f === 'string' ? f : new TextDecoder().decode(f);
    },
    readBytes: async (p) => {
      const f = get(p);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: async () => {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const SYMBOLIC = buildModel({
  inputs: ['float[batch,3,H,W] x'],
  outputs: ['float[batch,8,?,?] y'],
  nodes: [node('Conv', ['x', 'w'], ['c'], { kernel_shape: [3, 3] }), node('Relu', ['c'], ['y'])],
  initializers: [{ name: 'w', dtype: 'float', dims: [8, 3, 3, 3], rawBytes: 864 }],
});

describe('layerscope analyze on ONNX', () => {
  it('detects ONNX from the bytes, takes --dim values (a leading one is the batch) and writes every format', async () => {
    const t = bytesIO({ 'm.onnx': SYMBOLIC });
    expect(
      await main(['analyze', 'm.onnx', '--dim', 'H=32', '--dim', 'W=32', '--dim', 'batch=4', '--format', 'csv'], t.io),
    ).toBe(0);
    expect(t.out()).toBe(
      [
        'name,type,bottoms,tops,output_shapes,params,buffers,macs,flops,activation_bytes,weight_bytes',
        'Conv_0,Conv,x w,c,4x8x30x30,216,0,777600,1555200,115200,864',
        'Relu_1,Relu,c,y,4x8x30x30,0,0,0,28800,115200,0',
        'TOTAL,,,,,216,0,777600,1584000,230400,864',
        '',
      ].join('\n'),
    );
    expect(t.err()).toBe('');
    for (const format of ['json', 'md', 'table']) {
      const f = bytesIO({ 'm.onnx': SYMBOLIC });
      expect(await main(['analyze', 'm.onnx', '--dim', 'H=32', '--dim', 'W=32', '--format', format], f.io)).toBe(0);
      expect(f.out()).toContain(format === 'json' ? '"macs": 194400' : '194,400');
    }
  });

  it('keeps an unset dim unknown, says which flag sets it, and still counts the weights', async () => {
    const t = bytesIO({ 'm.onnx': SYMBOLIC });
    expect(await main(['analyze', 'm.onnx', '--format', 'csv'], t.io)).toBe(0);
    expect(t.out().split('\n')[1]).toBe('Conv_0,Conv,x w,c,?,216,?,?,?,?,864');
    expect(t.err()).toBe(
      'm.onnx: warning: input "x": dimensions "H", "W" have no value, so every shape that depends on them is unknown: set --dim H=N --dim W=N or use the Dimensions control\n',
    );
  });

  it('reports a damaged file with its byte offset and exits 1; a bad --dim is a usage error', async () => {
    const truncated = SYMBOLIC.subarray(0, 60);
    const t = bytesIO({ 'cut.onnx': truncated });
    expect(await main(['analyze', 'cut.onnx'], t.io)).toBe(1);
    expect(t.err()).toBe(
      'cut.onnx: byte 19: error: ModelProto.graph (field 7): declares 1,020 bytes but only 38 remain in its message (truncated or corrupt file)\n',
    );
    const u = bytesIO({ 'm.onnx': SYMBOLIC });
    expect(await main(['analyze', 'm.onnx', '--dim', 'H'], u.io)).toBe(2);
    expect(u.err()).toContain('--dim expects NAME=VALUE with a positive integer value (e.g. seq_len=128), got "H"');
    const v = bytesIO({ 'm.txt': 'name: "x"' });
    expect(await main(['analyze', 'm.txt', '--from', 'onnx'], v.io)).toBe(1);
    expect(v.err()).toBe(
      'm.txt: byte 0: error: ModelProto: unknown field 13: invalid wire type 6 (corrupt data, or not an ONNX file)\n',
    );
  });

  it.runIf(corpusAvailable())('diffs an ONNX export against its Caffe original', async () => {
    const t = bytesIO({
      'a.prototxt': readFileSync(path.join(MODELS_DIR, 'caffe', 'squeezenet1.1.prototxt'), 'utf8'),
      'b.onnx': readFileSync(path.join(MODELS_DIR, 'onnx', 'light_squeezenet.onnx')),
    });
    expect(await main(['diff', 'a.prototxt', 'b.onnx', '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.out()) as {
      totals: Record<string, { delta: number }>;
      layers: { status: string; name: string; renamedFrom: string | null }[];
    };
    expect(json.totals.params!.delta).toBe(0);
    expect(json.totals.macs!.delta).toBe(349_151_936 - 387_747_520);
    // Layers pair by position and signature: the ONNX conv n0 is Caffe's conv1.
    expect(json.layers.find((l) => l.name === 'n0')).toMatchObject({ status: 'changed', renamedFrom: 'conv1' });
  });
});
