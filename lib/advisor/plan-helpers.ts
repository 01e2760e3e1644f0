/** Helpers shared by the planners: geometry checks, padding, names, and the new-convolution record. */
import type { RewriteOptions } from './types';
import type { ConvSite, Pair } from './site';
import type { NameSource, Plan, PlanConv } from './plan';

export const RELU_NOTE =
  'A ReLU sits between the new convolutions, as in the papers (VGG, Inception); it can be left out (CLI: --set relu=false).';

export function isSquareOdd(k: Pair): boolean {
  return k[0] === k[1] && k[0] % 2 === 1;
}

export function undilated(s: ConvSite): boolean {
  return s.dilation[0] === 1 && s.dilation[1] === 1;
}

export function kxk(k: Pair): string {
  return `${k[0]}×${k[1]}`;
}

/** Checks a chosen channel count: a positive integer, divisible by the groups it is split into. */
export function checkWidth(width: number, group: number, what: string): string | null {
  if (!Number.isInteger(width) || width <= 0) return `${what} ${width} must be a positive integer`;
  if (width % group !== 0) return `${what} ${width} is not divisible by the layer's group ${group}`;
  return null;
}

/**
 * Spreads a padding over `n` stacked 3×3 convolutions so that their total is the original's:
 * then every output size and the receptive-field start come out the same. One pixel per layer
 * from the first; anything above n (rare) goes to the first layer.
 */
export function spreadPad(p: number, n: number): number[] {
  const pads = Array.from({ length: n }, (_, i) => (i < p ? 1 : 0));
  if (p > n) pads[0]! += p - n;
  return pads;
}

export interface Ctx {
  readonly site: ConvSite;
  readonly fresh: NameSource;
  readonly relu: boolean;
}

/** Names of the block's convolutions: new ones, then the original layer name (its top kept) last. */
export function conv(
  c: Ctx,
  name: string,
  bottom: string,
  top: string,
  g: Omit<PlanConv, 'op' | 'name' | 'bottom' | 'top' | 'reluAfter' | 'last' | 'depthwise'> & {
    depthwise?: boolean;
  },
  last: boolean,
): PlanConv {
  return {
    op: 'conv',
    name,
    bottom,
    top,
    depthwise: g.depthwise ?? false,
    cOut: g.cOut,
    kernel: g.kernel,
    stride: g.stride,
    pad: g.pad,
    dilation: g.dilation,
    group: g.group,
    reluAfter: !last && c.relu,
    last,
  };
}

/** The name and top of the block's final layer: the original's, so the rest of the network is untouched. */
export function tail(c: Ctx): { name: string; top: string } {
  return { name: c.site.node.name, top: c.site.topName };
}

/** A new intermediate layer: its name is also its top (Keras requires it; Caffe reads better). */
export function mid(c: Ctx, suffix: string): string {
  return c.fresh(`${c.site.node.name}_${suffix}`);
}

export type Planner = (c: Ctx, o: RewriteOptions) => Plan | string;

/**
 * Default width of the layers inside a stack or a factorisation: the smaller channel count, so
 * the new layers are never wider than either end (with equal counts, the papers' 18 vs 25).
 */
export function innerWidth(s: ConvSite): number {
  return Math.min(s.cIn, s.cOut);
}
