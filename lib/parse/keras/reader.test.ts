import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis';
import { readModel } from '../index';
import { readKeras } from './index';

const conv = (name: string, filters: number, extra: Record<string, unknown> = {}) => ({
  class_name: 'Conv2D',
  config: { name, filters, kernel_size: [3, 3], padding: 'same', use_bias: false, ...extra },
});

/** Keras 2 Functional `{name, layers: [...], input_layers, output_layers}` with list-style inbound nodes. */
function functional2(layers: unknown[], inputs: string[], outputs: [string, number, number][], name = 'outer') {
  return {
    class_name: 'Model',
    config: { name, layers, input_layers: inputs.map((i) => [i, 0, 0]), output_layers: outputs },
  };
}

const input2 = (name: string, shape: (number | null)[]) => ({
  name,
  class_name: 'InputLayer',
  config: { batch_input_shape: shape, name },
  inbound_nodes: [],
});

describe('readKeras: model forms', () => {
  it('Sequential without InputLayer takes input_shape from the first layer (batch None → -1)', () => {
    const { graph, diagnostics } = readKeras(
      JSON.stringify({
        class_name: 'Sequential',
        config: {
          name: 'mlp',
          layers: [
            { class_name: 'Dense', config: { name: 'd1', units: 4, input_shape: [8] } },
            { class_name: 'Dense', config: { name: 'd2', units: 2 } },
          ],
        },
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(graph.name).toBe('mlp');
    expect(graph.inputs).toMatchObject([{ name: 'd1_input', shape: [-1, 8], source: 'keras' }]);
    expect(graph.nodes.map((n) => [n.name, n.bottoms, n.tops])).toEqual([
      ['d1', ['d1_input'], ['d1']],
      ['d2', ['d1'], ['d2']],
    ]);
  });

  it('Keras 3 Sequential without InputLayer takes the shape from build_config', () => {
    const text = JSON.stringify({
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: 'seq3',
        trainable: true,
        dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
        layers: [
          {
            module: 'keras.layers',
            class_name: 'Dense',
            config: { name: 'dense', units: 5, activation: 'relu' },
            registered_name: null,
            build_config: { input_shape: [null, 7] },
          },
        ],
      },
      registered_name: null,
      build_config: { input_shape: [null, 7] },
    });
    const { graph, diagnostics } = readKeras(text);
    expect(diagnostics).toEqual([]);
    expect(graph.inputs).toMatchObject([{ name: 'dense_input', shape: [-1, 7] }]);
    expect(analyze(graph).totals.params).toBe(40);
  });

  it('Keras 3 Functional: args/keras_history inbound nodes, batch_shape, single input/output refs', () => {
    const tensor = (layer: string) => ({
      class_name: '__keras_tensor__',
      config: { shape: [null, 8, 8, 4], dtype: 'float32', keras_history: [layer, 0, 0] },
    });
    const model = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: 'k3',
        trainable: true,
        layers: [
          {
            module: 'keras.layers',
            class_name: 'InputLayer',
            config: { batch_shape: [null, 8, 8, 4], dtype: 'float32', name: 'x' },
            registered_name: null,
            name: 'x',
            inbound_nodes: [],
          },
          {
            ...conv('a', 4),
            module: 'keras.layers',
            registered_name: null,
            build_config: { input_shape: [null, 8, 8, 4] },
            name: 'a',
            inbound_nodes: [{ args: [tensor('x')], kwargs: {} }],
          },
          { ...conv('b', 4), name: 'b', inbound_nodes: [{ args: [tensor('a')], kwargs: { training: false } }] },
          {
            class_name: 'Add',
            config: { name: 'sum' },
            name: 'sum',
            inbound_nodes: [{ args: [[tensor('b'), tensor('x')]], kwargs: {} }],
          },
        ],
        input_layers: ['x', 0, 0],
        output_layers: ['sum', 0, 0],
      },
    };
    const { graph, diagnostics } = readKeras(JSON.stringify(model));
    expect(diagnostics).toEqual([]);
    expect(graph.inputs).toMatchObject([{ name: 'x', shape: [-1, 8, 8, 4], node: 0 }]);
    expect(graph.nodes.find((n) => n.name === 'sum')!.bottoms).toEqual(['b', 'x']);
    expect(graph.outputs).toEqual(['sum']);
    const r = analyze(graph);
    expect(r.layers.find((l) => l.name === 'sum')!.outputs[0]).toEqual([1, 8, 8, 4]);
    expect(r.totals.params).toBe(2 * 9 * 4 * 4);
  });

  it('shared layers: each call is a node, later calls named layer:k with blobs layer:k:t', () => {
    const model = functional2(
      [
        input2('left', [null, 16]),
        input2('right', [null, 16]),
        {
          name: 'shared',
          class_name: 'Dense',
          config: { name: 'shared', units: 8 },
          inbound_nodes: [[['left', 0, 0, {}]], [['right', 0, 0, {}]]],
        },
        {
          name: 'cat',
          class_name: 'Concatenate',
          config: { name: 'cat', axis: -1 },
          inbound_nodes: [
            [
              ['shared', 0, 0, {}],
              ['shared', 1, 0, {}],
            ],
          ],
        },
      ],
      ['left', 'right'],
      [['cat', 0, 0]],
    );
    const { graph, diagnostics } = readKeras(JSON.stringify(model));
    expect(diagnostics).toEqual([]);
    expect(graph.nodes.map((n) => [n.name, n.bottoms, n.tops])).toEqual([
      ['left', [], ['left']],
      ['right', [], ['right']],
      ['shared', ['left'], ['shared']],
      ['shared:1', ['right'], ['shared:1:0']],
      ['cat', ['shared', 'shared:1:0'], ['cat']],
    ]);
    const r = analyze(graph);
    expect(r.layers.find((l) => l.name === 'cat')!.outputs[0]).toEqual([1, 16]);
    // Each call computes, but the weights live once (Keras count_params): the later call owns none.
    expect(r.totals.macs).toBe(2 * 16 * 8);
    expect(graph.nodes[3]!.attrs._shared_with).toBe('shared');
    expect(r.layers.find((l) => l.name === 'shared:1')!.params).toBe(0);
    expect(r.totals.params).toBe(16 * 8 + 8);
  });

  it('orders calls topologically even when the file does not', () => {
    const model = functional2(
      [
        {
          name: 'late',
          class_name: 'Dense',
          config: { name: 'late', units: 2 },
          inbound_nodes: [[['early', 0, 0, {}]]],
        },
        {
          name: 'early',
          class_name: 'Dense',
          config: { name: 'early', units: 3 },
          inbound_nodes: [[['in', 0, 0, {}]]],
        },
        input2('in', [null, 5]),
      ],
      ['in'],
      [['late', 0, 0]],
    );
    const { graph, diagnostics } = readKeras(JSON.stringify(model));
    expect(diagnostics).toEqual([]);
    expect(graph.nodes.map((n) => n.name)).toEqual(['in', 'early', 'late']);
  });

  it('nested Sequential and Functional models are flattened with prefixed names and scope', () => {
    const innerSeq = {
      class_name: 'Sequential',
      config: {
        name: 'block',
        layers: [
          conv('c1', 8, { batch_input_shape: [null, 16, 16, 3] }),
          { class_name: 'ReLU', config: { name: 'r1' } },
        ],
      },
    };
    const innerFun = functional2(
      [
        input2('t_in', [null, 16, 16, 8]),
        { name: 'c2', ...conv('c2', 8, { strides: 2 }), inbound_nodes: [[['t_in', 0, 0, {}]]] },
      ],
      ['t_in'],
      [['c2', 0, 0]],
      'tail',
    );
    const model = functional2(
      [
        input2('img', [4, 16, 16, 3]),
        { name: 'block', ...innerSeq, inbound_nodes: [[['img', 0, 0, {}]]] },
        { name: 'tail', ...innerFun, inbound_nodes: [[['block', 0, 0, {}]], [['block', 0, 0, {}]]] },
        {
          name: 'add',
          class_name: 'Add',
          config: { name: 'add' },
          inbound_nodes: [
            [
              ['tail', 0, 0, {}],
              ['tail', 1, 0, {}],
            ],
          ],
        },
      ],
      ['img'],
      [['add', 0, 0]],
    );
    const { graph, diagnostics } = readKeras(JSON.stringify(model));
    expect(diagnostics).toEqual([]);
    expect(graph.declaredBatch).toBe(4);
    expect(graph.nodes.map((n) => [n.name, n.bottoms, n.scope ?? []])).toEqual([
      ['img', [], []],
      ['block/c1', ['img'], ['block']],
      ['block/r1', ['block/c1'], ['block']],
      ['tail/c2', ['block/r1'], ['tail']],
      ['tail:1/c2', ['block/r1'], ['tail']],
      ['add', ['tail/c2', 'tail:1/c2'], []],
    ]);
    const r = analyze(graph, { batch: 'declared' });
    expect(r.layers.find((l) => l.name === 'add')!.outputs[0]).toEqual([4, 8, 8, 8]);
    // The nested model called twice shares its weights: tail:1/c2 reuses tail/c2's.
    expect(graph.nodes[4]!.attrs._shared_with).toBe('tail/c2');
    expect(r.totals.params).toBe(9 * 3 * 8 + 9 * 8 * 8);
    expect(r.totals.macs).toBe(4 * (16 * 16 * 8 * 27 + 2 * 8 * 8 * 8 * 72));
    expect(r.diagnostics).toEqual([]);
  });

  it('TF.js model.json with and without model_config; format detection', () => {
    const seq = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [{ class_name: 'Dense', config: { name: 'd', units: 3, batch_input_shape: [null, 5] } }],
      },
    };
    for (const text of [
      JSON.stringify({
        modelTopology: seq,
        weightsManifest: [{ paths: ['w.bin'], weights: [] }],
        format: 'layers-model',
      }),
      JSON.stringify({
        format: 'layers-model',
        modelTopology: { keras_version: '2.4.0', model_config: seq },
        weightsManifest: [],
      }),
    ]) {
      const res = readModel(text);
      expect(res.format).toBe('keras');
      expect(res.diagnostics).toEqual([]);
      expect(res.graph.nodes.map((n) => n.name)).toEqual(['d']);
      expect(analyze(res.graph).totals.params).toBe(18);
    }
  });

  it('channels_first layers keep their own layout', () => {
    const { graph } = readKeras(
      JSON.stringify({
        class_name: 'Sequential',
        config: {
          name: 'cf',
          layers: [
            { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 3, 32, 32] } },
            conv('c', 16, { data_format: 'channels_first', padding: 'valid' }),
            { class_name: 'MaxPooling2D', config: { name: 'p', data_format: 'channels_first' } },
            { class_name: 'BatchNormalization', config: { name: 'bn', axis: 1 } },
          ],
        },
      }),
    );
    const r = analyze(graph);
    expect(r.layers.map((l) => l.outputs[0])).toEqual([
      [1, 3, 32, 32],
      [1, 16, 30, 30],
      [1, 16, 15, 15],
      [1, 16, 15, 15],
    ]);
    expect(r.totals.buffers).toBe(32);
  });
});
