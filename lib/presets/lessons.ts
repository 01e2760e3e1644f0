/**
 * Worked examples the inspector's explanations link to (see lib/explain/learn.ts): each one makes
 * a fact of the seed notes visible, and its header names the layer to select, with the link that
 * opens it selected (`#/preset/ID/LAYER`). demos.test.ts checks every number quoted here.
 */
import { NetWriter } from './prototxt-writer';

/** The link that opens a preset with one layer selected (what the inspector's "worked example" points to). */
export function lessonLink(id: string, layer: string): string {
  return `#/preset/${id}/${layer}`;
}

/** The seed notes' corner case: on a 5×5 input without padding, two stacked 3×3 cost 90 MACs, one 5×5 costs 25. */
export function demoStackCorner(): string {
  const w = new NetWriter('demo-5x5-corner', [
    'When two 3x3 convs are NOT cheaper than one 5x5: a 5x5 input, no padding, one output pixel.',
    '  one 5x5:   25 MACs (one window)',
    '  two 3x3:   the first 3x3 must compute a 3x3 map (9 * 9 = 81), the second 9 more: 90 MACs.',
    'The 25 vs 18 rule holds when every layer keeps the map size (same padding); here it does not.',
    `Select layer conv_5x5: the advisor lists stack-3x3 only with "show costlier", marked as`,
    `costing more (81 + 9 = 90 against 25). Link: ${lessonLink('demo-5x5-corner', 'conv_5x5')}`,
  ]);
  const x = w.input('data', [1, 1, 5, 5]);
  w.comment('branch A: one 5x5 window over the whole input');
  w.conv('conv_5x5', x, { out: 1, k: 5, bias: false });
  w.comment('branch B: two 3x3, no padding: 5x5 -> 3x3 -> 1x1');
  const a = w.conv('conv_3x3_a', x, { out: 1, k: 3, bias: false });
  w.conv('conv_3x3_b', a, { out: 1, k: 3, bias: false });
  return w.text();
}

/** Inception-v3's factorisation of an n×n conv into 1×n then n×1, on its 17×17 grid. */
export function demoFactorise1xN(): string {
  const w = new NetWriter('demo-factorise-1xn', [
    'Factorising a 7x7 conv into 1x7 then 7x1 (Inception-v3, "Rethinking the Inception',
    'architecture"), 64 channels on a 17x17 grid, same padding:',
    '  7x7:        17*17 * 64*64 * 49     = 58,003,456 MACs',
    '  1x7 + 7x1:  2 * 17*17 * 64*64 * 7  = 16,572,416 MACs (3.5x less, same 7x7 receptive field)',
    `Select layer conv_7x7 and open its factorize-1xn rewrite. Link: ${lessonLink('demo-factorise-1xn', 'conv_7x7')}`,
  ]);
  const x = w.input('data', [1, 64, 17, 17]);
  w.comment('branch A: one 7x7');
  w.conv('conv_7x7', x, { out: 64, k: 7, pad: 3, bias: false });
  w.comment('branch B: 1x7 (pad 0,3) then 7x1 (pad 3,0)');
  w.layer({
    name: 'conv_1x7',
    type: 'Convolution',
    bottom: x,
    top: 'conv_1x7',
    convolution_param: { num_output: 64, bias_term: false, pad_h: 0, pad_w: 3, kernel_h: 1, kernel_w: 7 },
  });
  w.relu('relu_1x7', 'conv_1x7');
  w.layer({
    name: 'conv_7x1',
    type: 'Convolution',
    bottom: 'conv_1x7',
    top: 'conv_7x1',
    convolution_param: { num_output: 64, bias_term: false, pad_h: 3, pad_w: 0, kernel_h: 7, kernel_w: 1 },
  });
  return w.text();
}

/** How a convolution is computed: im2col + GEMM, Winograd and FFT on layers chosen to show each. */
export function demoConvAlgorithms(): string {
  const w = new NetWriter('demo-conv-algorithms', [
    'How a convolution is computed (seed notes §5); select each layer and read "How it is computed".',
    '  gemm_3x3: 128 -> 256 channels, 3x3, on 12x16: im2col + GEMM is one 256 x 1152 times',
    '    1152 x 192 product = 56,623,104 MACs (about 57 M); the im2col buffer holds 1152 * 192',
    '    values, 9x the input (k^2/stride^2 = 9).',
    `    Link: ${lessonLink('demo-conv-algorithms', 'gemm_3x3')}`,
    '  winograd_3x3: MACs = 56*56*64*64*3*3 = 115,605,504; Winograd F(2x2,3x3) does each 2x2 output',
    '    tile with 16 multiplications instead of 36 (2.25x), F(4x4,3x3) with 36 instead of 144 (4x).',
    `    Link: ${lessonLink('demo-conv-algorithms', 'winograd_3x3')}`,
    '  pointwise_1x1: a 1x1 conv is already a plain GEMM: no im2col copy, no Winograd, and an FFT',
    '    figure for it is meaningless (it transforms every plane to save nothing).',
    `    Link: ${lessonLink('demo-conv-algorithms', 'pointwise_1x1')}`,
    '  fft_13x13: a large 13x13 kernel on 64x64 maps, where FFT-based convolution wins.',
    `    Link: ${lessonLink('demo-conv-algorithms', 'fft_13x13')}`,
    '  classifier: a fully connected layer is one dot product per output over all K = 64*12*16',
    '    = 12,288 inputs: 12,288 * 10 = 122,880 MACs.',
    `    Link: ${lessonLink('demo-conv-algorithms', 'classifier')}`,
  ]);
  const x = w.input('data', [1, 128, 12, 16]);
  w.comment('im2col + GEMM: M = 256, K = 128*3*3 = 1152, N = 12*16 = 192');
  w.conv('gemm_3x3', x, { out: 256, k: 3, pad: 1, bias: false });
  w.comment('a 1x1 conv: the GEMM runs on the input itself');
  w.conv('pointwise_1x1', 'gemm_3x3', { out: 64, k: 1, bias: false });
  w.comment('a fully connected layer: K = 64*12*16 inputs per output');
  w.fc('classifier', 'pointwise_1x1', 10);
  const maps = w.input('maps', [1, 64, 56, 56]);
  w.comment('a VGG/ResNet-style 3x3 at 56x56: where Winograd pays');
  w.conv('winograd_3x3', maps, { out: 64, k: 3, pad: 1, bias: false });
  const image = w.input('image', [1, 16, 64, 64]);
  w.comment('a large kernel: where FFT pays');
  w.conv('fft_13x13', image, { out: 16, k: 13, pad: 6, bias: false });
  return w.text();
}
