import type { Shape } from '../ir';
import { fmtShape, unknownOutputs } from './op-helpers';
import type { OpContext, OpDefinition, OpEval } from './types';

// Caffe's Python layer runs user code named by python_param { module layer param_str }. The
// py-faster-rcnn layers (rbgirshick/py-faster-rcnn, lib/rpn and lib/roi_data_layer) are common
// enough to model: their output shapes are fixed by their setup()/forward() code and by
// lib/fast_rcnn/config.py, and their settings come from param_str (a YAML / Python dict string).
// Any other module's outputs are unknown, and said so.

/** py-faster-rcnn's lib/fast_rcnn/config.py defaults (a cfg .yml can override them). */
const CFG = {
  /** TEST.RPN_POST_NMS_TOP_N / TRAIN.RPN_POST_NMS_TOP_N: proposals kept after NMS. */
  postNmsTopN: { TEST: 300, TRAIN: 2000 },
  /** TRAIN.BATCH_SIZE: RoIs sampled per image by ProposalTargetLayer. */
  roiBatch: 128,
  /** TRAIN.SCALES and TRAIN.MAX_SIZE: the shortest side, and the cap on the longest. */
  scale: 600,
  maxSize: 1000,
} as const;

/** generate_anchors() default: 3 aspect ratios × 3 scales (8, 16, 32). */
const ANCHOR_RATIOS = 3;
const DEFAULT_SCALES = 3;

/**
 * The `key: value` pairs of a param_str such as `'feat_stride': 16` or
 * `{'num_classes': 21, 'scales': [8, 16, 32]}`; numbers and lists of numbers only.
 */
export function parseParamStr(s: string): Map<string, number | number[]> {
  const out = new Map<string, number | number[]>();
  const re = /['"]?([A-Za-z_]\w*)['"]?\s*:\s*(\[[^\]]*\]|\([^)]*\)|-?[\d.eE+-]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const raw = m[2]!;
    if (raw.startsWith('[') || raw.startsWith('(')) {
      const items = raw
        .slice(1, -1)
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '')
        .map(Number);
      if (items.every((v) => Number.isFinite(v))) out.set(m[1]!, items);
    } else if (Number.isFinite(Number(raw))) {
      out.set(m[1]!, Number(raw));
    }
  }
  return out;
}

function intSetting(ctx: OpContext, params: Map<string, number | number[]>, key: string): number | undefined {
  const v = params.get(key);
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  ctx.error(
    `param_str needs '${key}' as a positive integer (got ${v === undefined ? 'nothing' : JSON.stringify(v)})`,
    'python_param.param_str',
  );
  return undefined;
}

function topCount(ctx: OpContext, min: number, max: number, what: string): boolean {
  const n = ctx.node.tops.length;
  if (n >= min && n <= max) return true;
  ctx.error(`${what} has ${min === max ? min : `${min} to ${max}`} tops, got ${n}`);
  return false;
}

/** Both RPN layers read a single image: `assert bottom[0].data.shape[0] == 1`. */
function singleImage(ctx: OpContext, x: Shape, layer: string): boolean {
  if (x[0] === 1) return true;
  ctx.error(`${layer} supports a single image (its bottom 0 is ${fmtShape(x)}; py-faster-rcnn asserts shape[0] == 1)`);
  return false;
}

/** rpn.proposal_layer.ProposalLayer: rois R×5 and scores R×1, R at most RPN_POST_NMS_TOP_N. */
function proposal(ctx: OpContext): OpEval {
  if (ctx.inputs.length !== 3) {
    ctx.error(`ProposalLayer reads 3 bottoms (scores, bbox deltas, im_info), got ${ctx.inputs.length}`);
    return unknownOutputs(ctx);
  }
  if (!topCount(ctx, 1, 2, 'ProposalLayer')) return unknownOutputs(ctx);
  const params = parseParamStr(ctx.attrs.msg('python_param').str('param_str', ''));
  if (intSetting(ctx, params, 'feat_stride') === undefined) return unknownOutputs(ctx);
  const scores = ctx.inputs[0];
  if (scores && !singleImage(ctx, scores, 'ProposalLayer')) return unknownOutputs(ctx);
  const phase = ctx.phase ?? 'TEST';
  const r = CFG.postNmsTopN[phase];
  ctx.note?.(
    `ProposalLayer keeps at most ${r} proposals after NMS in phase ${phase} (py-faster-rcnn’s cfg.${phase}.RPN_POST_NMS_TOP_N); the shapes use that upper bound`,
  );
  return { outputs: ctx.node.tops.map((_, i) => (i === 0 ? [r, 5] : [r, 1])), flops: 0 };
}

/** rpn.anchor_target_layer.AnchorTargetLayer: per-anchor labels and regression targets on the H×W score map. */
function anchorTarget(ctx: OpContext): OpEval {
  if (ctx.inputs.length !== 4) {
    ctx.error(`AnchorTargetLayer reads 4 bottoms (rpn_cls_score, gt_boxes, im_info, data), got ${ctx.inputs.length}`);
    return unknownOutputs(ctx);
  }
  if (!topCount(ctx, 4, 4, 'AnchorTargetLayer')) return unknownOutputs(ctx);
  const params = parseParamStr(ctx.attrs.msg('python_param').str('param_str', ''));
  if (intSetting(ctx, params, 'feat_stride') === undefined) return unknownOutputs(ctx);
  const scales = params.get('scales');
  const a = (Array.isArray(scales) ? scales.length : DEFAULT_SCALES) * ANCHOR_RATIOS;
  const score = ctx.inputs[0];
  if (!score) return unknownOutputs(ctx);
  if (score.length < 2) {
    ctx.error(`rpn_cls_score ${fmtShape(score)} has no H×W axes`);
    return unknownOutputs(ctx);
  }
  if (!singleImage(ctx, score, 'AnchorTargetLayer')) return unknownOutputs(ctx);
  const h = score[score.length - 2]!;
  const w = score[score.length - 1]!;
  return {
    outputs: [
      [1, 1, a * h, w],
      [1, a * 4, h, w],
      [1, a * 4, h, w],
      [1, a * 4, h, w],
    ],
    flops: 0,
  };
}

