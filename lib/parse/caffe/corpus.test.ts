import { describe, expect, it } from 'vitest';
import type { IRGraph } from '../../ir';
import { corpusAvailable, listCorpus, readCorpus } from '../../testing/corpus';
import { readCaffe } from './index';

/**
 * Layer counts are the top-level `layer {`/`layers {` blocks of each file (minus those
 * another phase keeps); inputs are as SOURCES.md lists them.
 */
const EXPECTED: Record<string, { layers: number; inputs: [string, number[]][] }> = {
  'alexnet.prototxt': { layers: 24, inputs: [['data', [10, 3, 227, 227]]] },
  'c3d_ucf101.prototxt': { layers: 23, inputs: [['data', [1, 3, 16, 112, 112]]] },
  'caffenet.prototxt': { layers: 24, inputs: [['data', [10, 3, 227, 227]]] },
  'densenet121.prototxt': { layers: 547, inputs: [['data', [1, 3, 224, 224]]] },
  'fcn8s.prototxt': { layers: 47, inputs: [['data', [1, 3, 500, 500]]] },
  'googlenet.prototxt': { layers: 143, inputs: [['data', [10, 3, 224, 224]]] },
  'inception-v3.prototxt': { layers: 404, inputs: [['data', [1, 3, 299, 299]]] },
  'inception-v4.prototxt': { layers: 637, inputs: [['data', [1, 3, 299, 299]]] },
  'mobilenet_v1.prototxt': { layers: 111, inputs: [['data', [1, 3, 224, 224]]] },
  'mobilenet_v2.prototxt': { layers: 208, inputs: [['data', [1, 3, 224, 224]]] },
  'nin_imagenet_trainval.prototxt': { layers: 31, inputs: [['data', [89, 3, 224, 224]]] },
  'resnet101.prototxt': { layers: 449, inputs: [['data', [1, 3, 224, 224]]] },
  'resnet152.prototxt': { layers: 670, inputs: [['data', [1, 3, 224, 224]]] },
  'resnet50.prototxt': { layers: 228, inputs: [['data', [1, 3, 224, 224]]] },
  'shufflenet_1x_g3.prototxt': { layers: 217, inputs: [['data', [1, 3, 224, 224]]] },
  'squeezenet1.0.prototxt': { layers: 66, inputs: [['data', [10, 3, 227, 227]]] },
  'squeezenet1.1.prototxt': { layers: 67, inputs: [['data', [10, 3, 227, 227]]] },
  'ssd300_vgg16_voc.prototxt': { layers: 101, inputs: [['data', [1, 3, 300, 300]]] },
  'vgg16.prototxt': { layers: 39, inputs: [['data', [1, 3, 224, 224]]] },
  'vgg16_v1.prototxt': { layers: 39, inputs: [['data', [10, 3, 224, 224]]] },
};

