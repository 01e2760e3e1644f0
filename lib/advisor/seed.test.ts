import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { getPreset } from '../presets';
import { adviseLayer, adviseModel, applyRewrites, similarLayers } from './advise';
import { checkApplied } from './testing';
import type { RewriteKind, RewriteOptions, Suggestion } from './types';

/** The seed notes' numbers, reached through the advisor on the presets written from them. */

function advise(presetId: string, layer: string, kind: RewriteKind, options: RewriteOptions = {}) {
  const text = getPreset(presetId)!.text;
  const analysis = analyzeText(text);
  const advice = adviseLayer({ text, analysis }, layer, { [kind]: options });
  const s = advice?.suggestions.find((x) => x.kind === kind);
  if (!s) throw new Error(`${presetId}/${layer}: no ${kind}: ${JSON.stringify(advice?.skipped)}`);
  return { s, input: { text, analysis } };
}

const macsOf = (s: Suggestion) => s.block.map((b) => b.macs).filter((m) => m > 0);

describe('advisor: the seed notes, exactly', () => {
  it('bottleneck 192 → 16 → 32, 5×5 at 28×28: 153,600 → 15,872 weights, 120,422,400 → 12,443,648 MACs', () => {
    const { s, input } = advise('demo-bottleneck', 'direct_5x5', 'bottleneck', { width: 16 });
    expect(s.before.params).toBe(153_600);
    expect(s.before.macs).toBe(120_422_400);
    expect(s.after.params).toBe(15_872);
    expect(s.after.macs).toBe(12_443_648);
    expect(macsOf(s)).toEqual([2_408_448, 10_035_200]);
    expect(s.costsMore).toBe(false);
    expect(s.outputShape).toEqual([1, 32, 28, 28]);
    expect(s.after.rf).toEqual(s.before.rf);
    checkApplied(input, [s]);
  });

  it('depthwise-separable 3 → 256, 5×5 on 12×12: 1,228,800 → 4,800 + 49,152 = 53,952 MACs', () => {
    const { s, input } = advise('demo-depthwise-separable', 'standard_5x5', 'depthwise-separable');
    expect(s.before.macs).toBe(1_228_800);
    expect(macsOf(s)).toEqual([4_800, 49_152]);
    expect(s.after.macs).toBe(53_952);
    expect(s.after.params).toBe(75 + 768);
    expect(s.outputShape).toEqual([1, 256, 8, 8]);
    checkApplied(input, [s]);
  });

  it('stack-3x3 with same padding: 25·N² → 18·N², same 5×5 receptive field', () => {
    const { s, input } = advise('demo-5x5-vs-3x3', 'conv_5x5', 'stack-3x3');
    expect(s.before.macs).toBe(25 * 32 * 32);
    expect(s.after.macs).toBe(18 * 32 * 32);
    expect(s.after.rf?.map((a) => a.size)).toEqual([5, 5]);
    expect(s.after.rf).toEqual(s.before.rf);
    expect(s.costsMore).toBe(false);
    checkApplied(input, [s]);
  });

  it('the corner case: on a 5×5 input without padding two 3×3 cost 81 + 9 = 90 against 25, and the advisor says so', () => {
    const { s, input } = advise('demo-5x5-corner', 'conv_5x5', 'stack-3x3');
    expect(s.before.macs).toBe(25);
    expect(macsOf(s)).toEqual([81, 9]);
    expect(s.after.macs).toBe(90);
    expect(s.costsMore).toBe(true);
    expect(s.notes[0]).toBe('Costs more than the layer: 81 + 9 = 90 MACs against 25.');
    expect(s.outputShape).toEqual([1, 1, 1, 1]);
    checkApplied(input, [s]);
    // Listed only on request.
    const listed = (all: boolean) =>
      adviseModel(input, { layer: 'conv_5x5', all })
        .filter((x) => x.kind === 'stack-3x3')
        .map((x) => x.id);
    expect(listed(false)).toEqual([]);
    expect(listed(true)).toEqual(['stack-3x3:conv_5x5']);
  });

  it('factorize-1xn: 7×7 → 1×7 + 7×1 on 17×17×64: 58,003,456 → 16,572,416 MACs', () => {
    const { s, input } = advise('demo-factorise-1xn', 'conv_7x7', 'factorize-1xn');
    expect(s.before.macs).toBe(58_003_456);
    expect(macsOf(s)).toEqual([8_286_208, 8_286_208]);
    expect(s.block.map((b) => b.summary)).toEqual([
      '1×7 conv 64→64, pad 0×3',
      'ReLU (in place)',
      '7×1 conv 64→64, pad 3×0',
    ]);
    checkApplied(input, [s]);
  });

  it('group-shuffle with 3 groups: a 1×1 240 → 60 on 28×28 costs a third, the shuffle nothing', () => {
    const { s, input } = advise('demo-grouped-shuffle', 'pw_ungrouped', 'group-shuffle', { groups: 3 });
    expect(s.before.macs).toBe(11_289_600);
    expect(s.after.macs).toBe(3_763_200);
    expect(s.after.params).toBe(4_800);
    expect(s.block.map((b) => b.type)).toEqual(['Convolution', 'ShuffleChannel']);
    checkApplied(input, [s]);
  });

  it('dilate: a 5×5 becomes a 3×3 with dilation 2, same receptive field, 9 weights per pair instead of 25', () => {
    const { s, input } = advise('demo-5x5-vs-3x3', 'conv_5x5', 'dilate');
    expect(s.after.params).toBe(9);
    expect(s.before.params).toBe(25);
    expect(s.after.rf).toEqual(s.before.rf);
    checkApplied(input, [s]);
  });

  it('names never clash: a second rewrite of the same model picks new names', () => {
    const text = getPreset('demo-bottleneck')!.text;
    const analysis = analyzeText(text);
    const first = applyRewrites({ text, analysis }, [
      { layer: 'direct_5x5', kind: 'bottleneck', options: { width: 16 } },
    ]);
    const again = analyzeText(first.text);
    const second = applyRewrites({ text: first.text, analysis: again }, [
      { layer: 'bottleneck_5x5', kind: 'bottleneck', options: { width: 8 } },
      { layer: 'direct_5x5', kind: 'depthwise-separable' },
    ]);
    expect(second.errors).toEqual([]);
    const names = analyzeText(second.text).layers.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('direct_5x5_reduce');
    expect(names).toContain('bottleneck_5x5_reduce');
  });

  it('rejects a width that does not fit, with the reason', () => {
    const text = getPreset('demo-bottleneck')!.text;
    const analysis = analyzeText(text);
    const r = applyRewrites({ text, analysis }, [{ layer: 'direct_5x5', kind: 'bottleneck', options: { width: 192 } }]);
    expect(r.errors).toEqual([
      'bottleneck does not apply to direct_5x5: width 192 is not below the 192 input channels',
    ]);
    expect(r.text).toBe(text);
  });

  it('similar layers: every 3×3 of VGG-16 takes the same depthwise-separable rewrite', () => {
    const text = getPreset('vgg16')!.text;
    const analysis = analyzeText(text);
    const s = adviseLayer({ text, analysis }, 'conv3_1')!.suggestions.find((x) => x.kind === 'depthwise-separable')!;
    const similar = similarLayers({ text, analysis }, s);
    // conv1_1 reads 3 channels: its separable form is cheaper too and is included.
    expect(similar).toHaveLength(13);
    const res = applyRewrites(
      { text, analysis },
      similar.map((layer) => ({ layer, kind: 'depthwise-separable' as const })),
    );
    expect(res.errors).toEqual([]);
    expect(res.applied).toHaveLength(13);
  });
});
