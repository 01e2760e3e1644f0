import type { Shape } from '../ir';
import type { OpContext, OpDefinition, OpEval } from './types';
import { axisOrError, channelsOf, elementwiseOp, fmtShape, unknownOutputs } from './op-helpers';
import { numel } from './util';

export const lrnOp: OpDefinition = {
  type: 'LRN',
  category: 'norm',
  doc: 'Local response normalisation across channels or within a channel (AlexNet, GoogLeNet).',
  formula:
    'y = x / (k + alpha/n·Σ x²)^beta over n = local_size neighbours; FLOPs = n + 3 per element (WITHIN_CHANNEL: n² + 3)',
  arity: [1, 1],
  paramBlock: 'lrn_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    const p = ctx.attrs.msg('lrn_param');
    const size = p.num('local_size', 5);
    // lrn_layer.cpp: CHECK_EQ(size_ % 2, 1) "LRN only supports odd values for local_size".
    if (!Number.isInteger(size) || size < 1 || size % 2 !== 1) {
      ctx.error(`local_size must be a positive odd number, got ${size}`, 'lrn_param.local_size');
      return unknownOutputs(ctx);
    }
    if (!input) return unknownOutputs(ctx);
    if (input.length !== 4) {
      ctx.error(`LRN needs a 4-D input (N×C×H×W), got ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const within = p.enumOf('norm_region', ['ACROSS_CHANNELS', 'WITHIN_CHANNEL'] as const, 'ACROSS_CHANNELS');
    const n = numel(input);
    if (within === 'WITHIN_CHANNEL') {
      // lrn_layer.cpp builds an AVE pooling of size×size, stride 1, pad (size−1)/2 over x²:
      // a spatial window, so the receptive field grows like a stride-1 convolution.
      const pad = (size - 1) / 2;
      const step = { kernel: size, stride: 1, pad };
      return { outputs: [input], flops: (size * size + 3) * n, rf: [step, step] };
    }
    return { outputs: [input], flops: (size + 3) * n, rf: 'identity' };
  },
};

export const batchNormOp = elementwiseOp({
  type: 'BatchNorm',
  category: 'norm',
  doc: "Caffe's BatchNorm: normalises with stored mean/variance (learned scale/shift live in a following Scale).",
  formula:
    'y = (x − mean_c) / sqrt(var_c + eps); buffers = 2·C + 1 (mean, variance, moving-average factor); FLOPs = 2 per element',
  paramBlock: 'batch_norm_param',
  flopsPerElement: 2,
  // batch_norm_layer.cpp: blobs mean[C], variance[C], factor[1]; channels_ = num_axes == 1 ? 1 : shape(1).
  buffers: (_ctx, input) => 2 * channelsOf(input) + 1,
});

export const bnOp = elementwiseOp({
  type: 'BN',
  category: 'norm',
  doc: 'SegNet / PSPNet BN layer: normalisation with its own learned scale and shift.',
  formula: 'y = γ_c·x̂ + β_c; params = 2·C; FLOPs = 2 per element',
  paramBlock: 'bn_param',
  flopsPerElement: 2,
  // caffe-segnet bn_layer.cpp keeps two 1×C×1×1 blobs (scale, shift). PSPNet's fork
  // (hszhao/PSPNet bn_layer.cpp) keeps two more for history mean/variance; the prototxt
  // does not say which binary runs it, so only the 2·C learned values are counted (counting.md).
  params: (_ctx, input) => 2 * channelsOf(input),
  // caffe-segnet bn_layer.cpp Reshape: optional tops 1 and 2 are the batch mean and variance, 1×C×1×1.
  extraTop: (_ctx, input) => [1, channelsOf(input), 1, 1],
});

/**
 * Shape of the learned blob of Scale/Bias with one bottom (scale_layer.cpp / bias_layer.cpp
 * LayerSetUp): bottom.shape[axis : axis + num_axes], num_axes −1 meaning "to the end".
 */
function learnedShape(ctx: OpContext, input: Shape, block: string): Shape | null {
  const p = ctx.attrs.msg(block);
  const axis = axisOrError(ctx, p.num('axis', 1), input.length, `${block}.axis`);
  if (axis === undefined) return null;
  const numAxes = p.num('num_axes', 1);
  if (numAxes < -1) {
    ctx.error(`num_axes must be ≥ 0, or −1 for "to the end"; got ${numAxes}`, `${block}.num_axes`);
    return null;
  }
  if (numAxes >= 0 && axis + numAxes > input.length) {
    ctx.error(
      `the ${block === 'scale_param' ? 'scale' : 'bias'} blob would extend past the input ${fmtShape(input)} (axis ${axis}, num_axes ${numAxes})`,
      `${block}.num_axes`,
    );
    return null;
  }
  return input.slice(axis, numAxes === -1 ? input.length : axis + numAxes);
}

/** Checks a second bottom against bottom[0] from `axis` on (Scale/Bias Reshape). */
function checkOperandShape(ctx: OpContext, input: Shape, operand: Shape, block: string): boolean {
  // A scalar operand applies everywhere; Caffe then forces axis 0.
  if (operand.length === 0) return true;
  const axis = axisOrError(ctx, ctx.attrs.msg(block).num('axis', 1), input.length, `${block}.axis`);
  if (axis === undefined) return false;
  const fits = axis + operand.length <= input.length && operand.every((d, i) => input[axis + i] === d);
  if (!fits) {
    ctx.error(
      `second bottom ${fmtShape(operand)} does not match the input ${fmtShape(input)} from axis ${axis} on`,
      `${block}.axis`,
    );
  }
  return fits;
}

export const scaleOp: OpDefinition = {
  type: 'Scale',
  category: 'norm',
  doc: 'Multiplies by a learned (or second-bottom) scale broadcast over the other axes, optionally adds a bias.',
  formula: 'y = γ·x (+ β); params = ∏ scale shape (+ same for bias_term); FLOPs = 1 per element (+1 with bias)',
  arity: [1, 2],
  paramBlock: 'scale_param',
  evaluate(ctx): OpEval {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const bias = ctx.attrs.msg('scale_param').bool('bias_term', false);
    let paramShape: Shape | null;
    let params = 0;
    if (ctx.inputs.length > 1) {
      const operand = ctx.inputs[1];
      if (!operand) return unknownOutputs(ctx);
      if (!checkOperandShape(ctx, input, operand, 'scale_param')) return unknownOutputs(ctx);
      paramShape = operand;
    } else {
      paramShape = learnedShape(ctx, input, 'scale_param');
      if (!paramShape) return unknownOutputs(ctx);
      params = numel(paramShape);
    }
    // scale_layer.cpp: with bias_term a BiasLayer is added whose blob has the scale's shape
    // (bottom[1]'s shape when the scale comes from a bottom); that blob is learned.
    if (bias) params += numel(paramShape);
    const n = numel(input);
    // One bottom: its input list is the output list (no new list per layer).
    return {
      outputs: ctx.inputs.length === 1 ? ctx.inputs : [input],
      params,
      flops: n * (bias ? 2 : 1),
      rf: 'identity',
    };
  },
};

export const biasOp: OpDefinition = {
  type: 'Bias',
  category: 'norm',
  doc: 'Adds a learned (or second-bottom) bias broadcast over the other axes.',
  formula: 'y = x + β; params = ∏ bias shape (0 with a second bottom); FLOPs = 1 per element',
  arity: [1, 2],
  paramBlock: 'bias_param',
  evaluate(ctx): OpEval {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    let params = 0;
    if (ctx.inputs.length > 1) {
      const operand = ctx.inputs[1];
      if (!operand) return unknownOutputs(ctx);
      if (!checkOperandShape(ctx, input, operand, 'bias_param')) return unknownOutputs(ctx);
    } else {
      const shape = learnedShape(ctx, input, 'bias_param');
      if (!shape) return unknownOutputs(ctx);
      params = numel(shape);
    }
    return { outputs: [input], params, flops: numel(input), rf: 'identity' };
  },
};

export const mvnOp: OpDefinition = {
  type: 'MVN',
  category: 'norm',
  doc: 'Mean-variance normalisation per channel (or per image with across_channels).',
  formula:
    'y = (x − mean) / (std + eps); FLOPs = 5 per element with normalize_variance (sum, subtract, square, sum, divide), else 2',
  arity: [1, 1],
  paramBlock: 'mvn_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    const variance = ctx.attrs.msg('mvn_param').bool('normalize_variance', true);
    // Statistics cover a whole map, so every output depends on the whole input map: no
    // finite receptive-field step describes it (rf undefined).
    return { outputs: [input], flops: numel(input) * (variance ? 5 : 2) };
  },
};

export const normalizeOp: OpDefinition = {
  type: 'Normalize',
  category: 'norm',
  doc: 'SSD L2 normalisation across channels (per position, or over the whole map) with a learned scale.',
  formula:
    'y = s_c · x / ‖x‖₂; params = C (1 if channel_shared); FLOPs = 4 per element (square, sum, divide, scale) + 1 sqrt per norm',
  arity: [1, 1],
  paramBlock: 'norm_param',
  evaluate(ctx) {
    const input = ctx.inputs[0];
    if (!input) return unknownOutputs(ctx);
    // weiliu89/caffe (ssd) normalize_layer.cpp: CHECK_GE(num_axes, 2); NormalizeParameter
    // defaults across_spatial = true, channel_shared = true.
    if (input.length < 2) {
      ctx.error(`Normalize needs an input with at least 2 axes, got ${fmtShape(input)}`);
      return unknownOutputs(ctx);
    }
    const p = ctx.attrs.msg('norm_param');
    const acrossSpatial = p.bool('across_spatial', true);
    const shared = p.bool('channel_shared', true);
    const c = channelsOf(input);
    const n = numel(input);
    const norms = acrossSpatial ? input[0]! : n / c;
    return {
      outputs: [input],
      params: shared ? 1 : c,
      flops: 4 * n + norms,
      ...(acrossSpatial ? {} : { rf: 'identity' as const }),
    };
  },
};

/** Every normalisation layer of this file. */
export const NORMALIZATION_OPS: readonly OpDefinition[] = [
  lrnOp,
  batchNormOp,
  bnOp,
  scaleOp,
  biasOp,
  mvnOp,
  normalizeOp,
];