/** rpn.proposal_target_layer.ProposalTargetLayer: R sampled RoIs with labels and per-class targets. */
function proposalTarget(ctx: OpContext): OpEval {
  if (ctx.inputs.length !== 2) {
    ctx.error(`ProposalTargetLayer reads 2 bottoms (rpn_rois, gt_boxes), got ${ctx.inputs.length}`);
    return unknownOutputs(ctx);
  }
  if (!topCount(ctx, 5, 5, 'ProposalTargetLayer')) return unknownOutputs(ctx);
  const params = parseParamStr(ctx.attrs.msg('python_param').str('param_str', ''));
  const k = intSetting(ctx, params, 'num_classes');
  if (k === undefined) return unknownOutputs(ctx);
  const r = CFG.roiBatch;
  ctx.note?.(
    `ProposalTargetLayer samples at most ${r} RoIs per image (py-faster-rcnn’s cfg.TRAIN.BATCH_SIZE); the shapes use that upper bound`,
  );
  return { outputs: [[r, 5], [r], [r, 4 * k], [r, 4 * k], [r, 4 * k]], flops: 0 };
}

/** roi_data_layer.layer.RoIDataLayer: the training images and their boxes (RPN) or RoIs (Fast R-CNN). */
function roiData(ctx: OpContext): OpEval {
  const params = parseParamStr(ctx.attrs.msg('python_param').str('param_str', ''));
  const k = intSetting(ctx, params, 'num_classes');
  if (k === undefined) return unknownOutputs(ctx);
  const tops = ctx.node.tops.length;
  // setup(): data is (IMS_PER_BATCH, 3, max(SCALES), MAX_SIZE); then im_info (1, 3) and gt_boxes
  // (1, 4) with an RPN (3 tops), or rois (1, 5), labels (1), bbox_targets and both weights
  // (1, 4K) without one (5 tops).
  if (tops !== 3 && tops !== 5) {
    ctx.error(
      `RoIDataLayer has 3 tops (data, im_info, gt_boxes) or 5 (data, rois, labels, bbox_targets, weights), got ${tops}`,
    );
    return unknownOutputs(ctx);
  }
  const rpn = tops === 3;
  // The end-to-end RPN config (experiments/cfgs/faster_rcnn_end2end.yml) uses one image per batch;
  // config.py's default IMS_PER_BATCH is 2.
  const images = rpn ? 1 : 2;
  ctx.note?.(
    `RoIDataLayer shapes follow py-faster-rcnn’s training config: ${images} image(s) of at most ${CFG.scale}×${CFG.maxSize} pixels (cfg.TRAIN.SCALES, MAX_SIZE)${rpn ? '' : `, ${CFG.roiBatch} RoIs per image`}; a cfg file may change them`,
  );
  const data: Shape = [images, 3, CFG.scale, CFG.maxSize];
  if (rpn) return { outputs: [data, [1, 3], [1, 4]], flops: 0 };
  const r = CFG.roiBatch * images;
  return { outputs: [data, [r, 5], [r], [r, 4 * k], [r, 4 * k]], flops: 0 };
}

type PythonLayer = (ctx: OpContext) => OpEval;

/** The py-faster-rcnn layers we model, by python_param.module. */
const MODULES: ReadonlyMap<string, { readonly cls: string; readonly run: PythonLayer }> = new Map([
  ['rpn.proposal_layer', { cls: 'ProposalLayer', run: proposal }],
  ['rpn.anchor_target_layer', { cls: 'AnchorTargetLayer', run: anchorTarget }],
  ['rpn.proposal_target_layer', { cls: 'ProposalTargetLayer', run: proposalTarget }],
  ['roi_data_layer.layer', { cls: 'RoIDataLayer', run: roiData }],
]);

/**
 * Caffe's Python layer (python_layer.hpp). The four py-faster-rcnn layers get their shapes from
 * their own code; any other module is user code whose outputs are unknown.
 */
export const pythonOp: OpDefinition = {
  type: 'Python',
  category: 'other',
  doc: 'A layer written in Python (python_param.module / layer); py-faster-rcnn’s RPN and RoI data layers are modelled, others are unknown.',
  formula:
    'rpn.proposal_layer: rois R×5 (R ≤ 300 TEST / 2000 TRAIN); rpn.anchor_target_layer: 1×1×A·H×W and 1×4A×H×W (A = 9); rpn.proposal_target_layer: R×5, R, R×4K (R ≤ 128); FLOPs = 0 (data-dependent sorting and NMS)',
  arity: [0, Infinity],
  paramBlock: 'python_param',
  evaluate(ctx): OpEval {
    const p = ctx.attrs.msg('python_param');
    const module = p.str('module', '');
    const cls = p.str('layer', '');
    const known = MODULES.get(module);
    if (!known) {
      ctx.warn(
        `Python layer ${module || '?'}.${cls || '?'} runs user code: its outputs are unknown unless declared (--input TOP=DIMS)`,
        'python_param.module',
      );
      return unknownOutputs(ctx);
    }
    if (cls !== '' && cls !== known.cls) {
      ctx.warn(
        `python_param.layer ${cls} is not ${known.cls}, the class of ${module}; read as ${known.cls}`,
        'python_param.layer',
      );
    }
    return known.run(ctx);
  },
};
