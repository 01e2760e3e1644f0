import type { OpContext, OpDefinition } from './types';
import { channelsOf, fmtShape, unknownOutputs } from './op-helpers';

/**
 * Number of priors per feature-map position, exactly as weiliu89/caffe (ssd)
 * prior_box_layer.cpp LayerSetUp builds it: aspect ratios start at {1}; each listed ratio
 * not already present (|Δ| < 1e−6) is added, and with `flip` (default true) its inverse too;
 * num_priors = |ratios|·|min_size| + |max_size|. Returns undefined after reporting an error.
 */
export function priorsPerPosition(ctx: OpContext): number | undefined {
  const p = ctx.attrs.msg('prior_box_param');
  const minSizes = p.nums('min_size');
  const maxSizes = p.nums('max_size');
  if (minSizes.length === 0) {
    ctx.error('min_size must be given', 'prior_box_param.min_size');
    return undefined;
  }
  const badMin = minSizes.find((m) => !(m > 0));
  if (badMin !== undefined) {
    ctx.error(`min_size must be positive, got ${badMin}`, 'prior_box_param.min_size');
    return undefined;
  }
  if (maxSizes.length > 0) {
    if (maxSizes.length !== minSizes.length) {
      ctx.error(
        `${maxSizes.length} max_size values for ${minSizes.length} min_size values; they must pair up`,
        'prior_box_param.max_size',
      );
      return undefined;
    }
    const i = maxSizes.findIndex((m, k) => !(m > minSizes[k]!));
    if (i >= 0) {
      ctx.error(`max_size ${maxSizes[i]} must be greater than min_size ${minSizes[i]}`, 'prior_box_param.max_size');
      return undefined;
    }
  }
  const flip = p.bool('flip', true);
  const ratios = [1];
  for (const ar of p.nums('aspect_ratio')) {
    if (ratios.some((r) => Math.abs(ar - r) < 1e-6)) continue;
    ratios.push(ar);
    if (flip) ratios.push(1 / ar);
  }
  return ratios.length * minSizes.length + maxSizes.length;
}

export const priorBoxOp: OpDefinition = {
  type: 'PriorBox',
  category: 'detection',
  doc: 'SSD default boxes for one feature map: 4 coordinates and 4 variances per prior per position.',
  formula:
    'out = 1×2×(H·W·num_priors·4); num_priors = |aspect ratios incl. 1 and flips|·|min_size| + |max_size|; FLOPs = 0',
  arity: [2, 2],
  paramBlock: 'prior_box_param',
  evaluate(ctx) {
    const priors = priorsPerPosition(ctx);
    if (priors === undefined) return unknownOutputs(ctx);
    const variances = ctx.attrs.msg('prior_box_param').nums('variance');
    // prior_box_layer.cpp: either one variance or exactly four.
    if (variances.length > 1 && variances.length !== 4) {
      ctx.error(`variance takes 1 or 4 values, got ${variances.length}`, 'prior_box_param.variance');
      return unknownOutputs(ctx);
    }
    const feat = ctx.inputs[0];
    if (!feat) return unknownOutputs(ctx);
    if (feat.length !== 4) {
      ctx.error(`PriorBox needs a 4-D feature map (N×C×H×W), got ${fmtShape(feat)}`);
      return unknownOutputs(ctx);
    }
    // Reshape: the priors are shared by every image of the batch, so N is always 1; channel 0
    // holds the boxes, channel 1 their variances.
    return { outputs: [[1, 2, feat[2]! * feat[3]! * priors * 4]], flops: 0 };
  },
};

export const detectionOutputOp: OpDefinition = {
  type: 'DetectionOutput',
  category: 'detection',
  doc: 'SSD box decoding + per-class NMS; keeps at most keep_top_k detections per image.',
  formula:
    'out = 1×1×(N·keep_top_k)×7 rows [image, label, score, xmin, ymin, xmax, ymax] (an upper bound: the real count is data-dependent); FLOPs = 0 (data-dependent NMS, not counted)',
  arity: [3, 5],
  paramBlock: 'detection_output_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('detection_output_param');
    const numClasses = p.numOpt('num_classes');
    if (numClasses === undefined || !(numClasses >= 1)) {
      ctx.error('num_classes must be given and positive', 'detection_output_param.num_classes');
      return unknownOutputs(ctx);
    }
    const [loc, conf, prior] = ctx.inputs;
    if (!loc || !conf || !prior) return unknownOutputs(ctx);
    // detection_output_layer.cpp Reshape: num_priors = bottom[2]->height() / 4; loc channels
    // = num_priors·num_loc_classes·4; conf channels = num_priors·num_classes.
    if (prior.length < 3) {
      ctx.error(`the prior bottom must be 1×2×(num_priors·4), got ${fmtShape(prior)}`);
      return unknownOutputs(ctx);
    }
    const numPriors = prior[2]! / 4;
    const locClasses = p.bool('share_location', true) ? 1 : numClasses;
    if (channelsOf(loc) !== numPriors * locClasses * 4) {
      ctx.error(
        `location predictions ${fmtShape(loc)} do not match ${numPriors} priors × ${locClasses} location class(es) × 4 = ${numPriors * locClasses * 4}`,
      );
      return unknownOutputs(ctx);
    }
    if (channelsOf(conf) !== numPriors * numClasses) {
      ctx.error(
        `confidence predictions ${fmtShape(conf)} do not match ${numPriors} priors × ${numClasses} classes = ${numPriors * numClasses}`,
      );
      return unknownOutputs(ctx);
    }
    if (loc[0] !== conf[0]) {
      ctx.error(`location and confidence batches differ: ${fmtShape(loc)} vs ${fmtShape(conf)}`);
      return unknownOutputs(ctx);
    }
    const batch = loc[0]!;
    const keep = p.num('keep_top_k', -1);
    let perImage: number;
    if (keep > -1) {
      perImage = keep;
    } else {
      // No keep_top_k: at most top_k (or every prior) per non-background class survive NMS.
      const topK = p.msg('nms_param').num('top_k', -1);
      const perClass = topK > -1 ? Math.min(topK, numPriors) : numPriors;
      const bg = p.num('background_label_id', 0);
      perImage = perClass * (bg >= 0 && bg < numClasses ? numClasses - 1 : numClasses);
    }
    // Forward writes one fake row per image when nothing is detected, so never fewer than N rows.
    return { outputs: [[1, 1, Math.max(batch * perImage, batch), 7]], flops: 0 };
  },
};
