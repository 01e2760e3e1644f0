import type { ModelFormat, Shape } from '../ir';
import type { RFAxis } from '../ops/types';

/** The rewrites the advisor knows, in the order they are listed. */
export const REWRITE_KINDS = [
  'stack-3x3',
  'factorize-1xn',
  'bottleneck',
  'depthwise-separable',
  'group-shuffle',
  'dilate',
] as const;

/** One rewrite of a convolution (see `REWRITE_KINDS`). */
export type RewriteKind = (typeof REWRITE_KINDS)[number];

/** What a user may choose for a rewrite; every field has a default the advisor picks. */
export interface RewriteOptions {
  /** Channels of the new intermediate layers (bottleneck width; stack/factorize inner width). */
  readonly width?: number;
  /** Groups of the grouped convolution (group-shuffle). */
  readonly groups?: number;
  /** Put a ReLU between the new convolutions (what the papers do); default true. */
  readonly relu?: boolean;
}

/** The cost of one layer, or of the block of layers that replaces it (counts at the analysis batch). */
export interface CostFigures {
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
  /** Receptive field of the block's output per spatial axis, from the network input; null off a spatial path. */
  readonly rf: readonly RFAxis[] | null;
  /** Bytes (fp32) of the blobs the layer/block writes that are not in-place aliases. */
  readonly activationBytes: number;
  /** (params + buffers) × 4. */
  readonly weightBytes: number;
}

/** One layer of a rewrite's block, as the advisor will write it. */
export interface BlockLayer {
  readonly name: string;
  /** Canonical type (`Convolution`, `ReLU`, `ShuffleChannel`, `Conv2D`, `DepthwiseConv2D`, `Reshape`…). */
  readonly type: string;
  /** One line a person reads: "3×3 conv 64→64, pad 1". */
  readonly summary: string;
  readonly output: Shape | null;
  readonly params: number;
  readonly macs: number;
  readonly flops: number;
}

/** One rewrite that applies to one layer, with exact figures before and after. */
export interface Suggestion {
  /** `KIND:LAYER`, stable for a given model text (the CLI's `--apply ID`). */
  readonly id: string;
  readonly layer: string;
  readonly kind: RewriteKind;
  readonly description: string;
  /** The options the figures were computed with (defaults filled in). */
  readonly options: RewriteOptions;
  readonly before: CostFigures;
  readonly after: CostFigures;
  /** True when the rewrite costs more MACs than the layer (or as many MACs and more params). */
  readonly costsMore: boolean;
  /** The output shape of the block: always the layer's own. */
  readonly outputShape: Shape;
  readonly block: readonly BlockLayer[];
  /** Caveats a user should read (receptive-field start moved, papers add a non-linearity…). */
  readonly notes: readonly string[];
}

/** A rewrite that does not apply to a layer, with the reason (shown to students: why not). */
export interface Skipped {
  readonly kind: RewriteKind;
  readonly reason: string;
}

/** Everything the advisor says about one layer. */
export interface LayerAdvice {
  readonly layer: string;
  readonly format: ModelFormat;
  readonly suggestions: readonly Suggestion[];
  readonly skipped: readonly Skipped[];
}

/** True when `k` names a rewrite. */
export function isRewriteKind(k: string): k is RewriteKind {
  return (REWRITE_KINDS as readonly string[]).includes(k);
}
