import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { corpusAvailable, listCorpus, readCorpus } from '../../testing/corpus';
import { detectFormat } from '../index';
import { readKeras } from './index';

/**
 * Every Keras / TF.js file of the shared corpus, with the figures of REFERENCE.md §3 ([D],
 * checked there against the weightsManifest) and the structure read from the file by hand.
 */
const EXPECTED: Record<
  string,
  {
    nodes: number;
    input: { name: string; shape: number[]; layer: boolean };
    output: number[];
    params: number;
    buffers: number;
    macs: number;
  }
> = {
  'keras206_small_cnn_sequential.json': {
    nodes: 15, // list-style Sequential, no InputLayer: conv2d_1's batch_input_shape declares the input
    input: { name: 'conv2d_1_input', shape: [-1, 150, 150, 3], layer: false },
    output: [1, 1],
    params: 1_212_513,
    buffers: 0,
    macs: 89_192_000,
  },
  'keras_mobilenet_v1_1.0_224_functional.json': {
    nodes: 102,
    input: { name: 'input_1', shape: [-1, 224, 224, 3], layer: true },
    output: [1, 1000],
    params: 4_231_976,
    buffers: 21_888,
    macs: 568_740_352,
  },
  'tfjs_abalone_mlp_model.json': {
    nodes: 3,
    input: { name: 'dense_Dense1_input', shape: [-1, 8], layer: false },
    output: [1, 1],
    params: 3_051,
    buffers: 0,
    macs: 2_950,
  },
  'tfjs_emnist_cnn_model.json': {
    nodes: 10,
    input: { name: 'conv2d_3_input', shape: [-1, 32, 32, 3], layer: true },
    output: [1, 47],
    params: 160_847,
    buffers: 0,
    macs: 2_938_752,
  },
};

describe.skipIf(!corpusAvailable())('Keras corpus', () => {
  it('has an expectation for every file', () => {
    expect(listCorpus('keras')).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: structure, shapes and REFERENCE.md totals`, () => {
      const text = readCorpus('keras', file);
      expect(detectFormat(text)).toBe('keras');
      const { graph, diagnostics } = readKeras(text);
      expect(diagnostics).toEqual([]);
      expect(graph.layout).toBe('NHWC');
      expect(graph.nodes.length).toBe(want.nodes);
      expect(graph.inputs.map((i) => ({ name: i.name, shape: i.shape, layer: i.node !== undefined }))).toEqual([
        want.input,
      ]);
      expect(graph.declaredBatch).toBeNull();
      expect(graph.outputs.length).toBe(1);
      // Every node sits at its layer object and names it.
      for (const node of graph.nodes) {
        expect(text.slice(node.span!.offset, node.span!.offset + node.span!.length)).toMatch(/^\{.*\}$/s);
        expect(text.slice(node.nameSpan!.offset, node.nameSpan!.offset + node.nameSpan!.length)).toBe(`"${node.name}"`);
      }
      const r = analyze(graph);
      expect(r.diagnostics).toEqual([]);
      expect(r.layers.every((l) => l.status === 'ok')).toBe(true);
      expect(r.blobShapes.get(graph.outputs[0]!)).toEqual(want.output);
      expect(r.totals.params).toBe(want.params);
      expect(r.totals.buffers).toBe(want.buffers);
      expect(r.totals.params + r.totals.buffers).toBe(want.params + want.buffers);
      expect(r.totals.macs).toBe(want.macs);
    });
  }

  it('keras206: per-layer shapes follow valid convs and 2×2 pools', () => {
    const r = analyze(readKeras(readCorpus('keras', 'keras206_small_cnn_sequential.json')).graph);
    const shape = (name: string) => r.layers.find((l) => l.name === name)!.outputs[0];
    expect(shape('conv2d_1')).toEqual([1, 148, 148, 32]);
    expect(shape('max_pooling2d_1')).toEqual([1, 74, 74, 32]);
    expect(shape('conv2d_3')).toEqual([1, 34, 34, 64]);
    expect(shape('max_pooling2d_3')).toEqual([1, 17, 17, 64]);
    expect(shape('flatten_1')).toEqual([1, 18496]);
  });

  it('mobilenet: padding, depthwise and classifier shapes; batch declared None analyses at N', () => {
    const { graph } = readKeras(readCorpus('keras', 'keras_mobilenet_v1_1.0_224_functional.json'));
    const r = analyze(graph, { batch: 8 });
    const layer = (name: string) => r.layers.find((l) => l.name === name)!;
    expect(layer('conv1_pad').outputs[0]).toEqual([8, 226, 226, 3]);
    expect(layer('conv1').outputs[0]).toEqual([8, 112, 112, 32]);
    expect(layer('conv_dw_2').outputs[0]).toEqual([8, 56, 56, 64]);
    expect(layer('conv_dw_2').params).toBe(3 * 3 * 64);
    expect(layer('conv_pw_13').outputs[0]).toEqual([8, 7, 7, 1024]);
    expect(layer('reshape_1').outputs[0]).toEqual([8, 1, 1, 1024]);
    expect(layer('conv_preds').params).toBe(1024 * 1000 + 1000);
    expect(r.totals.macs).toBe(8 * 568_740_352);
  });
});
