import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { isShowable, markAnalysis, unknownLayersText } from './partial';

// The case: a train file whose only Data layer is TRAIN-only, read in the default TEST phase.
const TRAIN_ONLY = `name: "TrainOnly"
layer { name: "data" type: "Data" top: "data" top: "label"
  include { phase: TRAIN }
  transform_param { crop_size: 227 }
  data_param { source: "examples/imagenet/ilsvrc12_train_lmdb" batch_size: 256 backend: LMDB } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 96 kernel_size: 11 stride: 4 } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "fc" type: "InnerProduct" bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "loss" type: "SoftmaxWithLoss" bottom: "fc" bottom: "label" top: "loss" }
`;

const GOOD = `name: "ok"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "fc" type: "InnerProduct" bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
`;

describe('honest partial results', () => {
  it('shows a model with semantic errors as the new model, marking broken and dependent layers', () => {
    const a = analyzeText(TRAIN_ONLY);
    expect(isShowable(a)).toBe(true);
    const m = markAnalysis(a);
    expect(m.analysis.layers.map((l) => [l.name, l.status])).toEqual([
      ['conv1', 'broken'],
      ['relu1', 'unknown'],
      ['fc', 'unknown'],
      ['loss', 'broken'],
    ]);
    expect([m.broken, m.unknown]).toEqual([2, 4]);
    expect(m.analysis.totals.macs).toBe(0);
    expect(m.analysis.totals.activationBytes).toBe(0);
    expect(unknownLayersText(m.unknown)).toBe('4 layers unknown');
  });

  it('sums totals over the known layers only and leaves a clean analysis untouched', () => {
    const clean = analyzeText(GOOD);
    expect(markAnalysis(clean).analysis).toBe(clean);
    // A dangling layer at the end: conv1 and fc stay exact, the totals are theirs alone.
    const broken = analyzeText(`${GOOD}layer { name: "x" type: "Convolution" bottom: "nowhere" top: "x"
  convolution_param { num_output: 4 kernel_size: 1 } }
`);
    const m = markAnalysis(broken);
    expect(m.analysis.layers.find((l) => l.name === 'x')?.status).toBe('broken');
    // conv1: 4·3·3·3 × 6·6 = 3,888 MACs; fc: 4·6·6 × 10 = 1,440.
    expect(m.analysis.totals.macs).toBe(3888 + 1440);
    expect(m.analysis.totals.params).toBe(4 * 27 + 4 + 144 * 10 + 10);
    expect([m.broken, m.unknown]).toEqual([1, 1]);
  });

  it('keeps the previous model only for text that cannot be read at all', () => {
    expect(isShowable(analyzeText(`${GOOD}layer { name: "x" type: `))).toBe(false);
    expect(isShowable(analyzeText(''))).toBe(false);
    expect(isShowable(analyzeText('{"class_name": "Sequential", "config": {'))).toBe(false);
    expect(unknownLayersText(1)).toBe('1 layer unknown');
  });
});
