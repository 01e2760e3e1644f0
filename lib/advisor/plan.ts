import type { RewriteKind, RewriteOptions } from './types';
import type { ConvSite, Pair } from './site';

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

const RELU_NOTE =
  'A ReLU sits between the new convolutions, as in the papers (VGG, Inception); it can be left out (CLI: --set relu=false).';

function isSquareOdd(k: Pair): boolean {
  return k[0] === k[1] && k[0] % 2 === 1;
}

function undilated(s: ConvSite): boolean {
  return s.dilation[0] === 1 && s.dilation[1] === 1;
}

function kxk(k: Pair): string {
  return `${k[0]}×${k[1]}`;
}

/** Checks a chosen channel count: a positive integer, divisible by the groups it is split into. */
function checkWidth(width: number, group: number, what: string): string | null {
  if (!Number.isInteger(width) || width <= 0) return `${what} ${width} must be a positive integer`;
  if (width % group !== 0) return `${what} ${width} is not divisible by the layer's group ${group}`;
  return null;
}

/**
 * Spreads a padding over `n` stacked 3×3 convolutions so that their total is the original's:
 * then every output size and the receptive-field start come out the same. One pixel per layer
 * from the first; anything above n (rare) goes to the first layer.
 */
function spreadPad(p: number, n: number): number[] {
  const pads = Array.from({ length: n }, (_, i) => (i < p ? 1 : 0));
  if (p > n) pads[0]! += p - n;
  return pads;
}

interface Ctx {
  readonly site: ConvSite;
  readonly fresh: NameSource;
  readonly relu: boolean;
}

/** Names of the block's convolutions: new ones, then the original layer name (its top kept) last. */
function conv(
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
function tail(c: Ctx): { name: string; top: string } {
  return { name: c.site.node.name, top: c.site.topName };
}

/** A new intermediate layer: its name is also its top (Keras requires it; Caffe reads better). */
function mid(c: Ctx, suffix: string): string {
  return c.fresh(`${c.site.node.name}_${suffix}`);
}

type Planner = (c: Ctx, o: RewriteOptions) => Plan | string;

/**
 * Default width of the layers inside a stack or a factorisation: the smaller channel count, so
 * the new layers are never wider than either end (with equal counts, the papers' 18 vs 25).
 */
function innerWidth(s: ConvSite): number {
  return Math.min(s.cIn, s.cOut);
}

const stack3x3: Planner = (c, o) => {
  const s = c.site;
  const k = s.kernel[0];
  if (!isSquareOdd(s.kernel) || k < 5) return `needs an odd square kernel of 5 or more; this one is ${kxk(s.kernel)}`;
  if (!undilated(s)) return 'the kernel is dilated already';
  const width = o.width ?? innerWidth(s);
  const bad = checkWidth(width, s.group, 'width');
  if (bad) return bad;
  const n = (k - 1) / 2;
  const padH = spreadPad(s.pad[0], n);
  const padW = spreadPad(s.pad[1], n);
  const layers: PlanLayer[] = [];
  let bottom = s.bottomName;
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    const name = last ? tail(c).name : mid(c, `3x3_${i + 1}`);
    const t = last ? tail(c).top : name;
    layers.push(
      conv(
        c,
        name,
        bottom,
        t,
        {
          cOut: last ? s.cOut : width,
          kernel: [3, 3],
          stride: last ? s.stride : [1, 1],
          pad: [padH[i]!, padW[i]!],
          dilation: [1, 1],
          group: s.group,
        },
        last,
      ),
    );
    bottom = t;
  }
  return {
    kind: 'stack-3x3',
    options: { width, relu: c.relu },
    description: `${kxk(s.kernel)} → ${n} stacked 3×3 convs (same ${k}×${k} receptive field; ${9 * n} weights per channel pair instead of ${k * k} when the widths match)`,
    layers,
    notes: c.relu ? [RELU_NOTE] : [],
  };
};

