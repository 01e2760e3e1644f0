import { describe, expect, it } from 'vitest';
import { fieldSpan, runNet } from './op-test-utils';

const X = { data: [1, 16, 7, 7] };
const N = 16 * 7 * 7;

describe('LRN', () => {
  it('ACROSS_CHANNELS: same shape, n + 3 FLOPs per element, identity receptive field', () => {
    const net = runNet(X, [{ name: 'norm', type: 'LRN', bottoms: ['data'], attrs: { lrn_param: { local_size: 5 } } }]);
    const l = net.layer('norm');
    expect(l.outputs).toEqual([[1, 16, 7, 7]]);
    expect(l.flops).toBe(8 * N);
    expect(l.receptiveField).toEqual([
      { size: 1, jump: 1, start: 0 },
      { size: 1, jump: 1, start: 0 },
    ]);
  });

  it('WITHIN_CHANNEL: a size×size window grows the receptive field like a stride-1 conv', () => {
    const net = runNet(X, [
      {
        name: 'norm',
        type: 'LRN',
        bottoms: ['data'],
        attrs: { lrn_param: { local_size: 3, norm_region: 'WITHIN_CHANNEL' } },
      },
    ]);
    const l = net.layer('norm');
    expect(l.flops).toBe((9 + 3) * N);
    expect(l.receptiveField).toEqual([
      { size: 3, jump: 1, start: 0 },
      { size: 3, jump: 1, start: 0 },
    ]);
  });

  it('even local_size is rejected on the field', () => {
    const net = runNet(X, [
      {
        name: 'norm',
        type: 'LRN',
        bottoms: ['data'],
        attrs: { lrn_param: { local_size: 4 } },
        spanFields: ['lrn_param.local_size'],
      },
    ]);
    const d = net.layer('norm').diagnostics[0]!;
    expect(d.message).toBe('norm: local_size must be a positive odd number, got 4');
    expect(d.span).toEqual(fieldSpan(0));
    expect(net.layer('norm').status).toBe('broken');
  });
});

