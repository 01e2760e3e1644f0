/**
 * Small models that each make one convolution fact from the seed notes visible. The
 * comments in the generated text say what to look at; the numbers quoted there are
 * checked by demos.test.ts against the analysis.
 */
import { lessonLink } from './lessons';
import { NetWriter } from './prototxt-writer';

/** Standard 5×5 conv vs depthwise separable on the 12×12×3 → 8×8×256 lecture example. */
export function demoDepthwiseSeparable(): string {
  const w = new NetWriter('demo-depthwise-separable', [
    'Depthwise separable convolution vs a standard one, on input 12x12x3 with a 5x5 kernel,',
    'no padding, output 8x8x256 (both branches read the same input).',
    '  standard:  5*5*3 * 8*8 * 256                      = 1,228,800 MACs',
    '  depthwise: 5*5 * 8*8 * 3 (one filter per channel) =     4,800 MACs',
    '  pointwise: 3 * 8*8 * 256 (a 1x1 conv)             =    49,152 MACs',
    '  separable: 4,800 + 49,152                         =    53,952 MACs (about 23x less)',
    'Biases are switched off so the parameter counts are pure weights.',
    'The lecture slide this example comes from prints 52,952: a typo, since 4,800 + 49,152 = 53,952.',
    `Select layer standard_5x5: the advisor's depthwise-separable rewrite of it gives these numbers.`,
    `Link: ${lessonLink('demo-depthwise-separable', 'standard_5x5')}`,
  ]);
  const x = w.input('data', [1, 3, 12, 12]);
  w.comment('standard 5x5 convolution: every filter sees all 3 input channels');
  w.conv('standard_5x5', x, { out: 256, k: 5, bias: false });
  w.comment('depthwise: group = channels, so each 5x5 filter sees one channel only');
  const dw = w.conv('depthwise_5x5', x, { out: 3, k: 5, group: 3, bias: false });
  w.comment('pointwise: a 1x1 conv mixes the channels and sets the output depth');
  w.conv('pointwise_1x1', dw, { out: 256, k: 1, bias: false });
  return w.text();
}

/** The Inception 1×1 bottleneck: 28×28×192 → 32 channels with a 5×5, directly or via 16 channels. */
export function demoBottleneck(): string {
  const w = new NetWriter('demo-1x1-bottleneck', [
    '1x1 bottleneck (GoogLeNet/ResNet), input 28x28x192, 5x5 conv to 32 channels, same padding.',
    '  direct:     5*5*192*32 = 153,600 weights; 28*28*32 * 5*5*192 = 120,422,400 MACs',
    '  bottleneck: 1x1 to 16 channels first: 192*16 + 5*5*16*32 = 15,872 weights;',
    '              2,408,448 + 10,035,200 = 12,443,648 MACs: about 10x less.',
    'A 1x1 conv changes the depth, not the spatial locality. Biases off, as in the notes.',
    `Select layer direct_5x5: its bottleneck rewrite with width 16 gives these numbers.`,
    `Link: ${lessonLink('demo-bottleneck', 'direct_5x5')}`,
  ]);
  const x = w.input('data', [1, 192, 28, 28]);
  w.comment('direct 5x5 on all 192 channels');
  w.conv('direct_5x5', x, { out: 32, k: 5, pad: 2, bias: false });
  w.comment('reduce to 16 channels with a 1x1, then the 5x5');
  const r = w.relu('reduce_relu', w.conv('reduce_1x1', x, { out: 16, k: 1, bias: false }));
  w.conv('bottleneck_5x5', r, { out: 32, k: 5, pad: 2, bias: false });
  return w.text();
}

/** One 5×5 vs two stacked 3×3 on a 1-channel 32×32 map: same 5×5 receptive field, 25 vs 18 MACs per pixel. */
export function demoFactorised(): string {
  const w = new NetWriter('demo-5x5-vs-two-3x3', [
    'One 5x5 conv vs two stacked 3x3 convs (VGG, Inception-v3 factorisation), 1 channel,',
    'N = 32, stride 1, same padding. Both see a 5x5 receptive field:',
    '  5x5:      25 * N^2 = 25,600 MACs',
    '  2 x 3x3:  18 * N^2 = 18,432 MACs (9 * 1,024 per layer), and a ReLU in between for free.',
    `Select layer conv_5x5: its stack-3x3 rewrite is branch B. Link: ${lessonLink('demo-5x5-vs-3x3', 'conv_5x5')}`,
    `When it does not pay: ${lessonLink('demo-5x5-corner', 'conv_5x5')}`,
  ]);
  const x = w.input('data', [1, 1, 32, 32]);
  w.comment('branch A: a single 5x5');
  w.conv('conv_5x5', x, { out: 1, k: 5, pad: 2, bias: false });
  w.comment('branch B: two 3x3 with a non-linearity between them');
  const a = w.relu('relu_3x3_a', w.conv('conv_3x3_a', x, { out: 1, k: 3, pad: 1, bias: false }));
  w.conv('conv_3x3_b', a, { out: 1, k: 3, pad: 1, bias: false });
  return w.text();
}