const factorize: Planner = (c, o) => {
  const s = c.site;
  const n = s.kernel[0];
  if (s.kernel[0] !== s.kernel[1] || n < 3) return `needs a square kernel of 3 or more; this one is ${kxk(s.kernel)}`;
  if (!undilated(s)) return 'the kernel is dilated';
  const width = o.width ?? innerWidth(s);
  const bad = checkWidth(width, s.group, 'width');
  if (bad) return bad;
  const first = mid(c, `1x${n}`);
  const { name, top } = tail(c);
  return {
    kind: 'factorize-1xn',
    options: { width, relu: c.relu },
    description: `${n}×${n} → 1×${n} then ${n}×1 (Inception-v3 factorisation: ${2 * n} weights per channel pair instead of ${n * n} when the widths match)`,
    layers: [
      conv(
        c,
        first,
        s.bottomName,
        first,
        {
          cOut: width,
          kernel: [1, n],
          stride: [1, s.stride[1]],
          pad: [0, s.pad[1]],
          dilation: [1, 1],
          group: s.group,
        },
        false,
      ),
      conv(
        c,
        name,
        first,
        top,
        {
          cOut: s.cOut,
          kernel: [n, 1],
          stride: [s.stride[0], 1],
          pad: [s.pad[0], 0],
          dilation: [1, 1],
          group: s.group,
        },
        true,
      ),
    ],
    notes: c.relu ? [RELU_NOTE] : [],
  };
};

/** The default bottleneck width: a quarter of the input channels (ResNet's ratio), at least 1. */
function defaultWidth(cIn: number): number {
  return Math.max(1, Math.floor(cIn / 4));
}

const bottleneck: Planner = (c, o) => {
  const s = c.site;
  if (s.kernel[0] * s.kernel[1] === 1) return 'the layer is a 1×1 already: a bottleneck before it saves nothing';
  if (s.group !== 1) return `the layer is grouped (group ${s.group})`;
  if (s.cIn < 4) return `only ${s.cIn} input channels: nothing to squeeze`;
  const width = o.width ?? defaultWidth(s.cIn);
  const bad = checkWidth(width, 1, 'width');
  if (bad) return bad;
  if (width >= s.cIn) return `width ${width} is not below the ${s.cIn} input channels`;
  const reduce = mid(c, 'reduce');
  const { name, top } = tail(c);
  return {
    kind: 'bottleneck',
    options: { width, relu: c.relu },
    description: `1×1 conv ${s.cIn} → ${width} channels before the ${kxk(s.kernel)} (Inception/ResNet bottleneck)`,
    layers: [
      conv(
        c,
        reduce,
        s.bottomName,
        reduce,
        { cOut: width, kernel: [1, 1], stride: [1, 1], pad: [0, 0], dilation: [1, 1], group: 1 },
        false,
      ),
      conv(
        c,
        name,
        reduce,
        top,
        { cOut: s.cOut, kernel: s.kernel, stride: s.stride, pad: s.pad, dilation: s.dilation, group: 1 },
        true,
      ),
    ],
    notes: [
      `The ${kxk(s.kernel)} now sees ${width} channels instead of ${s.cIn}: a capacity trade-off, cheap where the input is redundant.`,
      ...(c.relu ? [RELU_NOTE] : []),
    ],
  };
};

const depthwiseSeparable: Planner = (c) => {
  const s = c.site;
  if (s.kernel[0] * s.kernel[1] === 1) return 'a 1×1 conv has no spatial part to separate';
  if (s.group !== 1) return `the layer is grouped (group ${s.group}) already`;
  if (s.cIn < 2) return 'one input channel: depthwise and standard are the same';
  const dw = mid(c, 'dw');
  const { name, top } = tail(c);
  return {
    kind: 'depthwise-separable',
    options: { relu: c.relu },
    description: `depthwise ${kxk(s.kernel)} (one filter per channel) then pointwise 1×1 ${s.cIn} → ${s.cOut} (MobileNet)`,
    layers: [
      conv(
        c,
        dw,
        s.bottomName,
        dw,
        {
          cOut: s.cIn,
          kernel: s.kernel,
          stride: s.stride,
          pad: s.pad,
          dilation: s.dilation,
          group: s.cIn,
          depthwise: true,
        },
        false,
      ),
      conv(
        c,
        name,
        dw,
        top,
        { cOut: s.cOut, kernel: [1, 1], stride: [1, 1], pad: [0, 0], dilation: [1, 1], group: 1 },
        true,
      ),
    ],
    notes: c.relu ? [RELU_NOTE.replace('(VGG, Inception)', '(MobileNet puts BN + ReLU there)')] : [],
  };
};

