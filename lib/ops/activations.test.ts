import { describe, expect, it } from 'vitest';
import { LAYER_PARAMETER } from '../parse/caffe/schema';
import { runNet } from './op-test-utils';
import { getOp } from './registry';

const X = { data: [2, 8, 5, 5] };
const N = 2 * 8 * 5 * 5;

describe('activations', () => {
  it.each([
    ['ReLU', 1],
    ['ReLU6', 1],
    ['ELU', 1],
    ['Sigmoid', 1],
    ['TanH', 1],
    ['Swish', 1],
    ['AbsVal', 1],
    ['Power', 1],
    ['Exp', 1],
    ['Log', 1],
    ['BNLL', 1],
    ['Threshold', 1],
    ['Clip', 1],
    ['Dropout', 0],
    ['PReLU', 2],
    ['Mish', 1],
    ['HSwish', 1],
    ['HardSigmoid', 1],
  ])('%s keeps the shape and costs %i FLOP per element', (type, perElement) => {
    const net = runNet(X, [{ name: 'a', type, bottoms: ['data'] }]);
    const l = net.layer('a');
    expect(l.status).toBe('ok');
    expect(l.outputs).toEqual([[2, 8, 5, 5]]);
    expect(l.flops).toBe(perElement * N);
    expect(l.macs).toBe(0);
  });

  it('in-place ReLU adds no activation bytes and keeps the receptive field', () => {
    const net = runNet(X, [{ name: 'relu', type: 'ReLU', bottoms: ['data'], tops: ['data'] }]);
    const l = net.layer('relu');
    expect(l.inPlace).toBe(true);
    expect(l.activationBytes).toBe(0);
    expect(l.receptiveField).toEqual([
      { size: 1, jump: 1, start: 0 },
      { size: 1, jump: 1, start: 0 },
    ]);
    expect(net.shape('data')).toEqual([2, 8, 5, 5]);
  });

  it('PReLU learns one slope per channel, or one when channel_shared', () => {
    const net = runNet(X, [
      { name: 'p1', type: 'PReLU', bottoms: ['data'] },
      { name: 'p2', type: 'PReLU', bottoms: ['data'], attrs: { prelu_param: { channel_shared: true } } },
    ]);
    expect(net.layer('p1').params).toBe(8);
    expect(net.layer('p2').params).toBe(1);
    expect(net.layer('p1').weightBytes).toBe(32);
  });

  it('PReLU on a 1-D blob is broken with a message and downstream is unknown', () => {
    const net = runNet({ v: [4] }, [
      { name: 'p', type: 'PReLU', bottoms: ['v'] },
      { name: 'after', type: 'ReLU', bottoms: ['p'] },
    ]);
    expect(net.layer('p').status).toBe('broken');
    expect(net.layer('p').diagnostics[0]?.message).toBe('p: PReLU needs an input with at least 2 axes, got 1');
    expect(net.layer('after').outputs).toEqual([null]);
  });

  it('rejects a second bottom by arity', () => {
    const net = runNet({ a: [1, 2], b: [1, 2] }, [{ name: 'r', type: 'ReLU', bottoms: ['a', 'b'] }]);
    expect(net.layer('r').status).toBe('broken');
    expect(net.layer('r').diagnostics[0]?.message).toBe('r: ReLU takes 1 bottom(s), got 2');
  });

  it('every activation carries editor metadata', () => {
    for (const t of ['ReLU', 'PReLU', 'ELU', 'Power', 'Dropout']) {
      const op = getOp(t)!;
      expect(op.doc.length).toBeGreaterThan(5);
      expect(op.formula).toMatch(/FLOPs/);
      expect(op.paramBlock).toMatch(/_param$/);
      expect(LAYER_PARAMETER.byName.get(op.paramBlock!)?.message?.fields.length).toBeGreaterThan(0);
    }
  });
});
