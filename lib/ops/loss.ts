import type { Shape } from '../ir';
import type { OpDefinition } from './types';
import { axisOrError, fmtShape, unknownOutputs } from './op-helpers';

// Loss and accuracy layers are TRAIN/TEST-side: they cost nothing at inference
// (counting.md), and their loss top is a scalar (loss_layer.cpp: top[0]->Reshape(vector<int>(0))).

interface LossSpec {
  readonly type: string;
  readonly doc: string;
  readonly arity: readonly [number, number];
  readonly paramBlock?: string;
}

function lossOp(spec: LossSpec): OpDefinition {
  return {
    type: spec.type,
    category: 'loss',
    doc: spec.doc,
    formula: 'loss: scalar; TRAIN-side, counted as 0 FLOPs',
    arity: spec.arity,
    ...(spec.paramBlock ? { paramBlock: spec.paramBlock } : {}),
    trainOnly: true,
    evaluate(ctx) {
      // SoftmaxWithLoss may expose the softmax as a second top (softmax_loss_layer.cpp Reshape).
      const outputs: (Shape | null)[] = ctx.node.tops.map((_, i) => (i === 0 ? [] : (ctx.inputs[0] ?? null)));
      return { outputs, flops: 0 };
    },
  };
}

export const LOSS_OPS: readonly OpDefinition[] = [
  lossOp({
    type: 'SoftmaxWithLoss',
    doc: 'Softmax followed by multinomial logistic loss.',
    arity: [2, 2],
    paramBlock: 'loss_param',
  }),
  lossOp({ type: 'EuclideanLoss', doc: 'Sum of squared differences / 2N.', arity: [2, 2] }),
  lossOp({
    type: 'SigmoidCrossEntropyLoss',
    doc: 'Cross-entropy of sigmoid outputs.',
    arity: [2, 2],
    paramBlock: 'loss_param',
  }),
  lossOp({
    type: 'HingeLoss',
    doc: 'One-vs-all hinge loss (L1 or L2).',
    arity: [2, 2],
    paramBlock: 'hinge_loss_param',
  }),
  lossOp({
    type: 'InfogainLoss',
    doc: 'Multinomial logistic loss weighted by an infogain matrix.',
    arity: [2, 3],
    paramBlock: 'infogain_loss_param',
  }),
  lossOp({
    type: 'MultinomialLogisticLoss',
    doc: 'Negative log of the predicted probability of the label.',
    arity: [2, 2],
  }),
  lossOp({
    type: 'ContrastiveLoss',
    doc: 'Siamese contrastive loss on pairs with a similarity label.',
    arity: [3, 3],
    paramBlock: 'contrastive_loss_param',
  }),
  // Detection-fork losses that appear in train prototxts (py-faster-rcnn, SSD).
  lossOp({ type: 'SmoothL1Loss', doc: 'Smooth L1 box-regression loss (Fast R-CNN fork).', arity: [2, 4] }),
  lossOp({
    type: 'MultiBoxLoss',
    doc: 'SSD localisation + confidence loss with hard negative mining.',
    arity: [4, 4],
    paramBlock: 'multibox_loss_param',
  }),
];

export const accuracyOp: OpDefinition = {
  type: 'Accuracy',
  category: 'loss',
  doc: 'Top-k classification accuracy (TEST-side); optional second top with per-class accuracy.',
  formula: 'accuracy: scalar; per-class top: [#classes]; counted as 0 FLOPs',
  arity: [2, 2],
  paramBlock: 'accuracy_param',
  trainOnly: true,
  evaluate(ctx) {
    const input = ctx.inputs[0];
    const p = ctx.attrs.msg('accuracy_param');
    const topK = p.num('top_k', 1);
    if (!input) return { outputs: ctx.node.tops.map((_, i) => (i === 0 ? [] : null)), flops: 0 };
    // accuracy_layer.cpp Reshape: CHECK_LE(top_k, count / label count); top[1] has shape(axis) entries.
    const axis = axisOrError(ctx, p.num('axis', 1), input.length, 'accuracy_param.axis');
    if (axis === undefined) return unknownOutputs(ctx);
    const classes = input[axis]!;
    if (topK > classes) {
      ctx.error(`top_k ${topK} exceeds the ${classes} classes of ${fmtShape(input)}`, 'accuracy_param.top_k');
      return unknownOutputs(ctx);
    }
    return { outputs: ctx.node.tops.map((_, i) => (i === 0 ? [] : [classes])), flops: 0 };
  },
};
