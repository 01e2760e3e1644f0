import { describe, expect, it } from 'vitest';
import { analyzeKerasText, runLayers } from './test-model';

describe('Keras Conv2DTranspose', () => {
  it('valid: out = in·s + max(k − s, 0); MACs scatter a kernel per input element', () => {
    const { layer } = runLayers([7, 7, 64], [['Conv2DTranspose', { filters: 32, kernel_size: 3, strides: 2 }]]);
    expect(layer.outputs[0]).toEqual([1, 15, 15, 32]);
    expect(layer.params).toBe(9 * 32 * 64 + 32);
    expect(layer.macs).toBe(7 * 7 * 64 * 32 * 9);
    expect(layer.category).toBe('deconv');
  });

  it('same: out = in·s; output_padding follows (in − 1)·s + k − 2·pad + op', () => {
    expect(
      runLayers([7, 7, 8], [['Conv2DTranspose', { filters: 4, kernel_size: 4, strides: 2, padding: 'same' }]]).layer
        .outputs[0],
    ).toEqual([1, 14, 14, 4]);
    // seed-notes: o = (i − 1)·s + k − 2p → (7 − 1)·2 + 3 − 2·1 + 1 = 14.
    const op = runLayers(
      [7, 7, 8],
      [['Conv2DTranspose', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', output_padding: 1 }]],
    );
    expect(op.layer.outputs[0]).toEqual([1, 14, 14, 4]);
    const bad = runLayers(
      [7, 7, 8],
      [['Conv2DTranspose', { filters: 4, kernel_size: 3, strides: 2, output_padding: 2 }]],
    );
    expect(bad.result.diagnostics.map((d) => d.message)).toContain(
      'l1: output_padding 2 must be smaller than the stride 2 (axis 1)',
    );
  });
});

describe('Keras Dense and Embedding', () => {
  it('Dense applies to the last axis', () => {
    const flat = runLayers([18496], [['Dense', { units: 64 }]]).layer;
    expect(flat.outputs[0]).toEqual([1, 64]);
    expect(flat.params).toBe(18496 * 64 + 64);
    expect(flat.macs).toBe(1_183_744);
    const seq = runLayers([10, 7, 16], [['Dense', { units: 4, use_bias: false, activation: 'softmax' }]]).layer;
    expect(seq.outputs[0]).toEqual([1, 10, 7, 4]);
    expect(seq.params).toBe(64);
    expect(seq.macs).toBe(70 * 16 * 4);
    expect(seq.flops).toBe(2 * 70 * 64 + 3 * 280);
  });

  it('Embedding is a lookup with input_dim·output_dim params', () => {
    const { layer } = runLayers([20], [['Embedding', { input_dim: 1000, output_dim: 64 }]]);
    expect(layer.outputs[0]).toEqual([1, 20, 64]);
    expect(layer.params).toBe(64_000);
    expect(layer.macs).toBe(0);
  });
});

describe('Keras pooling', () => {
  it('strides default to pool_size and valid floors', () => {
    const { layer } = runLayers([75, 75, 8], [['MaxPooling2D', { pool_size: [2, 2] }]]);
    expect(layer.outputs[0]).toEqual([1, 37, 37, 8]);
    expect(layer.flops).toBe(37 * 37 * 8 * 3);
  });

  it('same pooling rounds up; average FLOPs are k adds + 1 divide', () => {
    const { layer } = runLayers([75, 75, 8], [['AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' }]]);
    expect(layer.outputs[0]).toEqual([1, 38, 38, 8]);
    expect(layer.flops).toBe(38 * 38 * 8 * 10);
  });

  it('global pooling drops or keeps the spatial axes', () => {
    expect(runLayers([7, 7, 1024], [['GlobalAveragePooling2D', {}]]).layer.outputs[0]).toEqual([1, 1024]);
    const keep = runLayers([7, 7, 1024], [['GlobalMaxPooling2D', { keepdims: true }]]).layer;
    expect(keep.outputs[0]).toEqual([1, 1, 1, 1024]);
    expect(keep.flops).toBe(1024 * 48);
    expect(
      runLayers([5, 32, 7, 7], [['GlobalAveragePooling3D', { data_format: 'channels_first' }]]).layer.outputs[0],
    ).toEqual([1, 5]);
    expect(runLayers([100, 16], [['MaxPooling1D', { pool_size: 4 }]]).layer.outputs[0]).toEqual([1, 25, 16]);
  });
});

describe('Keras normalisation and activations', () => {
  it('BatchNormalization: γ/β learned when scale/center, 2·C moving stats as buffers', () => {
    const { layer } = runLayers([14, 14, 256], [['BatchNormalization', { axis: -1, scale: false }]]);
    expect(layer.params).toBe(256);
    expect(layer.buffers).toBe(512);
    expect(layer.flops).toBe(2 * 14 * 14 * 256);
    const cf = runLayers([32, 14, 14], [['BatchNormalization', { axis: 1 }]]).layer;
    expect(cf.params).toBe(64);
    expect(cf.buffers).toBe(64);
  });

  it('LayerNormalization and PReLU', () => {
    expect(runLayers([10, 64], [['LayerNormalization', {}]]).layer.params).toBe(128);
    const p = runLayers([8, 8, 16], [['PReLU', { shared_axes: [1, 2] }]]).layer;
    expect(p.params).toBe(16);
    expect(p.flops).toBe(2 * 8 * 8 * 16);
    expect(runLayers([8, 8, 16], [['PReLU', {}]]).layer.params).toBe(1024);
  });

  it('Activation FLOPs follow the counting table and unknown names warn', () => {
    expect(runLayers([10], [['Activation', { activation: 'softmax' }]]).layer.flops).toBe(30);
    expect(runLayers([10], [['Activation', { activation: 'linear' }]]).layer.flops).toBe(0);
    expect(runLayers([10], [['Activation', { activation: 'relu6' }]]).layer.flops).toBe(10);
    const odd = runLayers([10], [['Activation', { activation: 'wobble' }]]);
    expect(odd.layer.flops).toBe(10);
    expect(odd.result.diagnostics.map((d) => d.message)).toContain(
      'l1: activation "wobble" is not a known Keras activation; counted as 1 FLOP per element',
    );
    expect(runLayers([4, 4, 3], [['Dropout', { rate: 0.5 }]]).layer.flops).toBe(0);
  });
});

describe('Keras shape layers', () => {
  it('ZeroPadding2D and Cropping2D accept every padding form', () => {
    expect(
      runLayers(
        [224, 224, 3],
        [
          [
            'ZeroPadding2D',
            {
              padding: [
                [0, 1],
                [0, 1],
              ],
            },
          ],
        ],
      ).layer.outputs[0],
    ).toEqual([1, 225, 225, 3]);
    expect(runLayers([10, 10, 3], [['ZeroPadding2D', { padding: [2, 3] }]]).layer.outputs[0]).toEqual([1, 14, 16, 3]);
    expect(runLayers([10, 3], [['ZeroPadding1D', { padding: [1, 4] }]]).layer.outputs[0]).toEqual([1, 15, 3]);
    expect(
      runLayers(
        [10, 10, 3],
        [
          [
            'Cropping2D',
            {
              cropping: [
                [1, 2],
                [3, 0],
              ],
            },
          ],
        ],
      ).layer.outputs[0],
    ).toEqual([1, 7, 7, 3]);
    const bad = runLayers([4, 4, 3], [['Cropping2D', { cropping: 2 }]]);
    expect(bad.result.diagnostics.map((d) => d.message)).toContain(
      'l1: cropping 2+2 removes all of spatial axis 1 (size 4)',
    );
  });

  it('Reshape infers -1 and reports impossible targets', () => {
    expect(runLayers([7, 7, 8], [['Reshape', { target_shape: [-1, 8] }]]).layer.outputs[0]).toEqual([1, 49, 8]);
    const bad = runLayers([7, 7, 8], [['Reshape', { target_shape: [5, -1] }]]);
    expect(bad.layer.status).toBe('broken');
    expect(bad.result.diagnostics.map((d) => d.message)).toContain(
      'l1: cannot infer the -1 in target_shape [5, -1]: 392 values per sample are not divisible by 5',
    );
  });

  it('Flatten, Permute, RepeatVector, UpSampling', () => {
    expect(runLayers([17, 17, 64], [['Flatten', {}]]).layer.outputs[0]).toEqual([1, 18496]);
    expect(runLayers([10, 20, 3], [['Permute', { dims: [3, 1, 2] }]]).layer.outputs[0]).toEqual([1, 3, 10, 20]);
    expect(runLayers([16], [['RepeatVector', { n: 5 }]]).layer.outputs[0]).toEqual([1, 5, 16]);
    const up = runLayers([8, 8, 4], [['UpSampling2D', { size: [2, 3], interpolation: 'bilinear' }]]).layer;
    expect(up.outputs[0]).toEqual([1, 16, 24, 4]);
    expect(up.flops).toBe(4 * 16 * 24 * 4);
    expect(runLayers([8, 8, 4], [['UpSampling2D', {}]]).layer.flops).toBe(0);
    const bad = runLayers([10, 20, 3], [['Permute', { dims: [1, 1, 2] }]]);
    expect(bad.result.diagnostics.map((d) => d.message)).toContain(
      'l1: dims [1, 1, 2] must be a permutation of 1…3 for input 1×10×20×3',
    );
  });
});

describe('Keras recurrent layers and wrappers', () => {
  it('LSTM counts 4 gates of input and recurrent matmuls', () => {
    const { layer } = runLayers([30, 16], [['LSTM', { units: 32, return_sequences: true }]]);
    expect(layer.outputs[0]).toEqual([1, 30, 32]);
    expect(layer.params).toBe(4 * (16 * 32 + 32 * 32 + 32));
    expect(layer.macs).toBe(30 * 4 * (16 + 32) * 32);
  });

  it('GRU reset_after adds a second bias; SimpleRNN returns the last step', () => {
    expect(runLayers([30, 16], [['GRU', { units: 8, reset_after: true }]]).layer.params).toBe(
      3 * (16 * 8 + 64) + 2 * 24,
    );
    expect(runLayers([30, 16], [['GRU', { units: 8, reset_after: false }]]).layer.params).toBe(3 * (16 * 8 + 64) + 24);
    const rnn = runLayers([30, 16], [['SimpleRNN', { units: 8 }]]).layer;
    expect(rnn.outputs[0]).toEqual([1, 8]);
    expect(rnn.macs).toBe(30 * 24 * 8);
  });

  it('Bidirectional doubles the wrapped RNN; TimeDistributed runs the layer per step', () => {
    const bi = runLayers(
      [30, 16],
      [
        [
          'Bidirectional',
          { merge_mode: 'concat', layer: { class_name: 'LSTM', config: { units: 32, return_sequences: true } } },
        ],
      ],
    ).layer;
    expect(bi.outputs[0]).toEqual([1, 30, 64]);
    expect(bi.params).toBe(2 * 4 * (16 * 32 + 32 * 32 + 32));
    const td = runLayers(
      [5, 28, 28, 1],
      [['TimeDistributed', { layer: { class_name: 'Conv2D', config: { filters: 8, kernel_size: 3 } } }]],
    ).layer;
    expect(td.outputs[0]).toEqual([1, 5, 26, 26, 8]);
    expect(td.params).toBe(80);
    expect(td.macs).toBe(5 * 26 * 26 * 8 * 9);
  });
});

describe('Keras merge layers', () => {
  const functional = (cls: string, shapes: number[][], config: Record<string, unknown> = {}) =>
    JSON.stringify({
      class_name: 'Functional',
      config: {
        name: 'm',
        layers: [
          ...shapes.map((s, i) => ({
            class_name: 'InputLayer',
            name: `in${i}`,
            config: { name: `in${i}`, batch_shape: [null, ...s] },
            inbound_nodes: [],
          })),
          {
            class_name: cls,
            name: 'merge',
            config: { name: 'merge', ...config },
            inbound_nodes: [shapes.map((_, i) => [`in${i}`, 0, 0, {}])],
          },
        ],
        input_layers: shapes.map((_, i) => [`in${i}`, 0, 0]),
        output_layers: [['merge', 0, 0]],
      },
    });

  it('Add of three inputs costs 2 FLOPs per element and broadcasts size-1 axes', () => {
    const r = analyzeKerasText(
      functional('Add', [
        [4, 4, 8],
        [4, 4, 8],
        [1, 1, 8],
      ]),
    );
    const m = r.layers.find((l) => l.name === 'merge')!;
    expect(m.outputs[0]).toEqual([1, 4, 4, 8]);
    expect(m.flops).toBe(2 * 128);
  });

  it('mismatched shapes are an error on the layer', () => {
    const r = analyzeKerasText(
      functional('Add', [
        [4, 4, 8],
        [2, 2, 8],
      ]),
    );
    expect(r.layers.find((l) => l.name === 'merge')!.status).toBe('broken');
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'merge: input 2 shape 1×2×2×8 does not match 1×4×4×8 (axis 1: 2 vs 4)',
    );
  });

  it('Concatenate sums the axis and checks the others', () => {
    const r = analyzeKerasText(
      functional(
        'Concatenate',
        [
          [4, 4, 8],
          [4, 4, 24],
        ],
        { axis: -1 },
      ),
    );
    expect(r.layers.find((l) => l.name === 'merge')!.outputs[0]).toEqual([1, 4, 4, 32]);
    const bad = analyzeKerasText(
      functional('Concatenate', [
        [4, 4, 8],
        [4, 5, 8],
      ]),
    );
    expect(bad.diagnostics.map((d) => d.message)).toContain(
      'merge: input 2 shape 1×4×5×8 does not match input 1 1×4×4×8 outside the concat axis 3 (axis 2: 5 vs 4)',
    );
  });
});