/** Stacked dilated 3×3 convs: the receptive field grows exponentially, params and MACs do not. */
export function demoDilated(): string {
  const w = new NetWriter('demo-dilated', [
    'Dilated (atrous) convolution: a 3x3 kernel with dilation d covers d*(k-1)+1 pixels.',
    'Three 3x3 convs with dilation 1, 2, 4 (pad = dilation keeps 64x64) reach a 15x15',
    'receptive field; undilated they would reach 7x7. Each layer has the same 36,928 params',
    'and 150,994,944 MACs regardless of dilation.',
    `Select layer conv_d4 for its receptive-field picture: ${lessonLink('demo-dilated', 'conv_d4')}`,
  ]);
  let x = w.input('data', [1, 64, 64, 64]);
  for (const d of [1, 2, 4]) {
    w.comment(`dilation ${d}: effective kernel ${2 * d + 1}x${2 * d + 1}`);
    x = w.relu(`relu_d${d}`, w.conv(`conv_d${d}`, x, { out: 64, k: 3, pad: d, dilation: d }));
  }
  return w.text();
}

/** A grouped 1×1 conv with a channel shuffle next to its ungrouped equivalent. */
export function demoGroupedShuffle(): string {
  const w = new NetWriter('demo-grouped-shuffle', [
    'Grouped convolution and channel shuffle (ShuffleNet). A 1x1 conv 240 -> 60 on 28x28:',
    '  ungrouped:  240*60 * 28*28   = 11,289,600 MACs, 14,400 weights',
    '  group = 3:  divided by 3     =  3,763,200 MACs,  4,800 weights',
    'Stacked grouped convs would only ever mix channels inside their group; ShuffleChannel',
    '(reshape 3x20 -> transpose -> flatten) interleaves the groups at zero multiply cost.',
    `Select layer pw_ungrouped: its group-shuffle rewrite (groups 3) is gconv1 + shuffle.`,
    `Link: ${lessonLink('demo-grouped-shuffle', 'pw_ungrouped')}`,
  ]);
  const x = w.input('data', [1, 240, 28, 28]);
  w.comment('reference: the same 1x1 without groups');
  w.conv('pw_ungrouped', x, { out: 60, k: 1, bias: false });
  w.comment('grouped 1x1: each of the 3 groups maps 80 -> 20 channels');
  const g1 = w.relu('gconv1_relu', w.conv('gconv1', x, { out: 60, k: 1, group: 3, bias: false }));
  w.layer({ name: 'shuffle', type: 'ShuffleChannel', bottom: g1, top: 'shuffle', shuffle_channel_param: { group: 3 } });
  w.comment('depthwise 3x3, then the grouped 1x1 back to 240 channels');
  const dw = w.conv('dwconv', 'shuffle', { out: 60, k: 3, pad: 1, group: 60, bias: false });
  w.conv('gconv2', dw, { out: 240, k: 1, group: 3, bias: false });
  return w.text();
}

/** A C3D-style 3-D convolution: kernel, stride and pad gain a time axis. */
export function demoConv3d(): string {
  const w = new NetWriter('demo-3d-conv', [
    '3-D convolution (C3D): the input is N x C x T x H x W (16 frames of 112x112 RGB) and',
    'kernel_size / stride / pad are given once per axis (time, height, width).',
    '  conv1 3x3x3, 64 filters, pad 1:  27*3 * 64 * 16*112*112 = 1,040,449,536 MACs',
    '  conv2 3x3x3 stride (1,2,2):      halves H and W, keeps T.',
    `Select layer conv1 for the 3-D cost formula: ${lessonLink('demo-3d-conv', 'conv1')}`,
  ]);
  const x = w.input('data', [1, 3, 16, 112, 112]);
  w.comment('3x3x3 kernel, written as one kernel_size per axis');
  w.layer({
    name: 'conv1',
    type: 'Convolution',
    bottom: x,
    top: 'conv1',
    convolution_param: { num_output: 64, pad: [1, 1, 1], kernel_size: [3, 3, 3], bias_term: false },
  });
  w.relu('relu1', 'conv1');
  w.comment('spatial stride 2, temporal stride 1');
  w.layer({
    name: 'conv2',
    type: 'Convolution',
    bottom: 'conv1',
    top: 'conv2',
    convolution_param: { num_output: 128, pad: [1, 1, 1], kernel_size: [3, 3, 3], stride: [1, 2, 2], bias_term: false },
  });
  return w.text();
}

/** Transposed convolution (Caffe Deconvolution) growing a map 16×16 → 32×32, FCN-style. */
export function demoTransposed(): string {
  const w = new NetWriter('demo-transposed-conv', [
    'Transposed convolution ("Deconvolution" in Caffe): o = (i - 1)*s + k - 2p.',
    'It is the gradient of a convolution, used to grow feature maps (decoders, FCN, GANs),',
    'not an inverse of one. Kernel 4, stride 2, pad 1 doubles 16x16 to 32x32:',
    '  MACs = C_in * 16*16 * C_out * 4*4: every input pixel scatters a 4x4 kernel.',
    '  up_learned: 64 * 256 * 32 * 16 = 8,388,608 MACs, 32,768 weights + 32 biases.',
    '  up_bilinear (group = channels, fixed bilinear weights in FCN): 21 * 256 * 16 = 86,016 MACs.',
    `Select layer up_learned for the transposed-conv formula: ${lessonLink('demo-transposed', 'up_learned')}`,
  ]);
  const x = w.input('data', [1, 64, 16, 16]);
  w.comment('learned upsampling 64 -> 32 channels');
  w.conv('up_learned', x, { out: 32, k: 4, stride: 2, pad: 1, type: 'Deconvolution' });
  w.comment('FCN-style per-class bilinear upsampling: one 4x4 filter per channel');
  const score = w.conv('score', x, { out: 21, k: 1 });
  w.conv('up_bilinear', score, { out: 21, k: 4, stride: 2, pad: 1, group: 21, bias: false, type: 'Deconvolution' });
  return w.text();
}
