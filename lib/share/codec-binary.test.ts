import { describe, expect, it } from 'vitest';
import { buildModel, node } from '../testing/onnx-build';
import { decodeShare, encodeShareBinary } from './codec';

describe('share links carry small binary models (ONNX)', () => {
  const bytes = buildModel({
    inputs: ['float[1,4] x'],
    outputs: ['float[1,4] y'],
    nodes: [node('Relu', ['x'], ['y'])],
  });

  it('round-trips the file bytes, its name and the view', () => {
    const view = { direction: 'LR', colorMode: 'macs', batch: 2, selected: 'Relu_0' } as const;
    const fragment = encodeShareBinary({ name: 'tiny.onnx', bytes, view });
    expect(fragment.startsWith('b1.')).toBe(true);
    const d = decodeShare(fragment);
    expect(d).toEqual({ ok: true, kind: 'binary', name: 'tiny.onnx', bytes: new Uint8Array(bytes), view });
  });

  it('a damaged binary frame is a message, never an exception', () => {
    const f = encodeShareBinary({ name: 'x.onnx', bytes });
    expect(decodeShare(f.slice(0, 12))).toMatchObject({ ok: false });
    const r = decodeShare(`b1.${'A'.repeat(8)}`);
    expect(r.ok).toBe(false);
  });
});
