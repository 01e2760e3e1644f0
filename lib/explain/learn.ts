import { lessonLink } from '../presets/lessons';
import type { RewriteKind } from '../advisor/types';
import type { LearnLink } from './types';

/**
 * Where each explanation comes from: a worked example among the presets (written from the seed
 * notes), opened with the layer that shows it selected. Each of these presets names the layer and
 * carries the same link in its header comment (learn.test.ts checks both ways).
 */
const TOPICS = {
  'conv-cost': ['demo-conv-algorithms', 'winograd_3x3', 'The cost formula, worked: 56·56·64·64·3·3 = 115,605,504 MACs'],
  im2col: ['demo-conv-algorithms', 'gemm_3x3', 'im2col + GEMM as one 256 × 1152 × 192 product'],
  winograd: ['demo-conv-algorithms', 'winograd_3x3', 'Winograd: 16 instead of 36 multiplications per tile'],
  'no-fft-1x1': [
    'demo-conv-algorithms',
    'pointwise_1x1',
    'Why a 1×1 conv is a plain GEMM (and its FFT figure is meaningless)',
  ],
  fft: ['demo-conv-algorithms', 'fft_13x13', 'Where the FFT wins: a 13×13 kernel'],
  fc: ['demo-conv-algorithms', 'classifier', 'A fully connected layer: one dot product per output'],
  rf: ['demo-dilated', 'conv_d4', 'Receptive field growth: 3 → 7 → 15 with dilation'],
  depthwise: ['demo-depthwise-separable', 'standard_5x5', 'Depthwise + pointwise: 4,800 + 49,152 = 53,952 MACs'],
  grouped: ['demo-grouped-shuffle', 'pw_ungrouped', 'Groups divide the cost; a shuffle mixes them for free'],
  deconv: ['demo-transposed', 'up_learned', 'Transposed convolution: every input pixel scatters a kernel'],
  conv3d: ['demo-3d-conv', 'conv1', '3-D convolution: the kernel gains a time axis'],
  'stack-3x3': ['demo-5x5-vs-3x3', 'conv_5x5', 'One 5×5 vs two 3×3: 25 vs 18 per output'],
  'stack-corner': ['demo-5x5-corner', 'conv_5x5', 'When two 3×3 cost more: 81 + 9 = 90 vs 25'],
  'factorize-1xn': ['demo-factorise-1xn', 'conv_7x7', '7×7 vs 1×7 + 7×1 (Inception-v3)'],
  bottleneck: ['demo-bottleneck', 'direct_5x5', '1×1 bottleneck: 153,600 → 15,872 weights'],
  'depthwise-separable': ['demo-depthwise-separable', 'standard_5x5', 'Depthwise separable: 1,228,800 → 53,952 MACs'],
  'group-shuffle': ['demo-grouped-shuffle', 'pw_ungrouped', 'Grouped 1×1 + channel shuffle (ShuffleNet)'],
  dilate: ['demo-dilated', 'conv_d4', 'Dilation: a wider field for the same weights'],
} as const satisfies Record<string, readonly [string, string, string]>;

/** A topic of the explanations or of the advisor. */
export type LearnTopic = keyof typeof TOPICS;

/** The worked example for a topic. */
export function learnLink(topic: LearnTopic): LearnLink {
  const [presetId, layer, title] = TOPICS[topic];
  return { topic, presetId, layer, title, href: lessonLink(presetId, layer) };
}

/** Every topic's link, for tests and docs. */
export function allLearnLinks(): LearnLink[] {
  return (Object.keys(TOPICS) as LearnTopic[]).map(learnLink);
}

/** The worked example behind a rewrite kind. */
export function rewriteLearnLink(kind: RewriteKind): LearnLink {
  return learnLink(kind);
}
