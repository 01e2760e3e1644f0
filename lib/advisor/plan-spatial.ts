/**
 * Rewrites of a convolution's spatial extent: stacked 3×3s, 1×n + n×1, a dilated 3×3. They keep
 * the receptive field; the channels are untouched.
 */
import type { PlanLayer } from './plan';
import {
  checkWidth,
  conv,
  innerWidth,
  isSquareOdd,
  kxk,
  mid,
  RELU_NOTE,
  spreadPad,
  tail,
  undilated,
  type Planner,
} from './plan-helpers';

export const stack3x3: Planner = (c, o) => {
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

export const factorize: Planner = (c, o) => {
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

export const dilate: Planner = (c) => {
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
