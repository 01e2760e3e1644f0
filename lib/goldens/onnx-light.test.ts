import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../analysis';
import { diffAnalyses, type LayerDiff } from '../diff';
import { numel } from '../ops/util';
import { readModel } from '../parse';
import { corpusAvailable, MODELS_DIR, readCorpus } from '../testing/corpus';

/**
 * The nine "light" model-zoo files (every float initializer replaced by a ConstantOfShape node, so
 * weight shapes must be propagated to count parameters), checked two ways: every shape known and
 * exact totals, and, where ../shared/models/caffe has the same architecture, a layer-by-layer
 * comparison through the Compare view's cross-format matching with every difference explained.
 */

const onnx = (name: string): AnalysisResult =>
  analyze(readModel(readFileSync(path.join(MODELS_DIR, 'onnx', `light_${name}.onnx`))).graph);
const caffe = (file: string): AnalysisResult => analyze(readModel(readCorpus('caffe', file)).graph);

const perOutput = (l: { macs: number; outputs: readonly (readonly number[] | null)[] }) =>
  l.macs / numel(l.outputs[0]!);
const spatial = (l: { outputs: readonly (readonly number[] | null)[] }) => l.outputs[0]!.slice(2).join('×');

/** The dot-product layers (convolutions, inner products) of a Caffe ↔ ONNX comparison. */
function dotRows(caffeModel: AnalysisResult, onnxModel: AnalysisResult): LayerDiff[] {
  return diffAnalyses(caffeModel, onnxModel).layers.filter((l) => (l.a?.macs ?? 0) > 0 || (l.b?.macs ?? 0) > 0);
}

/**
 * What a comparison shows: unmatched dot-product layers, per-layer parameter differences, layers
 * whose work per output element differs (none, for the same architecture), and the layers whose
 * output size differs, as `caffe name: ONNX size vs Caffe size`.
 */
function explain(rows: readonly LayerDiff[]) {
  const pairs = rows.filter((r) => r.a && r.b);
  return {
    pairs: pairs.length,
    unmatched: rows.filter((r) => !r.a || !r.b).map((r) => `${r.status} ${r.name}`),
    params: pairs.filter((r) => r.a!.params !== r.b!.params).map((r) => `${r.a!.name} ${r.b!.params - r.a!.params}`),
    workPerOutput: pairs.filter((r) => perOutput(r.a!) !== perOutput(r.b!)).map((r) => r.a!.name),
    sizes: pairs
      .filter((r) => spatial(r.a!) !== spatial(r.b!))
      .map((r) => `${r.a!.name}: ${spatial(r.b!)} vs ${spatial(r.a!)}`),
    // The MACs difference is exactly the same per-output work over a different number of outputs.
    macsFromSizes: pairs.reduce((s, r) => s + perOutput(r.a!) * (numel(r.b!.outputs[0]!) - numel(r.a!.outputs[0]!)), 0),
  };
}

const totals = (a: AnalysisResult) => {
  const { params, buffers, macs, flops } = a.totals;
  return { params, buffers, macs, flops };
};

