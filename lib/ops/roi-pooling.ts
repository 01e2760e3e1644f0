import type { OpDefinition, OpEval } from './types';

const BLOCK = 'roi_pooling_param';

/**
 * ROIPooling (Fast/Faster R-CNN, rbgirshick/caffe-fast-rcnn src/caffe/layers/roi_pooling_layer.cpp):
 * bottom 0 is the N×C×H×W feature map, bottom 1 the R×5 regions (batch index, x1, y1, x2, y2 in
 * image pixels, scaled by spatial_scale); top = R × C × pooled_h × pooled_w, each bin a max.
 * FLOPs depend on the region sizes (data), so none are counted.
 */
export const roiPooling: OpDefinition = {
  type: 'ROIPooling',
  category: 'pool',
  doc: 'Region-of-interest max pooling: every region becomes a fixed pooled_h × pooled_w grid per channel.',
  formula: 'out = R × C × pooled_h × pooled_w (R = number of regions in bottom 1); FLOPs data-dependent (not counted)',
  arity: [2, 2],
  paramBlock: BLOCK,
  evaluate(ctx): OpEval {
    const unknown: OpEval = { outputs: ctx.node.tops.map(() => null) };
    const p = ctx.attrs.msg(BLOCK);
    const ph = p.num('pooled_h', 0);
    const pw = p.num('pooled_w', 0);
    // roi_pooling_layer.cpp LayerSetUp: CHECK_GT(pooled_h_, 0) and CHECK_GT(pooled_w_, 0).
    if (!Number.isInteger(ph) || ph <= 0) {
      ctx.error(`pooled_h must be a positive integer (got ${ph})`, p.has('pooled_h') ? `${BLOCK}.pooled_h` : BLOCK);
      return unknown;
    }
    if (!Number.isInteger(pw) || pw <= 0) {
      ctx.error(`pooled_w must be a positive integer (got ${pw})`, p.has('pooled_w') ? `${BLOCK}.pooled_w` : BLOCK);
      return unknown;
    }
    if (p.num('spatial_scale', 1) <= 0) {
      ctx.error('spatial_scale must be positive', `${BLOCK}.spatial_scale`);
      return unknown;
    }
    const [x, rois] = ctx.inputs;
    if (!x || !rois) return unknown;
    if (x.length !== 4) {
      ctx.error(`feature map ${x.join('×')} must be 4-D (N×C×H×W)`);
      return unknown;
    }
    const per = rois.slice(1).reduce((a, b) => a * b, 1);
    if (per !== 5) {
      ctx.error(`regions blob ${rois.join('×')} must hold 5 values per region (batch index, x1, y1, x2, y2)`);
      return unknown;
    }
    const shape = [rois[0]!, x[1]!, ph, pw];
    return { outputs: ctx.node.tops.map(() => shape) };
  },
};
