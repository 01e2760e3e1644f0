import type { RewriteKind, RewriteOptions } from './types';
import type { ConvSite, Pair } from './site';
import { bottleneck, depthwiseSeparable, groupShuffle } from './plan-channels';
import { dilate, factorize, stack3x3 } from './plan-spatial';
import type { Planner } from './plan-helpers';

/** A new convolution of a block, format-neutral (the writers turn it into Caffe or Keras layers). */
export interface PlanConv {
  readonly op: 'conv';
  readonly name: string;
  readonly bottom: string;
  readonly top: string;
  readonly cOut: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  /** Caffe padding per axis (Keras keeps the original's `padding` mode on every layer). */
  readonly pad: Pair;
  readonly dilation: Pair;
  readonly group: number;
  /** One filter per input channel (Keras DepthwiseConv2D; Caffe Convolution with group = C_in). */
  readonly depthwise: boolean;
  /** A ReLU after this convolution (Caffe: an in-place ReLU layer; Keras: `activation: "relu"`). */
  readonly reluAfter: boolean;
  /** The block's last layer: it keeps the original's activation (Keras) and top name. */
  readonly last: boolean;
}

/** A channel shuffle (ShuffleNet): reshape g×(C/g) → transpose → flatten. */
export interface PlanShuffle {
  readonly op: 'shuffle';
  readonly name: string;
  readonly bottom: string;
  readonly top: string;
  readonly groups: number;
}

export type PlanLayer = PlanConv | PlanShuffle;

/** The layers that replace one convolution, in order. */
export interface Plan {
  readonly kind: RewriteKind;
  readonly options: RewriteOptions;
  readonly description: string;
  readonly layers: readonly PlanLayer[];
  readonly notes: readonly string[];
}

/** Hands out layer/blob names that clash with nothing in the model (nor with each other). */
export type NameSource = (base: string) => string;

const PLANNERS: Readonly<Record<RewriteKind, Planner>> = {
  'stack-3x3': stack3x3,
  'factorize-1xn': factorize,
  bottleneck,
  'depthwise-separable': depthwiseSeparable,
  'group-shuffle': groupShuffle,
  dilate,
};

/** The block that replaces `site` for a rewrite, or why the rewrite does not apply. */
export function planRewrite(
  site: ConvSite,
  kind: RewriteKind,
  options: RewriteOptions,
  fresh: NameSource,
): Plan | string {
  return PLANNERS[kind]({ site, fresh, relu: options.relu ?? true }, options);
}
