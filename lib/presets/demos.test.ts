import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { getPreset } from './index';

function layers(id: string) {
  const r = analyzeText(getPreset(id)!.text);
  const by = new Map(r.layers.map((l) => [l.name, l]));
  return (name: string) => {
    const l = by.get(name);
    if (!l) throw new Error(`${id}: no layer ${name}`);
    return l;
  };
}

// Each figure below is quoted in ../shared/docs/seed-notes.md.
describe('convolution demos reproduce the seed notes', () => {
  it('depthwise separable: 1,228,800 vs 4,800 + 49,152 = 53,952 MACs', () => {
    const l = layers('demo-depthwise-separable');
    expect(l('standard_5x5').macs).toBe(1_228_800);
    expect(l('standard_5x5').outputs[0]).toEqual([1, 256, 8, 8]);
    expect(l('depthwise_5x5').macs).toBe(4_800);
    expect(l('pointwise_1x1').macs).toBe(49_152);
    expect(l('depthwise_5x5').macs + l('pointwise_1x1').macs).toBe(53_952);
  });

  it('1x1 bottleneck: 153,600 vs 15,872 weights; 120,422,400 vs 12,443,648 MACs', () => {
    const l = layers('demo-bottleneck');
    expect(l('direct_5x5').params).toBe(153_600);
    expect(l('direct_5x5').macs).toBe(120_422_400);
    expect(l('reduce_1x1').params + l('bottleneck_5x5').params).toBe(15_872);
    expect(l('reduce_1x1').macs).toBe(2_408_448);
    expect(l('bottleneck_5x5').macs).toBe(10_035_200);
  });

  it('5x5 vs two 3x3: 25·N² vs 18·N² with the same 5x5 receptive field', () => {
    const l = layers('demo-5x5-vs-3x3');
    expect(l('conv_5x5').macs).toBe(25 * 32 * 32);
    expect(l('conv_3x3_a').macs + l('conv_3x3_b').macs).toBe(18 * 32 * 32);
    expect(l('conv_5x5').receptiveField?.map((a) => a.size)).toEqual([5, 5]);
    expect(l('conv_3x3_b').receptiveField?.map((a) => a.size)).toEqual([5, 5]);
  });

  it('dilated: same params and MACs per layer, receptive field 3 → 7 → 15', () => {
    const l = layers('demo-dilated');
    for (const d of [1, 2, 4]) {
      expect(l(`conv_d${d}`).params).toBe(36_928);
      expect(l(`conv_d${d}`).macs).toBe(150_994_944);
      expect(l(`conv_d${d}`).outputs[0]).toEqual([1, 64, 64, 64]);
    }
    expect(l('conv_d1').receptiveField?.[0]?.size).toBe(3);
    expect(l('conv_d2').receptiveField?.[0]?.size).toBe(7);
    expect(l('conv_d4').receptiveField?.[0]?.size).toBe(15);
  });

  it('grouped + shuffle: group 3 divides the 1x1 cost by 3, the shuffle costs nothing', () => {
    const l = layers('demo-grouped-shuffle');
    expect(l('pw_ungrouped').macs).toBe(11_289_600);
    expect(l('gconv1').macs).toBe(3_763_200);
    expect(l('gconv1').params).toBe(4_800);
    expect(l('shuffle').macs).toBe(0);
    expect(l('shuffle').outputs[0]).toEqual([1, 60, 28, 28]);
    expect(l('gconv2').outputs[0]).toEqual([1, 240, 28, 28]);
  });

  it('3-D conv: kernel over time, height and width', () => {
    const l = layers('demo-3d-conv');
    expect(l('conv1').outputs[0]).toEqual([1, 64, 16, 112, 112]);
    expect(l('conv1').macs).toBe(1_040_449_536);
    expect(l('conv1').params).toBe(27 * 3 * 64);
    expect(l('conv2').outputs[0]).toEqual([1, 128, 16, 56, 56]);
  });

  it('transposed conv: (16 − 1)·2 + 4 − 2 = 32', () => {
    const l = layers('demo-transposed');
    expect(l('up_learned').outputs[0]).toEqual([1, 32, 32, 32]);
    expect(l('up_learned').macs).toBe(8_388_608);
    expect(l('up_learned').params).toBe(32_768 + 32);
    expect(l('up_bilinear').outputs[0]).toEqual([1, 21, 32, 32]);
    expect(l('up_bilinear').macs).toBe(86_016);
  });

  it('the 5x5 corner case: 25 MACs against 81 + 9 = 90', () => {
    const l = layers('demo-5x5-corner');
    expect(l('conv_5x5').macs).toBe(25);
    expect(l('conv_3x3_a').macs).toBe(81);
    expect(l('conv_3x3_b').macs).toBe(9);
    expect(l('conv_3x3_b').outputs[0]).toEqual([1, 1, 1, 1]);
  });

  it('7x7 vs 1x7 + 7x1: 58,003,456 vs 16,572,416 MACs', () => {
    const l = layers('demo-factorise-1xn');
    expect(l('conv_7x7').macs).toBe(58_003_456);
    expect(l('conv_1x7').macs + l('conv_7x1').macs).toBe(16_572_416);
    expect(l('conv_7x1').receptiveField).toEqual(l('conv_7x7').receptiveField);
  });

  it('conv algorithms: the 256×1152×192 GEMM, 115,605,504 MACs at 56×56, FFT wins at 13×13', () => {
    const l = layers('demo-conv-algorithms');
    expect(l('gemm_3x3').algorithms?.gemm).toEqual({ m: 256, k: 1152, n: 192, groups: 1 });
    expect(l('gemm_3x3').macs).toBe(56_623_104);
    expect(l('gemm_3x3').algorithms?.im2colInputRatio).toBe(9);
    expect(l('winograd_3x3').macs).toBe(115_605_504);
    expect(l('pointwise_1x1').algorithms?.im2colInputRatio).toBe(1);
    expect(l('fft_13x13').algorithms!.fftEstimateFlops!).toBeLessThan(l('fft_13x13').flops);
  });
});