function node(g: IRGraph, name: string) {
  const n = g.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no layer ${name}`);
  return { type: n.type, bottoms: n.bottoms, tops: n.tops };
}

describe.skipIf(!corpusAvailable())('readCaffe on the shared corpus', () => {
  const files = corpusAvailable() ? listCorpus('caffe') : [];

  it('has an expectation for every corpus file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s: layer count, inputs, no errors, spans on every layer', (file) => {
    const text = readCorpus('caffe', file);
    const { graph, diagnostics } = readCaffe(text);
    const want = EXPECTED[file]!;
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(graph.format).toBe('caffe');
    expect(graph.nodes).toHaveLength(want.layers);
    expect(graph.inputs.map((i) => [i.name, i.shape])).toEqual(want.inputs);
    for (const n of graph.nodes) {
      const span = n.span!;
      const source = text.slice(span.offset, span.offset + span.length);
      expect(source).toMatch(/^layers? *\{[\s\S]*\}$/);
      const lineStart = text.lastIndexOf('\n', span.offset - 1) + 1;
      expect(span.column).toBe(span.offset - lineStart + 1);
      expect(text.slice(n.nameSpan!.offset, n.nameSpan!.offset + n.nameSpan!.length)).toMatch(/^name *: *"/);
    }
    // Every blob a layer reads exists and lists the layer as a consumer.
    for (const n of graph.nodes) for (const b of n.bottoms) expect(graph.blobs.get(b)?.consumers).toContain(n.index);
  });

  it('resnet50: residual edges and in-place blob versions', () => {
    const g = readCaffe(readCorpus('caffe', 'resnet50.prototxt')).graph;
    // conv1 → bn (in place) → scale (in place) → relu (in place) → pool1.
    expect(node(g, 'conv1_relu')).toEqual({ type: 'ReLU', bottoms: ['conv1@2'], tops: ['conv1@3'] });
    expect(node(g, 'pool1').bottoms).toEqual(['conv1@3']);
    expect(node(g, 'res2a')).toEqual({
      type: 'Eltwise',
      bottoms: ['res2a_branch1@2', 'res2a_branch2c@2'],
      tops: ['res2a'],
    });
    expect(node(g, 'res2a_relu').tops).toEqual(['res2a@1']);
    expect(node(g, 'res2b_branch2a').bottoms).toEqual(['res2a@1']);
    expect(g.outputs).toEqual(['prob']);
    expect(g.nodes.find((n) => n.name === 'scale_conv1')!.attrs).toEqual({ scale_param: { bias_term: true } });
  });

  it('googlenet and fcn8s: multi-input layers read the right versions', () => {
    const g = readCaffe(readCorpus('caffe', 'googlenet.prototxt')).graph;
    expect(node(g, 'inception_3a/output').bottoms).toEqual([
      'inception_3a/1x1@1',
      'inception_3a/3x3@1',
      'inception_3a/5x5@1',
      'inception_3a/pool_proj@1',
    ]);
    const f = readCaffe(readCorpus('caffe', 'fcn8s.prototxt')).graph;
    expect(node(f, 'fuse_pool4')).toEqual({
      type: 'Eltwise',
      bottoms: ['upscore2', 'score_pool4c'],
      tops: ['fuse_pool4'],
    });
    expect(node(f, 'score')).toEqual({ type: 'Crop', bottoms: ['upscore8', 'data'], tops: ['score'] });
  });

  it('nin_imagenet_trainval: TEST keeps the TEST data layer and accuracy, TRAIN the other data layer and the loss', () => {
    const text = readCorpus('caffe', 'nin_imagenet_trainval.prototxt');
    const test = readCaffe(text).graph;
    const train = readCaffe(text, { phase: 'TRAIN' }).graph;
    expect(test.nodes).toHaveLength(31);
    expect(train.nodes).toHaveLength(31);
    expect(test.nodes[0]).toMatchObject({ name: 'data', type: 'Data', sourceType: 'DATA', tops: ['data', 'label'] });
    expect(test.nodes[0]!.span!.line).toBe(19);
    expect(train.nodes[0]!.span!.line).toBe(2);
    expect(test.inputs.map((i) => [i.name, i.shape, i.source])).toEqual([['data', [89, 3, 224, 224], 'Data']]);
    expect(train.inputs.map((i) => [i.name, i.shape])).toEqual([['data', [64, 3, 224, 224]]]);
    expect(test.nodes.map((n) => n.name)).toContain('accuracy');
    expect(test.nodes.map((n) => n.name)).not.toContain('loss');
    expect(train.nodes.map((n) => n.name)).toContain('loss');
    expect(train.nodes.map((n) => n.name)).not.toContain('accuracy');
    expect(node(train, 'loss')).toEqual({ type: 'SoftmaxWithLoss', bottoms: ['pool4', 'label'], tops: [] });
    // The data layer's label top is a layer output, not a graph input.
    expect(test.blobs.get('label')?.producer).toBe(0);
    expect(readCaffe(text).diagnostics.map((d) => d.message)).toEqual([
      'layer "data" (Data): input shape 89×3×224×224 for top "data" is inferred from batch_size and crop_size; channels are assumed to be 3; if that is wrong, set it with --input data=NxCxHxW or the input-shape control',
    ]);
  });

  it('vgg16_v1 (legacy V1 enums) gives the same layers as vgg16', () => {
    const v1 = readCaffe(readCorpus('caffe', 'vgg16_v1.prototxt')).graph;
    const cur = readCaffe(readCorpus('caffe', 'vgg16.prototxt')).graph;
    const strip = (g: IRGraph) =>
      g.nodes.map((n) => ({ name: n.name, type: n.type, bottoms: n.bottoms, tops: n.tops, attrs: n.attrs }));
    expect(strip(v1)).toEqual(strip(cur));
    expect(new Set(v1.nodes.map((n) => n.sourceType))).toEqual(
      new Set(['CONVOLUTION', 'RELU', 'POOLING', 'INNER_PRODUCT', 'DROPOUT', 'SOFTMAX']),
    );
    expect(v1.nodes.map((n) => n.type).slice(0, 5)).toEqual(['Convolution', 'ReLU', 'Convolution', 'ReLU', 'Pooling']);
  });
});
