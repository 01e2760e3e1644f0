import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { adviseLayer, applyRewrites } from '../advisor/advise';
import { checkApplied } from '../advisor/testing';
import type { RewriteKind, RewriteOptions } from '../advisor/types';

/** Writer cases the corpus does not hold: Keras 3 wiring, camelCase Caffe JSON, one-line prototxt layers. */

function rewrite(text: string, layer: string, kind: RewriteKind, options: RewriteOptions = {}) {
  const analysis = analyzeText(text);
  expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const s = adviseLayer({ text, analysis }, layer, { [kind]: options })?.suggestions.find((x) => x.kind === kind);
  if (!s) throw new Error(`no ${kind} for ${layer}`);
  return checkApplied({ text, analysis }, [s]);
}

const tensor = (layer: string, shape: (number | null)[]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] },
});

const KERAS3 = JSON.stringify(
  {
    module: 'keras',
    class_name: 'Functional',
    config: {
      name: 'k3',
      layers: [
        {
          module: 'keras.layers',
          class_name: 'InputLayer',
          config: { batch_shape: [null, 32, 32, 64], dtype: 'float32', name: 'input_layer' },
          registered_name: null,
          name: 'input_layer',
          inbound_nodes: [],
        },
        {
          module: 'keras.layers',
          class_name: 'Conv2D',
          config: {
            name: 'conv',
            filters: 64,
            kernel_size: [5, 5],
            strides: [1, 1],
            padding: 'same',
            activation: 'relu',
            use_bias: true,
          },
          registered_name: null,
          build_config: { input_shape: [null, 32, 32, 64] },
          name: 'conv',
          inbound_nodes: [{ args: [tensor('input_layer', [null, 32, 32, 64])], kwargs: {} }],
        },
        {
          module: 'keras.layers',
          class_name: 'GlobalAveragePooling2D',
          config: { name: 'pool' },
          registered_name: null,
          name: 'pool',
          inbound_nodes: [{ args: [tensor('conv', [null, 32, 32, 64])], kwargs: {} }],
        },
      ],
      input_layers: [['input_layer', 0, 0]],
      output_layers: [['pool', 0, 0]],
    },
  },
  null,
  2,
);

describe('writers', () => {
  it('Keras 3: new layers are wired with keras tensors and record their input shape', () => {
    for (const kind of ['stack-3x3', 'bottleneck', 'depthwise-separable', 'group-shuffle', 'dilate'] as const) {
      const after = rewrite(KERAS3, 'conv', kind);
      expect(after.graph.nodes.map((n) => n.name).at(-1)).toBe('pool');
    }
    const after = rewrite(KERAS3, 'conv', 'bottleneck', { width: 16 });
    const reduce = after.layers.find((l) => l.name === 'conv_reduce')!;
    expect(reduce.outputs[0]).toEqual([1, 32, 32, 16]);
    // The original's fused activation stays on the block's last layer; the new one gets the ReLU in between.
    const conv = after.graph.nodes.find((n) => n.name === 'conv')!;
    expect([conv.attrs.activation, after.graph.nodes.find((n) => n.name === 'conv_reduce')!.attrs.activation]).toEqual([
      'relu',
      'relu',
    ]);
  });

  it('Caffe JSON in lowerCamelCase stays lowerCamelCase', () => {
    const text = JSON.stringify({
      name: 'camel',
      input: ['data'],
      inputShape: [{ dim: [1, 32, 28, 28] }],
      layer: [
        {
          name: 'conv',
          type: 'Convolution',
          bottom: ['data'],
          top: ['conv'],
          convolutionParam: { numOutput: 32, kernelSize: [5], pad: [2], biasTerm: false },
        },
      ],
    });
    const analysis = analyzeText(text);
    const s = adviseLayer({ text, analysis }, 'conv')!.suggestions.find((x) => x.kind === 'factorize-1xn')!;
    const after = checkApplied({ text, analysis }, [s]);
    expect(after.graph.format).toBe('caffe-json');
    const written = applyRewrites({ text, analysis }, [{ layer: 'conv', kind: 'factorize-1xn' }]).text;
    expect(written).toContain('"kernelH": 1, "kernelW": 5');
    expect(written).toContain('"padH": 0, "padW": 2');
    expect(written).not.toMatch(/"[a-z]+_[a-z_]+":/);
  });

  it('one-line prototxt layers: the block is written in place, a comment only where a layer starts its line', () => {
    const text = [
      'name: "inline"',
      'input: "data"',
      'input_shape { dim: 1 dim: 8 dim: 16 dim: 16 }',
      'layer { name: "a" type: "Convolution" bottom: "data" top: "a" convolution_param { num_output: 8 kernel_size: 5 pad: 2 } } layer { name: "r" type: "ReLU" bottom: "a" top: "a" }',
      '',
    ].join('\n');
    const after = rewrite(text, 'a', 'stack-3x3');
    expect(after.layers.map((l) => l.name)).toEqual(['a_3x3_1', 'a_3x3_1_relu', 'a', 'r']);
  });
});
