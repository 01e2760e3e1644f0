import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis/types';
import { analyzeText } from '../index';
import { getPreset, PRESETS } from '../presets';
import { corpusAvailable, listCorpus, readCorpus } from '../testing/corpus';
import { explainLayer } from './explain';
import { allLearnLinks } from './learn';
import { rfPicture } from './receptive-field';
import { winogradTransformAdds } from './algorithms';

/** Evaluates a substituted formula ("56·56·64·(96/2)·3 + 64", thousands separators allowed) independently of the code that built it. */
function evaluate(expr: string): number {
  return expr
    .split(' + ')
    .map((term) =>
      term
        .split('·')
        .map((f) => {
          const frac = /^\((\d+)\/(\d+)\)$/.exec(f);
          return frac ? Number(frac[1]) / Number(frac[2]) : Number(f.replace(/,/g, ''));
        })
        .reduce((p, x) => p * x, 1),
    )
    .reduce((s, x) => s + x, 0);
}

function preset(id: string): AnalysisResult {
  return analyzeText(getPreset(id)!.text);
}

describe('explanations of dot-product layers', () => {
  it('the issue example: MACs = H_out·W_out·C_out·(C_in/g)·k_h·k_w = 56·56·64·64·3·3 = 115,605,504', () => {
    const e = explainLayer(preset('demo-conv-algorithms'), 'winograd_3x3')!;
    const macs = e.figures.find((f) => f.id === 'macs')!;
    expect([macs.formula, macs.substituted, macs.value]).toEqual([
      'H_out·W_out·C_out·(C_in/g)·k_h·k_w',
      '56·56·64·64·3·3',
      115_605_504,
    ]);
    const params = e.figures.find((f) => f.id === 'params')!;
    expect([params.substituted, params.value]).toEqual(['64·64·3·3', 36_864]);
  });

  it('algorithms: im2col as a 256×1152×192 GEMM with a 9× buffer; Winograd 16 vs 36 and 36 vs 144 per tile', () => {
    const a = preset('demo-conv-algorithms');
    const gemm = explainLayer(a, 'gemm_3x3')!.algorithms!;
    const im2col = gemm.find((r) => r.id === 'im2col')!;
    expect(im2col.detail[0]).toBe('GEMM per group: M×K×N = C_out/g × (C_in/g)·∏k × ∏out = 256 × 1,152 × 192');
    expect(im2col.detail[1]).toContain('9.00× the input (k²/stride² = 9/1 = 9.00');
    expect(im2col.count).toBe(56_623_104);
    const rows = explainLayer(a, 'winograd_3x3')!.algorithms!;
    const w2 = rows.find((r) => r.id === 'winograd-2')!;
    const w4 = rows.find((r) => r.id === 'winograd-4')!;
    expect([w2.count, w2.speedup]).toEqual([784 * 16 * 64 * 64, 2.25]);
    expect([w4.count, w4.speedup]).toEqual([196 * 36 * 64 * 64, 4]);
    expect(w2.detail[1]).toContain('(16 vs 36 per tile: 2.25×)');
    expect(w4.detail[1]).toContain('(36 vs 144 per tile: 4.00×)');
    expect(winogradTransformAdds(2)).toEqual({ input: 32, output: 24 });
    expect(winogradTransformAdds(4)).toEqual({ input: 192, output: 140 });
  });

  it('FFT: an estimate, meaningless for a 1×1, a win for a 13×13; Winograd says why it does not apply', () => {
    const a = preset('demo-conv-algorithms');
    const one = explainLayer(a, 'pointwise_1x1')!.algorithms!;
    const fft1 = one.find((r) => r.id === 'fft')!;
    expect(fft1.estimate).toBe(true);
    expect(fft1.why).toMatch(/^meaningless for a 1×1 conv/);
    expect(one.find((r) => r.id === 'im2col')!.why).toContain('already a GEMM on the input');
    expect(one.find((r) => r.id === 'winograd-2')!.why).toBe(
      'does not apply: needs a 3×3 kernel, stride 1, no dilation (this layer: 1×1, stride 1×1)',
    );
    const big = explainLayer(a, 'fft_13x13')!.algorithms!.find((r) => r.id === 'fft')!;
    expect(big.speedup!).toBeGreaterThan(1);
    expect(big.why).toMatch(/wins with large kernels/);
  });

  it('receptive field: dilation 4 on a 7-pixel field gives 15, drawn as three taps 4 apart', () => {
    const e = explainLayer(preset('demo-dilated'), 'conv_d4')!;
    const h = e.rf![0]!;
    expect(h.before).toEqual({ size: 7, jump: 1, start: 0 });
    expect(h.after.size).toBe(15);
    expect(h.lines[0]).toBe('size 15 = 7 + (9 − 1)·1 (k_eff = 4·(3 − 1) + 1 = 9)');
    expect(h.picture).toBe('···●···●···●···');
    expect(rfPicture({ size: 1, jump: 1, start: 0 }, 3, 1, 3).picture).toBe('●●●');
    // Wide fields are scaled down to at most 48 cells.
    const wide = rfPicture({ size: 91, jump: 16, start: 0 }, 3, 1, 123);
    expect(wide.scale).toBe(3);
    expect(wide.picture.length).toBe(41);
  });

  it('explains depthwise, grouped, transposed, separable and fully connected layers with their own formulas', () => {
    const dw = explainLayer(preset('demo-depthwise-separable'), 'depthwise_5x5')!;
    expect(dw.kind).toBe('depthwise');
    expect(dw.figures[0]!.substituted).toBe('8·8·3·5·5');
    const grouped = explainLayer(preset('alexnet'), 'conv2')!;
    expect(grouped.figures[0]!.substituted).toBe('27·27·256·(96/2)·5·5');
    const up = explainLayer(preset('demo-transposed'), 'up_learned')!;
    expect([up.kind, up.figures[0]!.formula, up.figures[0]!.substituted]).toEqual([
      'deconv',
      'C_in·H_in·W_in·(C_out/g)·k_h·k_w',
      '64·16·16·32·4·4',
    ]);
    const fc = explainLayer(preset('demo-conv-algorithms'), 'classifier')!;
    expect([fc.figures[0]!.substituted, fc.figures[0]!.value]).toEqual(['12288·10', 122_880]);
    expect(explainLayer(preset('demo-bottleneck'), 'reduce_relu')).toBeNull();
  });

  it('every dot-product layer of every preset and corpus model: formulas evaluate to the analysis figures', () => {
    const texts = PRESETS.map((p) => p.text);
    if (corpusAvailable()) {
      for (const kind of ['caffe', 'keras'] as const) for (const f of listCorpus(kind)) texts.push(readCorpus(kind, f));
    }
    let explained = 0;
    const kinds = new Set<string>();
    for (const text of texts) {
      const a = analyzeText(text);
      for (const l of a.layers) {
        const e = explainLayer(a, l.name);
        if (!e) continue;
        explained++;
        kinds.add(e.kind);
        expect(
          e.notes.filter((n) => n.includes('the analysis counts')),
          l.name,
        ).toEqual([]);
        for (const f of e.figures) {
          expect(f.value, `${l.name} ${f.label}`).toBe(f.analysisValue);
          if (f.id !== 'flops' && f.id !== 'weights')
            expect(evaluate(f.substituted), `${l.name} ${f.label}`).toBe(f.value);
        }
        expect(e.learn.length).toBeGreaterThan(0);
      }
    }
    expect(explained).toBeGreaterThan(500);
    expect([...kinds].sort()).toEqual(['conv', 'deconv', 'depthwise', 'fc']);
  });

  it('every worked example exists, names its layer, and its comment links back to it', () => {
    for (const link of allLearnLinks()) {
      const p = getPreset(link.presetId);
      expect(p, link.presetId).toBeDefined();
      expect(p!.text, `${link.presetId} links back to ${link.layer}`).toContain(link.href);
      expect(preset(link.presetId).layers.map((l) => l.name)).toContain(link.layer);
    }
  });
});