describe.runIf(corpusAvailable())('light ONNX models', () => {
  const NAMES = [
    'bvlc_alexnet',
    'densenet121',
    'inception_v1',
    'inception_v2',
    'resnet50',
    'shufflenet',
    'squeezenet',
    'vgg19',
    'zfnet512',
  ];

  it.each(NAMES)('%s: every layer analysed, every shape known, no diagnostics', (name) => {
    const a = onnx(name);
    expect(a.diagnostics).toEqual([]);
    expect(a.layers.filter((l) => l.status !== 'ok' || l.outputs.some((s) => !s)).map((l) => l.name)).toEqual([]);
    expect(a.layers.length).toBe(a.graph.nodes.length);
  });

  it('exact totals at the files’ 1×3×224×224 input', () => {
    expect(Object.fromEntries(NAMES.map((n) => [n, totals(onnx(n))]))).toEqual({
      bvlc_alexnet: { params: 60_965_224, buffers: 0, macs: 654_560_384, flops: 1_314_853_792 },
      densenet121: { params: 8_062_504, buffers: 83_648, macs: 2_834_161_664, flops: 5_749_196_520 },
      inception_v1: { params: 6_998_552, buffers: 0, macs: 1_431_556_352, flops: 2_885_478_944 },
      inception_v2: { params: 11_214_888, buffers: 19_904, macs: 2_018_851_840, flops: 4_068_847_616 },
      resnet50: { params: 25_557_032, buffers: 53_120, macs: 4_089_184_256, flops: 8_217_436_576 },
      shufflenet: { params: 1_393_320, buffers: 26_832, macs: 124_664_528, flops: 260_943_072 },
      squeezenet: { params: 1_235_496, buffers: 0, macs: 349_151_936, flops: 706_296_984 },
      vgg19: { params: 143_667_240, buffers: 0, macs: 19_632_062_464, flops: 39_298_440_608 },
      zfnet512: { params: 87_250_536, buffers: 0, macs: 1_481_727_008, flops: 2_979_506_080 },
    });
  });

  it('AlexNet = Caffe bvlc_alexnet: same weights; sizes differ by the input (224 vs 227) and pool1/pool2 rounding down', () => {
    const c = caffe('alexnet.prototxt');
    const o = onnx('bvlc_alexnet');
    const e = explain(dotRows(c, o));
    expect(e).toMatchObject({ pairs: 8, unmatched: [], params: [], workPerOutput: [] });
    expect(o.totals.params).toBe(c.totals.params);
    // ONNX (opset 9, no ceil_mode) rounds pool1/pool2 down; pool5 has an end pad that keeps
    // Caffe's ceil rounding, so fc6 sees 256×6×6 in both and the classifier is unchanged.
    expect(e.sizes).toEqual([
      'conv1: 54×54 vs 55×55',
      'conv2: 26×26 vs 27×27',
      'conv3: 12×12 vs 13×13',
      'conv4: 12×12 vs 13×13',
      'conv5: 12×12 vs 13×13',
    ]);
    expect(e.macsFromSizes).toBe(o.totals.macs - c.totals.macs);
  });

  it('Inception v1 = Caffe GoogLeNet: same weights; every pool rounds down in ONNX (Caffe rounds up)', () => {
    const c = caffe('googlenet.prototxt');
    const o = onnx('inception_v1');
    const e = explain(dotRows(c, o));
    expect(e).toMatchObject({ pairs: 58, unmatched: [], params: [], workPerOutput: [] });
    expect(o.totals.params).toBe(c.totals.params);
    // pool1 turns 112 into 55 (Caffe 56), and so on down the network; only conv1 (before any
    // pool) and the classifier keep their sizes.
    expect(e.sizes).toHaveLength(56);
    expect(e.sizes.slice(0, 3)).toEqual([
      'conv2/3x3_reduce: 55×55 vs 56×56',
      'conv2/3x3: 55×55 vs 56×56',
      'inception_3a/1x1: 27×27 vs 28×28',
    ]);
    expect(e.sizes.at(-1)).toBe('inception_5b/5x5: 6×6 vs 7×7');
    expect(e.macsFromSizes).toBe(o.totals.macs - c.totals.macs);
  });

  it('SqueezeNet = Caffe SqueezeNet 1.1: same weights; every size differs by the input (224 vs 227)', () => {
    const c = caffe('squeezenet1.1.prototxt');
    const o = onnx('squeezenet');
    const e = explain(dotRows(c, o));
    expect(e).toMatchObject({ pairs: 26, unmatched: [], params: [], workPerOutput: [] });
    expect(e.sizes[0]).toBe('conv1: 111×111 vs 113×113');
    expect(e.sizes).toHaveLength(26);
    // With the Caffe model at 224 and its pools rounding down, the two are identical.
    const floor = readCorpus('caffe', 'squeezenet1.1.prototxt').replace(
      /pooling_param\s*\{/g,
      'pooling_param { ceil_mode: false',
    );
    const at224 = analyze(readModel(floor).graph, { inputs: { data: [1, 3, 224, 224] } });
    expect(totals(at224)).toEqual({ ...totals(o), flops: at224.totals.flops });
    expect(e.macsFromSizes).toBe(o.totals.macs - c.totals.macs);
  });

  it('ResNet-50 = Caffe ResNet-50 except three strides, the conv1 bias and BatchNorm’s stored factor', () => {
    const c = caffe('resnet50.prototxt');
    const o = onnx('resnet50');
    const e = explain(dotRows(c, o));
    expect(e).toMatchObject({ pairs: 54, unmatched: [], workPerOutput: [] });
    // Caffe's conv1 has a bias; the ONNX export's has none.
    expect(e.params).toEqual(['conv1 -64']);
    expect(o.totals.params).toBe(c.totals.params - 64);
    // Caffe BatchNorm stores mean, variance and a moving-average factor (2·C + 1); ONNX mean and variance.
    const bnLayers = c.layers.filter((l) => l.type === 'BatchNorm').length;
    expect(o.totals.buffers).toBe(c.totals.buffers - bnLayers);
    // ONNX (ResNet v1.5) strides the 3×3 conv of each downsampling block, Caffe (v1) the 1×1 before it.
    expect(e.sizes).toEqual([
      'res3a_branch2a: 56×56 vs 28×28',
      'res4a_branch2a: 28×28 vs 14×14',
      'res5a_branch2a: 14×14 vs 7×7',
    ]);
    expect(e.macsFromSizes).toBe(o.totals.macs - c.totals.macs);
  });

  it('DenseNet-121 = Caffe DenseNet-121: same MACs; each BatchNorm+Scale became BatchNormalization (scale 1, bias 0 stored) + Mul + Add', () => {
    const c = caffe('densenet121.prototxt');
    const o = onnx('densenet121');
    const e = explain(dotRows(c, o));
    expect(e).toMatchObject({ pairs: 121, unmatched: [], params: [], workPerOutput: [], sizes: [] });
    expect(o.totals.macs).toBe(c.totals.macs);
    const bn = c.layers.filter((l) => l.type === 'BatchNorm');
    const channels = bn.reduce((s, l) => s + l.outputs[0]![1]!, 0);
    // The stored scale and bias of every BatchNormalization are parameters the Caffe model does not have.
    expect(o.totals.params).toBe(c.totals.params + 2 * channels);
    expect(o.totals.buffers).toBe(c.totals.buffers - bn.length);
  });

  it('VGG-19 = Caffe VGG-16 plus conv3_4, conv4_4 and conv5_4', () => {
    const c = caffe('vgg16.prototxt');
    const o = onnx('vgg19');
    const rows = dotRows(c, o);
    const e = explain(rows);
    expect(e).toMatchObject({ pairs: 16, params: [], workPerOutput: [], sizes: [] });
    const added = rows.filter((r) => r.status === 'added').map((r) => r.b!);
    expect(added.map((l) => [l.outputs[0], l.params])).toEqual([
      [[1, 256, 56, 56], 256 * 256 * 9 + 256],
      [[1, 512, 28, 28], 512 * 512 * 9 + 512],
      [[1, 512, 14, 14], 512 * 512 * 9 + 512],
    ]);
    expect(o.totals.params - c.totals.params).toBe(added.reduce((s, l) => s + l.params, 0));
    expect(o.totals.macs - c.totals.macs).toBe(added.reduce((s, l) => s + l.macs, 0));
  });

  it('ShuffleNet is another variant than the Caffe 1× g=3 file: same stem, stages 136/272/544 wide with 4 groups', () => {
    const c = caffe('shufflenet_1x_g3.prototxt');
    const o = onnx('shufflenet');
    const rows = dotRows(c, o);
    // The stem (3×3 conv, stride 2, 24 channels) is the same; the ONNX one has a bias.
    expect(explain(rows.slice(0, 1))).toMatchObject({ pairs: 1, params: ['conv1 24'], workPerOutput: [], sizes: [] });
    const stageOut = (a: AnalysisResult) =>
      [28, 14, 7].map((s) =>
        Math.max(
          ...a.layers.filter((l) => l.outputs[0]?.length === 4 && l.outputs[0]![2] === s).map((l) => l.outputs[0]![1]!),
        ),
      );
    expect(stageOut(o)).toEqual([136, 272, 544]);
    expect(stageOut(c)).toEqual([240, 480, 960]);
    // Grouped 1×1 convs use 4 groups (the depthwise ones have one group per channel).
    const grouped = o.graph.nodes.filter(
      (n) => n.type === 'Conv' && typeof n.attrs.group === 'number' && n.attrs.group > 1 && n.attrs.group < 100,
    );
    expect(new Set(grouped.map((n) => n.attrs.group))).toEqual(new Set([4]));
  });
});
