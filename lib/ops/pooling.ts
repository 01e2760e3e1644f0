import type { Shape } from '../ir';
import type { OpContext, OpDefinition, OpEval } from './types';
import { axisName, product, readAxisField } from './conv-params';
import { poolOutDim, withChannels } from './util';
import { sameForEach, unknownOutputs } from './op-helpers';

const BLOCK = 'pooling_param';
const METHODS = ['MAX', 'AVE', 'STOCHASTIC'] as const;
/** Pooling method of caffe.proto PoolingParameter.PoolMethod. */
export type PoolMethod = (typeof METHODS)[number];

/**
 * FLOPs per output element (counting.md): MAX k−1 compares; AVE k adds + 1 divide;
 * STOCHASTIC at test time (pooling_layer.cpp StoPoolForwardTest) sums x and x² over the
 * window and divides: 3k + 1.
 */
export function poolFlopsPerOutput(method: PoolMethod, window: number): number {
  if (method === 'MAX') return window - 1;
  if (method === 'AVE') return window + 1;
  return 3 * window + 1;
}

/** Caffe's rounding: ceil-and-clip unless a fork field asks for floor (`ceil_mode: false`, `round_mode: FLOOR`). */
function useCeil(ctx: OpContext): boolean {
  const p = ctx.attrs.msg(BLOCK);
  if (p.has('ceil_mode')) return p.bool('ceil_mode', true);
  if (p.has('round_mode')) return p.enumOf('round_mode', ['CEIL', 'FLOOR'] as const, 'CEIL') === 'CEIL';
  return true;
}

interface Window {
  kernel: number[];
  stride: number[];
  pad: number[];
}

/** Spatial pooling shared by Pooling and NdPooling; `spatial` are the dims after N and C. */
function evaluateWindowPool(ctx: OpContext, x: Shape, win: Window, kField: string, global: boolean): OpEval {
  const p = ctx.attrs.msg(BLOCK);
  const method = p.enumOf('pool', METHODS, 'MAX');
  const spatial = x.slice(2);
  const n = spatial.length;
  if (ctx.node.tops.length > 1 && method !== 'MAX') {
    // pooling_layer.hpp: MaxTopBlobs() is 2 only for MAX (the second top is the argmax mask).
    ctx.error(`only MAX pooling has a second (mask) top; ${method} pooling has one`, `${BLOCK}.pool`);
    return unknownOutputs(ctx);
  }
  if (ctx.node.tops.length > 2) {
    ctx.error(`Pooling has at most 2 tops (output and mask), got ${ctx.node.tops.length}`);
    return unknownOutputs(ctx);
  }
  const kernelBad = win.kernel.find((k) => !Number.isInteger(k) || k <= 0);
  if (kernelBad !== undefined) {
    ctx.error(`kernel ${kernelBad} is not allowed (filter dimensions must be nonzero)`, kField);
    return unknownOutputs(ctx);
  }
  if (win.stride.some((s) => !Number.isInteger(s) || s <= 0)) {
    ctx.error(`stride ${win.stride.join('×')} must be positive`, `${BLOCK}.stride`);
    return unknownOutputs(ctx);
  }
  if (win.pad.some((v) => v !== 0)) {
    // pooling_layer.cpp LayerSetUp: padding only for MAX/AVE, and pad < kernel.
    if (method === 'STOCHASTIC') {
      ctx.error('padding is implemented only for average and max pooling', `${BLOCK}.pad`);
      return unknownOutputs(ctx);
    }
    const i = win.pad.findIndex((v, j) => v < 0 || v >= win.kernel[j]!);
    if (i >= 0) {
      ctx.error(
        `pad ${win.pad[i]} must be ≥ 0 and smaller than the kernel ${win.kernel[i]} on axis ${axisName(i, n)}`,
        `${BLOCK}.pad`,
      );
      return unknownOutputs(ctx);
    }
  }
  const ceil = useCeil(ctx);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (global) {
      out.push(1);
      continue;
    }
    const inDim = spatial[i]!;
    const o = poolOutDim(inDim, win.kernel[i]!, win.stride[i]!, win.pad[i]!, ceil);
    if (o <= 0) {
      ctx.error(
        `kernel ${win.kernel[i]} is larger than the padded input ${inDim + 2 * win.pad[i]!} on axis ${axisName(i, n)} (output size ${o})`,
        kField,
      );
      return unknownOutputs(ctx);
    }
    out.push(o);
  }
  const shape = withChannels(x, 1, x[1]!, out);
  const outputs = numel(shape);
  return {
    outputs: sameForEach(ctx.node.tops.length, shape),
    flops: outputs * poolFlopsPerOutput(method, product(win.kernel)),
    rf: win.kernel.map((k, i) => ({ kernel: k, stride: win.stride[i]!, pad: win.pad[i]! })),
  };
}

function numel(s: readonly number[]): number {
  return product(s);
}

function requireRank(ctx: OpContext, x: Shape, min: number, max: number): boolean {
  if (x.length >= min && x.length <= max) return true;
  ctx.error(
    `input ${x.join('×')} has ${x.length} axes; ${ctx.node.type} needs ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} (N, C, spatial…)`,
  );
  return false;
}

