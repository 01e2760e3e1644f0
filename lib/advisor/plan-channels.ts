/**
 * Rewrites of a convolution's channel mixing: a 1×1 bottleneck in front, depthwise + pointwise,
 * groups + a channel shuffle. The spatial kernel is kept.
 */
import { checkWidth, conv, kxk, mid, RELU_NOTE, tail, type Planner } from './plan-helpers';

/** The default bottleneck width: a quarter of the input channels (ResNet's ratio), at least 1. */
function defaultWidth(cIn: number): number {
  return Math.max(1, Math.floor(cIn / 4));
}

export const bottleneck: Planner = (c, o) => {
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

export const depthwiseSeparable: Planner = (c) => {
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

export const groupShuffle: Planner = (c, o) => {
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
