import { describe, expect, it } from 'vitest';
import { analyzeLayers, layer, spanAt } from './spatial-test-graph';

const deconv = (name: string, p: Record<string, unknown>, extra: object = {}) => ({
  name,
  type: 'Deconvolution',
  attrs: { convolution_param: p as never },
  ...extra,
});

describe('Deconvolution', () => {
  it('FCN-8s upscore2: k4 s2 on 16×16 gives 34×34; params C_in·(C_out/g)·k²; MACs per input element', () => {
    const r = analyzeLayers(
      [1, 21, 16, 16],
      [deconv('up', { num_output: 21, kernel_size: 4, stride: 2, bias_term: false })],
    );
    const l = layer(r, 'up');
    expect(l.outputs[0]).toEqual([1, 21, 34, 34]);
    expect(l.params).toBe(21 * 21 * 16);
    expect(l.macs).toBe(21 * 16 * 16 * 21 * 16); // 1,806,336
    expect(l.flops).toBe(2 * l.macs);
    expect(l.algorithms!.gemm).toEqual({ m: 21 * 16, k: 21, n: 256, groups: 1 });
  });

  it('transposed-convolution size o = (i − 1)·s + k − 2p, dilation enlarging k', () => {
    const r = analyzeLayers(
      [2, 8, 4, 4],
      [
        deconv('a', { num_output: 4, kernel_size: 3, stride: 2, pad: 1 }),
        deconv('b', { num_output: 4, kernel_size: 3, stride: 2, pad: 1, dilation: 2 }, { bottoms: ['data'] }),
      ],
    );
    expect(layer(r, 'a').outputs[0]).toEqual([2, 4, 7, 7]); // (4−1)·2 + 3 − 2
    expect(layer(r, 'b').outputs[0]).toEqual([2, 4, 9, 9]); // (4−1)·2 + 5 − 2
    expect(layer(r, 'a').params).toBe(8 * 4 * 9 + 4);
    expect(layer(r, 'a').macs).toBe(2 * 8 * 16 * 4 * 9);
    expect(layer(r, 'a').flops).toBe(2 * layer(r, 'a').macs + 2 * 4 * 49);
  });

  it('grouped deconvolution (bilinear upsampling, group = C)', () => {
    const r = analyzeLayers(
      [1, 21, 10, 10],
      [deconv('up', { num_output: 21, group: 21, kernel_size: 4, stride: 2, pad: 1, bias_term: false })],
    );
    const l = layer(r, 'up');
    expect(l.outputs[0]).toEqual([1, 21, 20, 20]);
    expect(l.params).toBe(21 * 16);
    expect(l.macs).toBe(21 * 100 * 16);
  });

  it('receptive field through conv ↓2 then deconv ↑2 returns to jump 1', () => {
    const r = analyzeLayers(
      [1, 1, 16, 16],
      [
        {
          name: 'down',
          type: 'Convolution',
          attrs: { convolution_param: { num_output: 1, kernel_size: 2, stride: 2 } },
        },
        deconv('up', { num_output: 1, kernel_size: 2, stride: 2 }),
      ],
    );
    expect(layer(r, 'down').receptiveField![0]).toEqual({ size: 2, jump: 2, start: 0.5 });
    // Output o of `up` reads down position floor(o/2), whose window is input [2·floor(o/2), +1]: size 2, jump 1.
    expect(layer(r, 'up').receptiveField![0]!.jump).toBe(1);
    expect(layer(r, 'up').receptiveField![0]!.size).toBe(3);
  });

  it('output ≤ 0 and bad group are errors on the field; downstream unknown', () => {
    const r = analyzeLayers(
      [1, 6, 1, 1],
      [
        deconv(
          'neg',
          { num_output: 4, kernel_size: 2, pad: 2 },
          { attrSpans: { 'convolution_param.pad': spanAt(9, 10) } },
        ),
        { name: 'relu', type: 'Convolution', attrs: { convolution_param: { num_output: 1, kernel_size: 1 } } },
        deconv('grp', { num_output: 4, kernel_size: 2, group: 4 }, { bottoms: ['data'] }),
      ],
    );
    expect(layer(r, 'neg').diagnostics[0]!.message).toBe(
      'neg: output size -2 on axis H is not positive (stride·(in−1) + kernel − 2·pad with pad 2)',
    );
    expect(layer(r, 'neg').diagnostics[0]!.span).toMatchObject({ line: 9, column: 10 });
    expect(layer(r, 'relu').outputs).toEqual([null]);
    expect(layer(r, 'grp').diagnostics[0]!.message).toBe('grp: input channels 6 are not divisible by group 4');
  });
});
