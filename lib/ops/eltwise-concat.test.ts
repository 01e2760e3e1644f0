import { describe, expect, it } from 'vitest';
import { fieldSpan, runNet } from './op-test-utils';

const IN = { a: [1, 8, 4, 4], b: [1, 8, 4, 4], c: [1, 8, 4, 4], d: [1, 4, 4, 4] };
const N = 8 * 4 * 4;

describe('Eltwise', () => {
  it('SUM of n bottoms costs n − 1 per element; PROD and MAX too', () => {
    const net = runNet(IN, [
      { name: 'sum', type: 'Eltwise', bottoms: ['a', 'b', 'c'] },
      { name: 'prod', type: 'Eltwise', bottoms: ['a', 'b'], attrs: { eltwise_param: { operation: 'PROD' } } },
      { name: 'max', type: 'Eltwise', bottoms: ['a', 'b'], attrs: { eltwise_param: { operation: 2 } } },
    ]);
    expect(net.layer('sum').outputs).toEqual([[1, 8, 4, 4]]);
    expect(net.layer('sum').flops).toBe(2 * N);
    expect(net.layer('prod').flops).toBe(N);
    expect(net.layer('max').flops).toBe(N);
    expect(net.layer('sum').params).toBe(0);
  });

  it('SUM with coefficients adds n multiplies per element', () => {
    const net = runNet(IN, [
      {
        name: 'sub',
        type: 'Eltwise',
        bottoms: ['a', 'b'],
        attrs: { eltwise_param: { operation: 'SUM', coeff: [1, -1] } },
      },
    ]);
    expect(net.layer('sub').flops).toBe(3 * N);
  });

  it('mismatched shapes: broken with both shapes named, downstream unknown, the rest analysed', () => {
    const net = runNet(IN, [
      { name: 'bad', type: 'Eltwise', bottoms: ['a', 'd'] },
      { name: 'after', type: 'ReLU', bottoms: ['bad'] },
      { name: 'fine', type: 'Eltwise', bottoms: ['a', 'b'] },
    ]);
    const bad = net.layer('bad');
    expect(bad.status).toBe('broken');
    expect(bad.diagnostics[0]?.message).toBe(
      'bad: Eltwise SUM needs equally shaped bottoms: bottom 0 (a) is 1×8×4×4 but bottom 1 (d) is 1×4×4×4',
    );
    expect(bad.diagnostics[0]?.span?.line).toBe(10);
    expect(net.layer('after').outputs).toEqual([null]);
    expect(net.layer('fine').status).toBe('ok');
    expect(net.layer('fine').flops).toBe(N);
  });

  it('coefficients: one per bottom, SUM only', () => {
    const net = runNet(IN, [
      {
        name: 'c1',
        type: 'Eltwise',
        bottoms: ['a', 'b'],
        attrs: { eltwise_param: { coeff: [1, 2, 3] } },
        spanFields: ['eltwise_param.coeff'],
      },
      {
        name: 'c2',
        type: 'Eltwise',
        bottoms: ['a', 'b'],
        attrs: { eltwise_param: { operation: 'PROD', coeff: [1, 2] } },
      },
    ]);
    expect(net.layer('c1').diagnostics[0]?.message).toBe('c1: coeff needs one value per bottom: 3 given for 2 bottoms');
    expect(net.layer('c1').diagnostics[0]?.span).toEqual(fieldSpan(0));
    expect(net.layer('c2').diagnostics[0]?.message).toBe('c2: coeff is only allowed with operation SUM, not PROD');
  });

  it('needs at least two bottoms', () => {
    const net = runNet(IN, [{ name: 'one', type: 'Eltwise', bottoms: ['a'] }]);
    expect(net.layer('one').diagnostics[0]?.message).toBe('one: Eltwise takes at least 2 bottom(s), got 1');
  });
});

describe('Axpy (SENet conversions)', () => {
  it('a·x + y with a per-channel a: 2 FLOPs per element; a of the wrong shape is an error', () => {
    const net = runNet({ s: [1, 8, 1, 1], a: [1, 8, 4, 4], b: [1, 8, 4, 4] }, [
      { name: 'ax', type: 'Axpy', bottoms: ['s', 'a', 'b'] },
      { name: 'bad', type: 'Axpy', bottoms: ['a', 'a', 'b'] },
    ]);
    expect(net.layer('ax').outputs).toEqual([[1, 8, 4, 4]]);
    expect(net.layer('ax').flops).toBe(2 * N);
    expect(net.layer('bad').diagnostics[0]?.message).toBe(
      'bad: Axpy needs a = N×C×1×1 and x, y of one shape; got 1×8×4×4, 1×8×4×4, 1×8×4×4',
    );
  });
});

