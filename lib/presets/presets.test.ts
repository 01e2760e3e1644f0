import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { DEFAULT_PRESET_ID, getPreset, PRESETS } from './index';

function analyse(id: string) {
  const preset = getPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  return analyzeText(preset.text);
}

/** ShuffleNet 1× g=3 costs recomputed from the paper's table, independently of the generator. */
function shufflenetExpected(): { macs: number; params: number } {
  let macs = 3 * 24 * 9 * 112 * 112;
  let params = 3 * 24 * 9 + 2 * 24;
  let c = 24;
  let hw = 56;
  for (const [out, repeats] of [
    [240, 4],
    [480, 8],
    [960, 4],
  ] as const) {
    for (let u = 0; u < repeats; u++) {
      const mid = out / 4;
      const g1 = out === 240 && u === 0 ? 1 : 3;
      const branch = u === 0 ? out - c : out;
      const outHw = u === 0 ? hw / 2 : hw;
      macs += (c / g1) * mid * hw * hw + 9 * mid * outHw * outHw + (mid / 3) * branch * outHw * outHw;
      params += (c / g1) * mid + 2 * mid + 9 * mid + 2 * mid + (mid / 3) * branch + 2 * branch;
      c = out;
      hw = outHw;
    }
  }
  macs += 960 * 1000;
  params += 960 * 1000 + 1000;
  return { macs, params };
}

describe('presets', () => {
  it('has unique ids, the default exists, and every preset analyses without errors', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(DEFAULT_PRESET_ID);
    expect(PRESETS.length).toBeGreaterThanOrEqual(14);
    for (const p of PRESETS) {
      const r = analyzeText(p.text);
      const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${p.id}: ${d.message}`);
      expect(errors).toEqual([]);
      expect(r.layers.every((l) => l.status === 'ok')).toBe(true);
      expect(r.totals.macs).toBeGreaterThan(0);
    }
  });

  it.each([
    // [id, params, buffers, MACs, final output] — published / reference totals (REFERENCE.md).
    ['alexnet', 60_965_224, 0, 724_406_816, [1, 1000]],
    ['vgg16', 138_357_544, 0, 15_470_264_320, [1, 1000]],
    ['googlenet', 6_998_552, 0, 1_582_671_872, [1, 1000]],
    ['resnet50', 25_557_032, 53_173, 3_857_973_248, [1, 1000]],
    ['mobilenet-v1', 4_231_976, 21_915, 568_740_352, [1, 1000, 1, 1]],
    ['squeezenet1.1', 1_235_496, 0, 387_747_520, [1, 1000, 1, 1]],
  ] as const)('%s matches the published totals', (id, params, buffers, macs, out) => {
    const r = analyse(id);
    expect(r.totals.params).toBe(params);
    expect(r.totals.buffers).toBe(buffers);
    expect(r.totals.macs).toBe(macs);
    expect(r.layers.at(-1)?.outputs[0]).toEqual(out);
  });

  it('ShuffleNet 1× g=3 matches the paper table (≈138 M MACs, ≈1.9 M params)', () => {
    const r = analyse('shufflenet-g3');
    const expected = shufflenetExpected();
    expect(r.totals.macs).toBe(expected.macs);
    expect(r.totals.params).toBe(expected.params);
    expect(Math.round(r.totals.macs / 1e6)).toBeGreaterThanOrEqual(135);
    expect(Math.round(r.totals.macs / 1e6)).toBeLessThanOrEqual(141);
    expect(r.totals.params / 1e6).toBeCloseTo(1.9, 0);
    const concat = r.layers.find((l) => l.name === 'stage3_1/concat');
    expect(concat?.outputs[0]).toEqual([1, 480, 14, 14]);
  });
});
