import { describe, expect, it } from 'vitest';
import { analyzeKerasText } from './test-model';

const mhaConfig = { name: 'mha', num_heads: 2, key_dim: 4, use_bias: true };

describe('Keras MultiHeadAttention', () => {
  it('tf.keras 2 self-attention: value passed as a kwarg tensor', () => {
    const text = JSON.stringify({
      class_name: 'Functional',
      config: {
        name: 'm',
        layers: [
          {
            name: 'x',
            class_name: 'InputLayer',
            config: { name: 'x', batch_input_shape: [null, 10, 8] },
            inbound_nodes: [],
          },
          {
            name: 'mha',
            class_name: 'MultiHeadAttention',
            config: mhaConfig,
            inbound_nodes: [[['x', 0, 0, { value: ['x', 0, 0] }]]],
          },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: [['mha', 0, 0]],
      },
    });
    const r = analyzeKerasText(text);
    const mha = r.layers.find((l) => l.name === 'mha')!;
    expect(mha.bottoms).toEqual(['x', 'x']);
    expect(mha.outputs[0]).toEqual([1, 10, 8]);
    // Keras: 4 EinsumDense layers of 8·8 + 8 = 72 weights each.
    expect(mha.params).toBe(288);
    // Projections 3·10·8·8 + 10·8·8, scores and context 2·10·10·(4 + 4).
    expect(mha.macs).toBe(2560 + 1600);
  });

  it('Keras 3 cross-attention with query and value of different lengths', () => {
    const t = (layer: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [layer, 0, 0] } });
    const text = JSON.stringify({
      class_name: 'Functional',
      config: {
        name: 'm',
        layers: [
          { name: 'q', class_name: 'InputLayer', config: { name: 'q', batch_shape: [null, 5, 8] }, inbound_nodes: [] },
          { name: 'v', class_name: 'InputLayer', config: { name: 'v', batch_shape: [null, 12, 6] }, inbound_nodes: [] },
          {
            name: 'mha',
            class_name: 'MultiHeadAttention',
            config: { ...mhaConfig, value_dim: 3 },
            inbound_nodes: [{ args: [t('q'), t('v')], kwargs: {} }],
          },
        ],
        input_layers: [
          ['q', 0, 0],
          ['v', 0, 0],
        ],
        output_layers: ['mha', 0, 0],
      },
    });
    const mha = analyzeKerasText(text).layers.find((l) => l.name === 'mha')!;
    expect(mha.outputs[0]).toEqual([1, 5, 8]);
    // q 8·8+8, k 6·8+8, v 6·6+6, out 6·8+8.
    expect(mha.params).toBe(72 + 56 + 42 + 56);
    expect(mha.macs).toBe(5 * 8 * 8 + 12 * 6 * 8 + 12 * 6 * 6 + 5 * 6 * 8 + 2 * 5 * 12 * (4 + 3));
  });
});