describe('Concat', () => {
  it('joins channels by default; concat_dim and negative axes work', () => {
    const net = runNet(IN, [
      { name: 'cat', type: 'Concat', bottoms: ['a', 'd', 'c'] },
      { name: 'cat0', type: 'Concat', bottoms: ['a', 'b'], attrs: { concat_param: { concat_dim: 0 } } },
      { name: 'catw', type: 'Concat', bottoms: ['a', 'b'], attrs: { concat_param: { axis: -1 } } },
    ]);
    expect(net.layer('cat').outputs).toEqual([[1, 20, 4, 4]]);
    expect(net.layer('cat').flops).toBe(0);
    expect(net.layer('cat').receptiveField).not.toBeNull();
    expect(net.layer('cat0').outputs).toEqual([[2, 8, 4, 4]]);
    expect(net.layer('catw').outputs).toEqual([[1, 8, 4, 8]]);
    expect(net.layer('catw').receptiveField).toBeNull();
  });

  it('mismatch off the concat axis names the axis and both shapes, on the axis field', () => {
    const net = runNet({ a: [1, 8, 4, 4], e: [1, 8, 5, 4] }, [
      {
        name: 'cat',
        type: 'Concat',
        bottoms: ['a', 'e'],
        attrs: { concat_param: { axis: 1 } },
        spanFields: ['concat_param.axis'],
      },
      { name: 'after', type: 'Softmax', bottoms: ['cat'] },
    ]);
    const d = net.layer('cat').diagnostics[0]!;
    expect(d.message).toBe(
      'cat: Concat along axis 1 needs the other dims equal: bottom 0 (a) is 1×8×4×4 but bottom 1 (e) is 1×8×5×4',
    );
    expect(d.span).toEqual(fieldSpan(0));
    expect(net.layer('after').outputs).toEqual([null]);
  });

  it('axis and concat_dim together, or an axis out of range, are errors', () => {
    const net = runNet(IN, [
      { name: 'both', type: 'Concat', bottoms: ['a', 'b'], attrs: { concat_param: { axis: 1, concat_dim: 1 } } },
      { name: 'far', type: 'Concat', bottoms: ['a', 'b'], attrs: { concat_param: { axis: 4 } } },
    ]);
    expect(net.layer('both').diagnostics[0]?.message).toBe('both: either axis or concat_dim may be given, not both');
    expect(net.layer('far').diagnostics[0]?.message).toBe('far: axis 4 is out of range for a 4-D input');
  });
});

describe('Slice and Split', () => {
  it('slice points cut the axis; without points the tops share it equally', () => {
    const net = runNet({ x: [1, 10, 4, 4] }, [
      {
        name: 's',
        type: 'Slice',
        bottoms: ['x'],
        tops: ['p', 'q', 'r'],
        attrs: { slice_param: { slice_point: [2, 7] } },
      },
      { name: 'e', type: 'Slice', bottoms: ['x'], tops: ['u', 'v'], attrs: { slice_param: { slice_dim: 1 } } },
    ]);
    expect(net.layer('s').outputs).toEqual([
      [1, 2, 4, 4],
      [1, 5, 4, 4],
      [1, 3, 4, 4],
    ]);
    expect(net.layer('e').outputs).toEqual([
      [1, 5, 4, 4],
      [1, 5, 4, 4],
    ]);
  });

  it('points out of order are rejected on slice_point and every top is unknown', () => {
    const net = runNet({ x: [1, 10, 4, 4] }, [
      {
        name: 's',
        type: 'Slice',
        bottoms: ['x'],
        tops: ['p', 'q', 'r'],
        attrs: { slice_param: { slice_point: [5, 3] } },
        spanFields: ['slice_param.slice_point'],
      },
      { name: 'after', type: 'ReLU', bottoms: ['q'] },
    ]);
    const l = net.layer('s');
    expect(l.status).toBe('broken');
    expect(l.diagnostics[0]?.message).toBe(
      's: slice_point values must be strictly increasing and > 0: 5, 3 (3 after 5)',
    );
    expect(l.diagnostics[0]?.span).toEqual(fieldSpan(0));
    expect(l.outputs).toEqual([null, null, null]);
    expect(net.layer('after').outputs).toEqual([null]);
  });

  it('a point beyond the axis, a wrong top count or an uneven split are errors', () => {
    const net = runNet({ x: [1, 10, 4, 4] }, [
      { name: 'far', type: 'Slice', bottoms: ['x'], tops: ['p', 'q'], attrs: { slice_param: { slice_point: 10 } } },
      {
        name: 'count',
        type: 'Slice',
        bottoms: ['x'],
        tops: ['p2', 'q2'],
        attrs: { slice_param: { slice_point: [2, 4] } },
      },
      { name: 'uneven', type: 'Slice', bottoms: ['x'], tops: ['a', 'b', 'c'] },
    ]);
    expect(net.layer('far').diagnostics[0]?.message).toBe(
      'far: slice_point 10 is outside axis 1 of size 10 (input 1×10×4×4)',
    );
    expect(net.layer('count').diagnostics[0]?.message).toBe('count: 2 slice_point(s) need 3 tops, got 2');
    expect(net.layer('uneven').diagnostics[0]?.message).toBe(
      'uneven: 3 tops do not evenly divide axis 1 of size 10 (input 1×10×4×4)',
    );
  });

  it('Split copies its bottom to every top', () => {
    const net = runNet({ x: [1, 10, 4, 4] }, [{ name: 'sp', type: 'Split', bottoms: ['x'], tops: ['x1', 'x2'] }]);
    expect(net.layer('sp').outputs).toEqual([
      [1, 10, 4, 4],
      [1, 10, 4, 4],
    ]);
    expect(net.layer('sp').flops).toBe(0);
  });
});
