import type { OpDefinition } from './types';
import { channelsOf, elementwiseOp } from './op-helpers';

// Neuron layers (caffe/src/caffe/layers/*_layer.cpp derive from NeuronLayer): the top has
// the bottom's shape, usually in place. FLOPs per element follow counting.md's table.

export const reluOp = elementwiseOp({
  type: 'ReLU',
  doc: 'Rectified linear unit; leaky when negative_slope ≠ 0.',
  formula: 'y = max(0, x) + negative_slope·min(0, x); FLOPs = 1 per element',
  paramBlock: 'relu_param',
  flopsPerElement: 1,
});

export const relu6Op = elementwiseOp({
  type: 'ReLU6',
  doc: 'ReLU clipped at 6 (MobileNet forks).',
  formula: 'y = min(max(0, x), 6); FLOPs = 1 per element',
  paramBlock: 'relu6_param',
  flopsPerElement: 1,
});

export const preluOp = elementwiseOp({
  type: 'PReLU',
  doc: 'ReLU with a learned negative slope per channel (or one shared).',
  formula: 'y = max(0, x) + a_c·min(0, x); params = C (1 if channel_shared); FLOPs = 2 per element',
  paramBlock: 'prelu_param',
  flopsPerElement: 2,
  // prelu_layer.cpp: CHECK_GE(bottom[0]->num_axes(), 2) and the slope blob has channels() values.
  check(ctx, input) {
    if (input.length < 2) {
      ctx.error(`PReLU needs an input with at least 2 axes, got ${input.length}`);
      return false;
    }
    return true;
  },
  params: (ctx, input) => (ctx.attrs.msg('prelu_param').bool('channel_shared', false) ? 1 : channelsOf(input)),
});

export const eluOp = elementwiseOp({
  type: 'ELU',
  doc: 'Exponential linear unit.',
  formula: 'y = x if x > 0 else alpha·(exp(x) − 1); FLOPs = 1 per element',
  paramBlock: 'elu_param',
  flopsPerElement: 1,
});

export const sigmoidOp = elementwiseOp({
  type: 'Sigmoid',
  doc: 'Logistic sigmoid.',
  formula: 'y = 1 / (1 + exp(−x)); FLOPs = 1 per element',
  paramBlock: 'sigmoid_param',
  flopsPerElement: 1,
});

export const tanhOp = elementwiseOp({
  type: 'TanH',
  doc: 'Hyperbolic tangent.',
  formula: 'y = tanh(x); FLOPs = 1 per element',
  paramBlock: 'tanh_param',
  flopsPerElement: 1,
});

export const swishOp = elementwiseOp({
  type: 'Swish',
  doc: 'Swish / SiLU activation.',
  formula: 'y = x·sigmoid(beta·x); FLOPs = 1 per element',
  paramBlock: 'swish_param',
  flopsPerElement: 1,
});

export const absValOp = elementwiseOp({
  type: 'AbsVal',
  doc: 'Absolute value.',
  formula: 'y = |x|; FLOPs = 1 per element',
  flopsPerElement: 1,
});

export const powerOp = elementwiseOp({
  type: 'Power',
  doc: 'Power of an affine map of the input.',
  formula: 'y = (shift + scale·x)^power; FLOPs = 1 per element',
  paramBlock: 'power_param',
  flopsPerElement: 1,
});

export const expOp = elementwiseOp({
  type: 'Exp',
  doc: 'Exponential with configurable base.',
  formula: 'y = base^(shift + scale·x); FLOPs = 1 per element',
  paramBlock: 'exp_param',
  flopsPerElement: 1,
});

export const logOp = elementwiseOp({
  type: 'Log',
  doc: 'Logarithm with configurable base.',
  formula: 'y = log_base(shift + scale·x); FLOPs = 1 per element',
  paramBlock: 'log_param',
  flopsPerElement: 1,
});

export const bnllOp = elementwiseOp({
  type: 'BNLL',
  doc: 'Binomial normal log likelihood (softplus).',
  formula: 'y = log(1 + exp(x)); FLOPs = 1 per element',
  flopsPerElement: 1,
});

export const thresholdOp = elementwiseOp({
  type: 'Threshold',
  doc: 'Binary step at a threshold.',
  formula: 'y = x > threshold ? 1 : 0; FLOPs = 1 per element',
  paramBlock: 'threshold_param',
  flopsPerElement: 1,
});

export const clipOp = elementwiseOp({
  type: 'Clip',
  doc: 'Clamps the input to [min, max].',
  formula: 'y = min(max(x, min), max); FLOPs = 1 per element',
  paramBlock: 'clip_param',
  flopsPerElement: 1,
});

export const dropoutOp = elementwiseOp({
  type: 'Dropout',
  doc: 'Dropout: identity at inference (Caffe scales during training).',
  formula: 'y = x at inference; FLOPs = 0',
  paramBlock: 'dropout_param',
  flopsPerElement: 0,
});

// Fork activations that show up in converted Caffe models (YOLOv4 darknet2caffe Mish,
// MobileNetV3 conversions' HSwish/HSigmoid): same shape, one op per element by the same rule.
export const mishOp = elementwiseOp({
  type: 'Mish',
  doc: 'Mish activation (darknet2caffe fork).',
  formula: 'y = x·tanh(softplus(x)); FLOPs = 1 per element',
  flopsPerElement: 1,
});

export const hswishOp = elementwiseOp({
  type: 'HSwish',
  aliases: ['HardSwish'],
  doc: 'Hard swish (MobileNetV3 forks).',
  formula: 'y = x·relu6(x + 3)/6; FLOPs = 1 per element',
  flopsPerElement: 1,
});

export const hsigmoidOp = elementwiseOp({
  type: 'HSigmoid',
  aliases: ['HardSigmoid'],
  doc: 'Hard sigmoid (MobileNetV3 forks).',
  formula: 'y = relu6(x + 3)/6; FLOPs = 1 per element',
  flopsPerElement: 1,
});

/** Every activation-like layer of this file. */
export const ACTIVATION_OPS: readonly OpDefinition[] = [
  reluOp,
  relu6Op,
  preluOp,
  eluOp,
  sigmoidOp,
  tanhOp,
  swishOp,
  absValOp,
  powerOp,
  expOp,
  logOp,
  bnllOp,
  thresholdOp,
  clipOp,
  dropoutOp,
  mishOp,
  hswishOp,
  hsigmoidOp,
];