describe('BatchNorm, BN, Scale, Bias', () => {
  it('BatchNorm stores 2·C + 1 buffers, no params, 2 FLOPs per element', () => {
    const net = runNet(X, [{ name: 'bn', type: 'BatchNorm', bottoms: ['data'], tops: ['data'] }]);
    const l = net.layer('bn');
    expect(l.params).toBe(0);
    expect(l.buffers).toBe(33);
    expect(l.weightBytes).toBe(33 * 4);
    expect(l.flops).toBe(2 * N);
    expect(l.activationBytes).toBe(0);
  });

  it('BN (SegNet/PSPNet) learns 2·C; its optional mean/variance tops are 1×C×1×1', () => {
    const net = runNet(X, [{ name: 'bn', type: 'BN', bottoms: ['data'], tops: ['bn', 'mean', 'var'] }]);
    const l = net.layer('bn');
    expect(l.params).toBe(32);
    expect(l.flops).toBe(2 * N);
    expect(l.outputs).toEqual([
      [1, 16, 7, 7],
      [1, 16, 1, 1],
      [1, 16, 1, 1],
    ]);
  });

  it('Scale learns C (+C with bias_term) and costs 1 (+1) FLOP per element', () => {
    const net = runNet(X, [
      { name: 's1', type: 'Scale', bottoms: ['data'] },
      { name: 's2', type: 'Scale', bottoms: ['data'], attrs: { scale_param: { bias_term: true } } },
      { name: 's3', type: 'Scale', bottoms: ['data'], attrs: { scale_param: { axis: 1, num_axes: -1 } } },
      { name: 's4', type: 'Scale', bottoms: ['data'], attrs: { scale_param: { num_axes: 0 } } },
    ]);
    expect(net.layer('s1').params).toBe(16);
    expect(net.layer('s1').flops).toBe(N);
    expect(net.layer('s2').params).toBe(32);
    expect(net.layer('s2').flops).toBe(2 * N);
    expect(net.layer('s3').params).toBe(N);
    expect(net.layer('s4').params).toBe(1);
  });

  it('Scale with a second bottom learns nothing (or only the bias) and checks the operand', () => {
    const net = runNet({ data: [1, 16, 7, 7], gamma: [1, 16] }, [
      { name: 's', type: 'Scale', bottoms: ['data', 'gamma'], attrs: { scale_param: { axis: 0 } } },
      { name: 'sb', type: 'Scale', bottoms: ['data', 'gamma'], attrs: { scale_param: { axis: 0, bias_term: true } } },
      { name: 'bad', type: 'Scale', bottoms: ['data', 'gamma'], attrs: { scale_param: { axis: 1 } } },
    ]);
    expect(net.layer('s').params).toBe(0);
    expect(net.layer('s').outputs).toEqual([[1, 16, 7, 7]]);
    expect(net.layer('sb').params).toBe(16);
    expect(net.layer('bad').status).toBe('broken');
    expect(net.layer('bad').diagnostics[0]?.message).toBe(
      'bad: second bottom 1×16 does not match the input 1×16×7×7 from axis 1 on',
    );
  });

  it('Scale whose blob would run past the input is broken on num_axes', () => {
    const net = runNet(X, [
      {
        name: 's',
        type: 'Scale',
        bottoms: ['data'],
        attrs: { scale_param: { axis: 2, num_axes: 3 } },
        spanFields: ['scale_param.num_axes'],
      },
    ]);
    expect(net.layer('s').diagnostics[0]?.message).toBe(
      's: the scale blob would extend past the input 1×16×7×7 (axis 2, num_axes 3)',
    );
    expect(net.layer('s').diagnostics[0]?.span).toEqual(fieldSpan(0));
  });

  it('Bias learns C, or nothing with a second bottom; 1 FLOP per element', () => {
    // Graph inputs get the analysis batch as dim 0, so the operand is 1×16 applied from axis 0.
    const net = runNet({ data: [1, 16, 7, 7], b: [1, 16] }, [
      { name: 'b1', type: 'Bias', bottoms: ['data'] },
      { name: 'b2', type: 'Bias', bottoms: ['data', 'b'], attrs: { bias_param: { axis: 0 } } },
    ]);
    expect(net.layer('b1').params).toBe(16);
    expect(net.layer('b1').flops).toBe(N);
    expect(net.layer('b2').params).toBe(0);
    expect(net.layer('b2').status).toBe('ok');
  });
});

describe('MVN and Normalize', () => {
  it('MVN: 5 FLOPs per element with variance, 2 without; no receptive-field step', () => {
    const net = runNet(X, [
      { name: 'm1', type: 'MVN', bottoms: ['data'] },
      { name: 'm2', type: 'MVN', bottoms: ['data'], attrs: { mvn_param: { normalize_variance: false } } },
    ]);
    expect(net.layer('m1').flops).toBe(5 * N);
    expect(net.layer('m2').flops).toBe(2 * N);
    expect(net.layer('m1').receptiveField).toBeNull();
  });

  it('Normalize (SSD): C scales unless channel_shared (the default); per-position norms keep the RF', () => {
    const net = runNet(X, [
      {
        name: 'n1',
        type: 'Normalize',
        bottoms: ['data'],
        attrs: { norm_param: { across_spatial: false, channel_shared: false } },
      },
      { name: 'n2', type: 'Normalize', bottoms: ['data'] },
    ]);
    expect(net.layer('n1').params).toBe(16);
    expect(net.layer('n1').flops).toBe(4 * N + 49);
    expect(net.layer('n1').receptiveField).not.toBeNull();
    expect(net.layer('n2').params).toBe(1);
    expect(net.layer('n2').flops).toBe(4 * N + 1);
    expect(net.layer('n2').receptiveField).toBeNull();
  });
});
