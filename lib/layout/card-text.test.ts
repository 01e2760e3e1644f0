import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { cardTooltip } from './card-text';
import { buildViewGraph } from './view-graph';

// conv1 (8×3×3×3 + 8 bias = 224 params, 8·27·32·32 = 221,184 MACs) carries BatchNorm (buffers
// only), Scale (8 + 8 = 16 params) and ReLU as badges.
const NET = `
name: "t"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "bn1" type: "BatchNorm" bottom: "conv1" top: "conv1" }
layer { name: "scale1" type: "Scale" bottom: "conv1" top: "conv1" scale_param { bias_term: true } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
`;

describe('cardTooltip', () => {
  const a = analyzeText(NET);
  const view = buildViewGraph(a);
  const node = (name: string) => view.nodes.find((n) => n.name === name)!;

  it("splits a card's sum into its own layer and its in-place badges, so it agrees with the table", () => {
    const row = (name: string) => a.layers.find((l) => l.name === name)!;
    expect(row('conv1').params).toBe(224);
    expect(row('scale1').params).toBe(16);
    expect(node('conv1').costs.params).toBe(240);
    const lines = cardTooltip(node('conv1')).split('\n');
    expect(lines[0]).toBe('conv1 (Convolution)');
    expect(lines[2]).toMatch(/params 240$/);
    expect(lines[3]).toMatch(/^ {2}conv1 alone: MACs 221k .* params 224$/);
    expect(lines[4]).toMatch(/^ {2}in-place layers below: .* params 16$/);
    expect(lines.filter((l) => l.startsWith('+ '))).toEqual([
      expect.stringMatching(/^\+ bn1 \(BatchNorm\) .* params 0$/),
      expect.stringMatching(/^\+ scale1 \(Scale\) .* params 16$/),
      expect.stringMatching(/^\+ relu1 \(ReLU\) .* params 0$/),
    ]);
  });

  it('adds no split when the card has no badges', () => {
    const text = cardTooltip(node('pool1'));
    expect(text).not.toMatch(/alone|in-place/);
    expect(text.split('\n')[1]).toBe('output 1×8×16×16');
  });
});
