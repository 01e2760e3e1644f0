import { describe, expect, it } from 'vitest';
import { fieldSpan, runNet } from './op-test-utils';

const X = { x: [2, 6, 4, 5] };

describe('Flatten', () => {
  it('collapses axis..end_axis (defaults 1..−1)', () => {
    const net = runNet(X, [
      { name: 'f', type: 'Flatten', bottoms: ['x'] },
      { name: 'f2', type: 'Flatten', bottoms: ['x'], attrs: { flatten_param: { axis: 2 } } },
      { name: 'f3', type: 'Flatten', bottoms: ['x'], attrs: { flatten_param: { axis: 1, end_axis: 2 } } },
    ]);
    expect(net.layer('f').outputs).toEqual([[2, 120]]);
    expect(net.layer('f2').outputs).toEqual([[2, 6, 20]]);
    expect(net.layer('f3').outputs).toEqual([[2, 24, 5]]);
    expect(net.layer('f').flops).toBe(0);
    expect(net.layer('f').receptiveField).toBeNull();
  });

  it('end_axis before axis is an error on end_axis', () => {
    const net = runNet(X, [
      {
        name: 'f',
        type: 'Flatten',
        bottoms: ['x'],
        attrs: { flatten_param: { axis: 2, end_axis: 1 } },
        spanFields: ['flatten_param.end_axis'],
      },
    ]);
    expect(net.layer('f').diagnostics[0]?.message).toBe('f: end_axis 1 comes before axis 2 in a 4-D input');
    expect(net.layer('f').diagnostics[0]?.span).toEqual(fieldSpan(0));
  });
});

describe('Reshape', () => {
  const shape = (...dim: number[]) => ({ reshape_param: { shape: { dim } } });

  it('0 copies, −1 infers (SSD mbox_conf_reshape: 0, −1, 21)', () => {
    const net = runNet({ conf: [1, 183372] }, [
      { name: 'r', type: 'Reshape', bottoms: ['conf'], attrs: shape(0, -1, 21) },
    ]);
    expect(net.layer('r').outputs).toEqual([[1, 8732, 21]]);
  });

  it('axis and num_axes replace only part of the shape', () => {
    const net = runNet(X, [
      // Caffe's doc example: axis 1, num_axes 2, shape {dim: -1} flattens C×H.
      {
        name: 'r1',
        type: 'Reshape',
        bottoms: ['x'],
        attrs: { reshape_param: { shape: { dim: [-1] }, axis: 1, num_axes: 2 } },
      },
      // axis −1 appends after the last axis; num_axes 0 inserts.
      {
        name: 'r2',
        type: 'Reshape',
        bottoms: ['x'],
        attrs: { reshape_param: { shape: { dim: [1] }, axis: -1, num_axes: 0 } },
      },
      { name: 'r3', type: 'Reshape', bottoms: ['x'], attrs: shape(0, 0, -1) },
    ]);
    expect(net.layer('r1').outputs).toEqual([[2, 24, 5]]);
    expect(net.layer('r2').outputs).toEqual([[2, 6, 4, 5, 1]]);
    expect(net.layer('r3').outputs).toEqual([[2, 6, 20]]);
  });

  it('−1 that cannot be inferred: broken, message with counts, downstream unknown, rest analysed', () => {
    const net = runNet(X, [
      { name: 'r', type: 'Reshape', bottoms: ['x'], attrs: shape(0, -1, 7), spanFields: ['reshape_param.shape'] },
      { name: 'after', type: 'Softmax', bottoms: ['r'] },
      { name: 'ok', type: 'Reshape', bottoms: ['x'], attrs: shape(0, -1) },
    ]);
    const l = net.layer('r');
    expect(l.status).toBe('broken');
    expect(l.diagnostics[0]?.message).toBe(
      'r: cannot infer the −1 dim: input 2×6×4×5 has 240 elements, not divisible by the product 14 of the other dims',
    );
    expect(l.diagnostics[0]?.span).toEqual(fieldSpan(0));
    expect(net.layer('after').outputs).toEqual([null]);
    expect(net.layer('ok').outputs).toEqual([[2, 120]]);
  });

  it('two −1 dims, a count mismatch and a 0 with no axis to copy are errors', () => {
    const net = runNet(X, [
      { name: 'two', type: 'Reshape', bottoms: ['x'], attrs: shape(-1, -1) },
      { name: 'count', type: 'Reshape', bottoms: ['x'], attrs: shape(2, 7) },
      { name: 'copy', type: 'Reshape', bottoms: ['x'], attrs: shape(0, 0, 0, 0, 0) },
    ]);
    expect(net.layer('two').diagnostics[0]?.message).toBe('two: shape has 2 dims of −1; at most one can be inferred');
    expect(net.layer('count').diagnostics[0]?.message).toBe(
      'count: new shape 2×7 has 14 elements but the input 2×6×4×5 has 240',
    );
    expect(net.layer('copy').diagnostics[0]?.message).toBe(
      'copy: shape dim 4 is 0 (copy) but the 4-D input 2×6×4×5 has no axis 4',
    );
  });
});

