import { describe, expect, it } from 'vitest';
import { readModel } from '../parse';
import { corpusAvailable, readCorpus } from '../testing/corpus';
import { analyzeText } from '../index';
import { fieldInputs } from './field-inputs';
import { commentShapes, inputNeeds, suggestShapes } from './input-suggestions';

const LENET = `name: "LeNet"
layer { name: "mnist" type: "Data" top: "data" top: "label"
  include { phase: TRAIN }
  transform_param { scale: 0.00390625 }
  data_param { source: "examples/mnist/mnist_train_lmdb" batch_size: 64 backend: LMDB } }
layer { name: "mnist" type: "Data" top: "data" top: "label"
  include { phase: TEST }
  transform_param { scale: 0.00390625 }
  data_param { source: "examples/mnist/mnist_test_lmdb" batch_size: 100 backend: LMDB } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 20 kernel_size: 5 } }
`;

const CIFAR = LENET.replace(/examples\/mnist\/mnist_(train|test)_lmdb/g, 'examples/cifar10/cifar10_$1_lmdb').replace(
  /"mnist"/g,
  '"cifar"',
);

describe('input shape suggestions', () => {
  it('guesses MNIST from the source path, with the batch_size of the phase read', () => {
    const { graph } = readModel(LENET);
    const needs = inputNeeds(graph, LENET);
    expect(needs).toEqual([
      {
        name: 'data',
        layer: 'mnist',
        kind: 'Data',
        suggestions: [
          {
            shape: [100, 1, 28, 28],
            reasons: ['MNIST (source "examples/mnist/mnist_test_lmdb")'],
            from: 'dataset',
          },
        ],
      },
    ]);
  });

  it('guesses CIFAR 3×32×32', () => {
    const { graph } = readModel(CIFAR);
    expect(inputNeeds(graph, CIFAR)[0]?.suggestions.map((s) => s.shape)).toEqual([[100, 3, 32, 32]]);
  });

  it('reads shapes left in comments, one dim per line or on one line', () => {
    const text = `name: "x"
# input: "data"
# input_dim: 10
# input_dim: 3
# input_dim: 227
# input_dim: 227
layer { name: "d" type: "Data" top: "data" } # input_shape { dim: 1 dim: 1 dim: 28 dim: 28 }
`;
    expect(commentShapes(text)).toEqual([
      { shape: [10, 3, 227, 227], line: 2 },
      { shape: [1, 1, 28, 28], line: 7 },
    ]);
    const { graph } = readModel(text);
    expect(suggestShapes(graph, text, 'data')).toEqual([
      { shape: [1, 3, 227, 227], reasons: ['a comment on line 2'], from: 'file' },
      { shape: [1, 1, 28, 28], reasons: ['a comment on line 7'], from: 'file' },
    ]);
  });

  it.skipIf(!corpusAvailable())(
    'nin_imagenet_trainval: the other phase’s crop_size and ImageNet from the source',
    () => {
      const real = readCorpus('caffe', 'nin_imagenet_trainval.prototxt');
      // As published, the TEST data layer has crop_size 224: the reader infers 89×3×224×224 itself.
      expect(inputNeeds(readModel(real).graph, real)).toEqual([]);
      // Without it (a common variant), the TRAIN layer's crop_size and the ImageNet source are offered.
      const second = real.indexOf('crop_size: 224', real.indexOf('imagenet-val-lmdb'));
      const text = real.slice(0, second) + real.slice(second + 'crop_size: 224'.length);
      const { graph } = readModel(text);
      expect(inputNeeds(graph, text)).toEqual([
        {
          name: 'data',
          layer: 'data',
          kind: 'Data',
          suggestions: [
            {
              shape: [89, 3, 224, 224],
              reasons: [
                'crop_size: 224 in layer "data" (TRAIN)',
                'ImageNet (source "/home/linmin/IMAGENET-LMDB/imagenet-val-lmdb")',
              ],
              from: 'file',
            },
            {
              shape: [89, 3, 227, 227],
              reasons: ['ImageNet (source "/home/linmin/IMAGENET-LMDB/imagenet-val-lmdb")'],
              from: 'dataset',
            },
          ],
        },
      ]);
    },
  );

  it('table fields: missing inputs, guessed ones named by a warning, and the ones the user set', () => {
    const guessed = analyzeText(`name: "n"
layer { name: "d" type: "Data" top: "data" transform_param { crop_size: 227 } data_param { batch_size: 64 } }
layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 } }
`);
    expect(guessed.graph.inputs[0]!.shape).toEqual([64, 3, 227, 227]);
    expect(inputNeeds(guessed.graph, '')).toEqual([]);
    expect(fieldInputs(guessed.graph, [], guessed.diagnostics, {})).toEqual([
      { name: 'data', layer: 'd', kind: 'Data', suggestions: [] },
    ]);
    const declared = analyzeText(`name: "n"
input: "x"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "ip" type: "InnerProduct" bottom: "x" top: "ip" inner_product_param { num_output: 10 } }
`);
    const none = fieldInputs(declared.graph, [], declared.diagnostics, {});
    expect(none).toEqual([]);
    expect(fieldInputs(declared.graph, none, declared.diagnostics, { x: [2, 3, 8, 8] })).toEqual([
      { name: 'x', kind: 'input', suggestions: [] },
    ]);
  });
});
