import type { OpDefinition, OpEval } from './types';
import { poolFlopsPerOutput, type PoolMethod } from './pooling';
import { poolOutDim } from './util';

const BLOCK = 'spp_param';

/**
 * One pyramid level of BVLC src/caffe/layers/spp_layer.cpp GetPoolingParam: num_bins = 2^level,
 * kernel = ceil(in / num_bins), pad = (kernel·num_bins − in + 1) / 2 (integer), stride = kernel,
 * pooled with Caffe's ceil-and-clip rule.
 */
export function sppLevel(level: number, h: number, w: number): { kernel: [number, number]; out: [number, number] } {
  const bins = 2 ** level;
  const axis = (d: number) => {
    const k = Math.ceil(d / bins);
    const pad = Math.trunc((k * bins - d + 1) / 2);
    return { k, o: poolOutDim(d, k, k, pad) };
  };
  const a = axis(h);
  const b = axis(w);
  return { kernel: [a.k, b.k], out: [a.o, b.o] };
}

/**
 * SPP (spatial pyramid pooling, spp_layer.cpp): pyramid_height levels of pooling whose outputs
 * are flattened and concatenated, giving N × C·Σ bins. With pyramid_height 1 the single pooling
 * output is the top itself (N × C × 1 × 1).
 */
export const spp: OpDefinition = {
  type: 'SPP',
  category: 'pool',
  doc: 'Spatial pyramid pooling: pools the map into 1×1, 2×2, 4×4… grids and concatenates them.',
  formula: 'level l: bins 2^l, kernel = ceil(in/2^l); out = N × C·Σ_l (2^l)² (pyramid_height 1: N×C×1×1)',
  arity: [1, 1],
  paramBlock: BLOCK,
  evaluate(ctx): OpEval {
    const unknown: OpEval = { outputs: ctx.node.tops.map(() => null) };
    const x = ctx.inputs[0];
    if (!x) return unknown;
    const p = ctx.attrs.msg(BLOCK);
    const height = p.num('pyramid_height', 0);
    if (!Number.isInteger(height) || height <= 0) {
      ctx.error(
        `pyramid_height must be a positive integer (got ${height})`,
        p.has('pyramid_height') ? `${BLOCK}.pyramid_height` : BLOCK,
      );
      return unknown;
    }
    if (x.length !== 4) {
      ctx.error(`input ${x.join('×')} must have 4 axes (num, channels, height, width)`);
      return unknown;
    }
    const method: PoolMethod = p.enumOf('pool', ['MAX', 'AVE', 'STOCHASTIC'] as const, 'MAX');
    const [n, c, h, w] = x as [number, number, number, number];
    let features = 0;
    let flops = 0;
    let last: [number, number] = [1, 1];
    for (let level = 0; level < height; level++) {
      const { kernel, out } = sppLevel(level, h, w);
      if (out[0] <= 0 || out[1] <= 0) {
        ctx.error(
          `pyramid level ${level} gives an empty ${out.join('×')} grid for a ${h}×${w} input`,
          `${BLOCK}.pyramid_height`,
        );
        return unknown;
      }
      last = out;
      features += c * out[0] * out[1];
      flops += n * c * out[0] * out[1] * poolFlopsPerOutput(method, kernel[0] * kernel[1]);
    }
    const shape = height === 1 ? [n, c, last[0], last[1]] : [n, features];
    return { outputs: ctx.node.tops.map(() => shape), flops };
  },
};
