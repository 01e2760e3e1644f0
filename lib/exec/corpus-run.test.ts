import { describe, expect, test } from 'vitest';
import { analyzeText } from '../index';
import { corpusAvailable, readCorpus } from '../testing/corpus';
import { lowerAnalysis } from './lower';
import { allFinite, runOnce } from './testing/run-check';

/**
 * Corpus models that lower completely, at inputs small enough for single-threaded WASM in
 * Node (the smallest size every layer accepts; GoogLeNet, NIN and ResNet-50 have fixed 7×7/6×6
 * pooling windows and need 224). Left out: FCN-8s (pad 100 makes it 34 GFLOPs even at 32×32),
 * Inception v3/v4 (fixed 8×8 pooling: 299 only, too slow here), SSD (PriorBox/DetectionOutput
 * have no ONNX lowering: refused up front, asserted below).
 */
const CASES: readonly [string, number[]][] = [
  ['alexnet.prototxt', [1, 3, 48, 48]],
  ['caffenet.prototxt', [1, 3, 48, 48]],
  ['c3d_ucf101.prototxt', [1, 3, 8, 32, 32]],
  ['densenet121.prototxt', [1, 3, 32, 32]],
  ['mobilenet_v1.prototxt', [1, 3, 32, 32]],
  ['mobilenet_v2.prototxt', [1, 3, 32, 32]],
  ['shufflenet_1x_g3.prototxt', [1, 3, 32, 32]],
  ['squeezenet1.0.prototxt', [1, 3, 32, 32]],
  ['squeezenet1.1.prototxt', [1, 3, 32, 32]],
  ['vgg16.prototxt', [1, 3, 32, 32]],
  ['vgg16_v1.prototxt', [1, 3, 32, 32]],
  ['nin_imagenet_trainval.prototxt', [1, 3, 224, 224]],
  ['googlenet.prototxt', [1, 3, 224, 224]],
  ['resnet50.prototxt', [1, 3, 224, 224]],
];

describe.skipIf(!corpusAvailable())('corpus: engine shapes equal the analyser for every layer top', () => {
  test.each(CASES)(
    '%s at %j',
    async (file, shape) => {
      const text = readCorpus('caffe', file);
      const name = analyzeText(text).inputs[0]!.name;
      const analysis = analyzeText(text, { inputs: { [name]: shape } });
      const lowered = lowerAnalysis(analysis);
      expect(lowered.ok ? [] : lowered.refused).toEqual([]);
      if (!lowered.ok) return;
      const r = await runOnce(lowered.model);
      // Any mismatch means the analyser or the lowering is wrong: list them all.
      expect(r.shapeChecks.filter((c) => !c.ok)).toEqual([]);
      expect(r.shapeChecks.length).toBe(lowered.model.tops.length);
      expect(r.outputs.every((o) => o.head.every(Number.isFinite))).toBe(true);
    },
    180_000,
  );

  /** Every Keras corpus model; MobileNet at 64×64 (same layers, a twelfth of the work of 224). */
  const KERAS: readonly [string, number[] | null][] = [
    ['keras206_small_cnn_sequential.json', null],
    ['tfjs_abalone_mlp_model.json', null],
    ['tfjs_emnist_cnn_model.json', null],
    ['keras_mobilenet_v1_1.0_224_functional.json', [1, 64, 64, 3]],
  ];

  test.each(KERAS)(
    "Keras %s at %j: every top has the analyser's shape, outputs are finite",
    async (file, shape) => {
      const text = readCorpus('keras', file);
      const name = analyzeText(text).inputs[0]!.name;
      const analysis = analyzeText(text, shape ? { inputs: { [name]: shape } } : {});
      const lowered = lowerAnalysis(analysis);
      expect(lowered.ok ? [] : lowered.refused).toEqual([]);
      if (!lowered.ok) return;
      const r = await runOnce(lowered.model);
      expect(r.shapeChecks.filter((c) => !c.ok)).toEqual([]);
      expect(r.shapeChecks.length).toBe(lowered.model.tops.length);
      expect(r.outputs.length).toBeGreaterThan(0);
      expect(r.outputs.every((o) => o.head.every(Number.isFinite) && Number.isFinite(o.sumAbs))).toBe(true);
    },
    120_000,
  );

  test('SSD is refused up front with its detection layers named', () => {
    const r = lowerAnalysis(analyzeText(readCorpus('caffe', 'ssd300_vgg16_voc.prototxt')));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byType = new Map(r.refused.map((x) => [x.type, x]));
    expect(byType.get('PriorBox')?.reason).toMatch(/no ONNX lowering for type "PriorBox"/);
    expect(byType.get('DetectionOutput')?.reason).toMatch(/no ONNX lowering for type "DetectionOutput"/);
    // The concat of all priors is blocked by its inputs, and says so.
    expect(byType.get('Concat')?.reason).toMatch(/which no lowered layer produces/);
    expect([...byType.keys()].sort()).toEqual(['Concat', 'DetectionOutput', 'PriorBox']);
  });

  test('SSD300, the supported part: 93 of 101 layers run at 300×300 with every top the shape the analyser predicts', async () => {
    const analysis = analyzeText(readCorpus('caffe', 'ssd300_vgg16_voc.prototxt'));
    const r = lowerAnalysis(analysis, { kind: 'supported' });
    expect(r.ok ? [] : r.refused).toEqual([]);
    if (!r.ok) return;
    // Left out: the 6 PriorBox layers, the Concat of their anchors, and DetectionOutput.
    expect(r.model.excluded.map((x) => x.type).sort()).toEqual([
      'Concat',
      'DetectionOutput',
      ...Array<string>(6).fill('PriorBox'),
    ]);
    expect(r.model.layers).toHaveLength(93);
    // The partial graph ends in the location and confidence heads.
    expect(r.model.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['mbox_loc', [1, 34928]],
      ['mbox_conf_flatten', [1, 183372]],
    ]);
    const run = await runOnce(r.model);
    expect(run.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    expect(run.shapeChecks).toHaveLength(r.model.tops.length);
    expect(allFinite(run)).toBe(true);
  }, 300_000);

  test('SSD300, the layers feeding fc7: the VGG backbone alone', () => {
    const analysis = analyzeText(readCorpus('caffe', 'ssd300_vgg16_voc.prototxt'));
    const r = lowerAnalysis(analysis, { kind: 'feeding', layer: 'fc7' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.layers.at(-1)).toBe('fc7');
    // 13 convs with their ReLUs, 5 poolings, fc6 + relu6 and fc7 (relu7 works on fc7 in place: not needed).
    expect(r.model.layers).toHaveLength(34);
    expect(r.model.outputs.map((o) => [o.name, o.shape])).toEqual([['fc7', [1, 1024, 19, 19]]]);
    expect(r.model.excluded).toHaveLength(101 - 34);
    expect(r.model.excluded.find((x) => x.layer === 'detection_out')?.reason).toBe('not needed for fc7');
  });
});