/** ShuffleNet's g = 3 where it divides both channel counts, else the first of 4, 2, 8 that does. */
function defaultGroups(cIn: number, cOut: number): number | undefined {
  return [3, 4, 2, 8].find((g) => cIn % g === 0 && cOut % g === 0);
}

const groupShuffle: Planner = (c, o) => {
  const s = c.site;
  if (s.group !== 1) return `the layer is grouped (group ${s.group}) already`;
  if (s.keras?.channelsFirst)
    return 'channels_first Keras layers are not shuffled (the shuffle is written for channels_last)';
  const groups = o.groups ?? defaultGroups(s.cIn, s.cOut);
  if (groups === undefined) return `no group count of 2, 3, 4 or 8 divides both ${s.cIn} and ${s.cOut} channels`;
  if (!Number.isInteger(groups) || groups < 2) return `groups ${groups} must be an integer of 2 or more`;
  if (s.cIn % groups !== 0 || s.cOut % groups !== 0) {
    return `groups ${groups} must divide both the ${s.cIn} input and ${s.cOut} output channels`;
  }
  const caffe = s.format !== 'keras';
  // Caffe keeps the layer name on the convolution (the shuffle is new); Keras names tensors by
  // layer, so the shuffle's last layer must carry the original name.
  const convName = caffe ? s.node.name : mid(c, `g${groups}`);
  const convTop = caffe ? c.fresh(`${s.topName}_g${groups}`) : convName;
  const shuffleName = caffe ? mid(c, 'shuffle') : s.node.name;
  return {
    kind: 'group-shuffle',
    options: { groups },
    description: `${groups} groups + channel shuffle (ShuffleNet): each filter sees ${s.cIn / groups} of ${s.cIn} channels; the shuffle mixes the groups for the next layer at no multiply cost`,
    layers: [
      {
        op: 'conv',
        name: convName,
        bottom: s.bottomName,
        top: convTop,
        cOut: s.cOut,
        kernel: s.kernel,
        stride: s.stride,
        pad: s.pad,
        dilation: s.dilation,
        group: groups,
        depthwise: false,
        reluAfter: false,
        last: true,
      },
      { op: 'shuffle', name: shuffleName, bottom: convTop, top: s.topName, groups },
    ],
    notes: [
      'A grouped convolution alone would only ever mix channels inside its group; the shuffle lets the next layer see every group.',
      ...(caffe
        ? ['ShuffleChannel is a fork layer (ShuffleNet Caffe ports), not in BVLC Caffe.']
        : [
            'Keras has no shuffle layer: it is written as Reshape → Permute → Reshape, which the receptive field is not followed through. Conv2D `groups` needs TensorFlow 2.3 or later.',
          ]),
    ],
  };
};

const dilate: Planner = (c) => {
  const s = c.site;
  const k = s.kernel[0];
  if (!isSquareOdd(s.kernel) || k < 5) return `needs an odd square kernel of 5 or more; this one is ${kxk(s.kernel)}`;
  if (!undilated(s)) return 'the kernel is dilated already';
  if (s.keras && (s.stride[0] > 1 || s.stride[1] > 1)) {
    return 'Keras does not allow a dilation with strides > 1';
  }
  const d = (k - 1) / 2;
  const { name, top } = tail(c);
  return {
    kind: 'dilate',
    options: {},
    description: `${k}×${k} → 3×3 with dilation ${d}: the same ${k}×${k} window with 9 taps instead of ${k * k}`,
    layers: [
      conv(
        c,
        name,
        s.bottomName,
        top,
        { cOut: s.cOut, kernel: [3, 3], stride: s.stride, pad: s.pad, dilation: [d, d], group: s.group },
        true,
      ),
    ],
    notes: [
      `The taps are ${d} pixels apart: the pixels between them are skipped (gridding), so fine detail inside the window is lost unless other layers fill it in.`,
    ],
  };
};

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