/**
 * Caffe Pooling (BVLC src/caffe/layers/pooling_layer.cpp): 4-D input; kernel_size or
 * kernel_h/kernel_w (or global_pooling: the whole H×W, pad 0, stride 1); output
 * ceil((in + 2p − k)/s) + 1, minus 1 when the last window would start in the padding.
 * Two tops for MAX: output and argmax mask of the same shape.
 *
 * The N-D pooling forks (3-D U-Net / V-Net style, and BVLC's OpenCL branch) run the same layer
 * on 5-D (or any ≥ 3-D) blobs: kernel_size / stride / pad given once or once per spatial axis,
 * the same rounding and clipping per axis (their PoolingLayer::Reshape), global pooling over
 * every spatial axis. BVLC refuses such a blob (CHECK_EQ(4, num_axes)), so a note says which
 * rule was used.
 */
export const pooling: OpDefinition = {
  type: 'Pooling',
  category: 'pool',
  doc: 'Pooling (MAX, AVE or STOCHASTIC) over k_h×k_w windows; Caffe rounds the output size up and clips.',
  formula:
    'out = ceil((in + 2·pad − k) / stride) + 1, −1 if (out−1)·stride ≥ in + pad (pad > 0); floor with ceil_mode: false / round_mode: FLOOR; FLOPs/output: MAX k−1, AVE k+1',
  arity: [1, 1],
  paramBlock: BLOCK,
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknownOutputs(ctx);
    if (!requireRank(ctx, x, 3, Infinity)) return unknownOutputs(ctx);
    const n = x.length - 2;
    if (x.length !== 4) {
      ctx.note?.(
        `${x.length}-D input: pooled over its ${n} spatial axes as the N-D pooling forks do (3-D U-Net / V-Net style); BVLC Caffe’s Pooling takes 4-D blobs only`,
      );
    }
    const p = ctx.attrs.msg(BLOCK);
    const global = p.bool('global_pooling', false);
    if (global) {
      // pooling_layer.cpp: "With Global_pooling: true; only pad = 0 and stride = 1".
      const pad = readAxisField(ctx, p, BLOCK, 'pad', n, 0, true);
      const stride = readAxisField(ctx, p, BLOCK, 'stride', n, 1, true);
      if (!pad || !stride) return unknownOutputs(ctx);
      if (pad.some((v) => v !== 0) || stride.some((v) => v !== 1)) {
        ctx.error('with global_pooling: true only pad = 0 and stride = 1 are allowed', `${BLOCK}.global_pooling`);
        return unknownOutputs(ctx);
      }
      return evaluateWindowPool(ctx, x, { kernel: x.slice(2), stride, pad }, `${BLOCK}.global_pooling`, true);
    }
    const kernel = readAxisField(ctx, p, BLOCK, 'kernel_size', n, null, true);
    const stride = readAxisField(ctx, p, BLOCK, 'stride', n, 1, true);
    const pad = readAxisField(ctx, p, BLOCK, 'pad', n, 0, true);
    if (!kernel || !stride || !pad) return unknownOutputs(ctx);
    const kField = p.has('kernel_size') || !p.has('kernel_h') ? `${BLOCK}.kernel_size` : `${BLOCK}.kernel_h`;
    return evaluateWindowPool(ctx, x, { kernel, stride, pad }, kField, false);
  },
};

/**
 * NdPooling (video-caffe, C3D): N-D pooling with `kernel_shape { dim: … }`, `stride_shape`,
 * `pad_shape`. Rounded like Caffe's Pooling (ceil, clipped): that is what makes C3D's pool5
 * 512×1×4×4 = 8192 values feeding fc6 (its author in facebookarchive/C3D issue #219: "after
 * pooling it is 1x4x4 as caffe does ceil [mode] instead of floor"). Some cuDNN NdPooling ports
 * floor instead; `ceil_mode: false` or `round_mode: FLOOR` select floor as for Pooling.
 */
export const ndPooling: OpDefinition = {
  type: 'NdPooling',
  category: 'pool',
  doc: 'N-D pooling (video-caffe dialect) over kernel_shape windows on every axis after N and C.',
  formula: 'out_i = ceil((in_i + 2·pad_i − k_i) / stride_i) + 1 (clipped as Pooling); FLOPs/output: MAX ∏k−1, AVE ∏k+1',
  arity: [1, 1],
  paramBlock: BLOCK,
  evaluate(ctx) {
    const x = ctx.inputs[0];
    if (!x) return unknownOutputs(ctx);
    if (!requireRank(ctx, x, 3, Infinity)) return unknownOutputs(ctx);
    const p = ctx.attrs.msg(BLOCK);
    const n = x.length - 2;
    if (p.bool('global_pooling', false)) {
      return evaluateWindowPool(
        ctx,
        x,
        { kernel: x.slice(2), stride: x.slice(2).map(() => 1), pad: x.slice(2).map(() => 0) },
        `${BLOCK}.global_pooling`,
        true,
      );
    }
    // kernel_shape/stride_shape/pad_shape, or the BVLC spellings (kernel_size, stride, pad) once or per axis.
    const nd = p.has('kernel_shape') || !p.has('kernel_size');
    const names = nd ? ['kernel_shape', 'stride_shape', 'pad_shape'] : ['kernel_size', 'stride', 'pad'];
    const kernel = readAxisField(ctx, p, BLOCK, names[0]!, n, null, false);
    const stride = readAxisField(ctx, p, BLOCK, names[1]!, n, 1, false);
    const pad = readAxisField(ctx, p, BLOCK, names[2]!, n, 0, false);
    if (!kernel || !stride || !pad) return unknownOutputs(ctx);
    return evaluateWindowPool(ctx, x, { kernel, stride, pad }, `${BLOCK}.${names[0]}`, false);
  },
};