describe('Permute, ShuffleChannel, Tile', () => {
  it('Permute follows order and appends unlisted axes (SSD 0,2,3,1)', () => {
    const net = runNet(X, [
      { name: 'p', type: 'Permute', bottoms: ['x'], attrs: { permute_param: { order: [0, 2, 3, 1] } } },
      { name: 'p2', type: 'Permute', bottoms: ['x'], attrs: { permute_param: { order: [3] } } },
    ]);
    expect(net.layer('p').outputs).toEqual([[2, 4, 5, 6]]);
    expect(net.layer('p2').outputs).toEqual([[5, 2, 6, 4]]);
    expect(net.layer('p').flops).toBe(0);
  });

  it('Permute rejects duplicate or out-of-range axes', () => {
    const net = runNet(X, [
      { name: 'dup', type: 'Permute', bottoms: ['x'], attrs: { permute_param: { order: [0, 1, 1] } } },
      { name: 'far', type: 'Permute', bottoms: ['x'], attrs: { permute_param: { order: [0, 4] } } },
    ]);
    expect(net.layer('dup').diagnostics[0]?.message).toBe('dup: order lists axis 1 twice');
    expect(net.layer('far').diagnostics[0]?.message).toBe('far: order 4 is out of range for a 4-D input');
  });

  it('ShuffleChannel keeps the shape, needs C divisible by group', () => {
    const net = runNet(X, [
      { name: 's', type: 'ShuffleChannel', bottoms: ['x'], attrs: { shuffle_channel_param: { group: 3 } } },
      {
        name: 'bad',
        type: 'ShuffleChannel',
        bottoms: ['x'],
        attrs: { shuffle_channel_param: { group: 4 } },
        spanFields: ['shuffle_channel_param.group'],
      },
    ]);
    expect(net.layer('s').outputs).toEqual([[2, 6, 4, 5]]);
    expect(net.layer('s').flops).toBe(0);
    expect(net.layer('bad').diagnostics[0]?.message).toBe('bad: 6 channels are not divisible by group 4');
    expect(net.layer('bad').diagnostics[0]?.span).toEqual(fieldSpan(1));
  });

  it('Tile multiplies one axis; tiles is required', () => {
    const net = runNet(X, [
      { name: 't', type: 'Tile', bottoms: ['x'], attrs: { tile_param: { axis: 2, tiles: 3 } } },
      { name: 'none', type: 'Tile', bottoms: ['x'] },
    ]);
    expect(net.layer('t').outputs).toEqual([[2, 6, 12, 5]]);
    expect(net.layer('none').diagnostics[0]?.message).toBe('none: tiles must be given');
  });
});

describe('Reorg (YOLOv2 ports)', () => {
  it('space-to-depth by stride, and back with reverse; the block is the receptive-field window', () => {
    const net = runNet({ x: [1, 64, 26, 26] }, [
      { name: 'r', type: 'Reorg', bottoms: ['x'], attrs: { reorg_param: { stride: 2 } } },
      { name: 'back', type: 'Reorg', bottoms: ['r'], attrs: { reorg_param: { stride: 2, reverse: true } } },
      { name: 'odd', type: 'Reorg', bottoms: ['x'], attrs: { reorg_param: { stride: 4 } } },
    ]);
    expect(net.layer('r').outputs).toEqual([[1, 256, 13, 13]]);
    expect(net.layer('r').receptiveField).toEqual([
      { size: 2, jump: 2, start: 0.5 },
      { size: 2, jump: 2, start: 0.5 },
    ]);
    expect(net.layer('back').outputs).toEqual([[1, 64, 26, 26]]);
    expect(net.layer('odd').diagnostics[0]?.message).toBe('odd: 26×26 is not divisible by stride 4');
  });
});
