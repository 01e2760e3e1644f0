import type { Shape } from '../ir';
import type { AttrReader, OpContext, RFAxisStep } from './types';
import { canonicalAxis, effectiveKernel } from './util';

/** Per-spatial-axis convolution hyper-parameters after Caffe's defaulting and broadcasting. */
export interface SpatialParams {
  readonly kernel: number[];
  readonly stride: number[];
  readonly pad: number[];
  readonly dilation: number[];
}

/** Where the channel axis is and which axes are spatial, for a Caffe (N, …, C, spatial…) blob. */
export interface ChannelLayout {
  readonly axis: number;
  /** Product of the dims before the channel axis (the "num" of base_conv_layer.cpp). */
  readonly outer: number;
  readonly channels: number;
  readonly spatial: number[];
}

/**
 * Resolves `axis` (default 1) against the input rank: the channel axis, and every later axis is
 * spatial (base_conv_layer.cpp LayerSetUp: channel_axis_ = CanonicalAxisIndex(axis),
 * num_spatial_axes_ = num_axes − channel_axis_ − 1). Reports and returns null on a bad rank.
 */
export function channelLayout(
  ctx: OpContext,
  x: Shape,
  block: string,
  opts: { minSpatial?: number; maxSpatial?: number } = {},
): ChannelLayout | null {
  const p = ctx.attrs.msg(block);
  const rawAxis = p.num('axis', 1);
  const axis = canonicalAxis(rawAxis, x.length);
  if (axis === undefined) {
    ctx.error(`axis ${rawAxis} is out of range for a ${x.length}-D input (${x.join('×')})`, `${block}.axis`);
    return null;
  }
  const spatial = x.length - axis === 3 ? sharedPair(x[axis + 1]!, x[axis + 2]!) : x.slice(axis + 1);
  const min = opts.minSpatial ?? 1;
  if (spatial.length < min || (opts.maxSpatial !== undefined && spatial.length > opts.maxSpatial)) {
    const want =
      opts.maxSpatial === undefined
        ? `at least ${min}`
        : min === opts.maxSpatial
          ? `${min}`
          : `${min} to ${opts.maxSpatial}`;
    ctx.error(
      `input ${x.join('×')} has ${spatial.length} spatial axes after the channel axis ${axis}; ${want} needed`,
      block,
    );
    return null;
  }
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= x[i]!;
  return { axis, outer, channels: x[axis]!, spatial };
}

/**
 * The 2-D results of repeat for small whole values (3×3 kernels, unit strides and dilations,
 * pads), one frozen array each, shared by every layer: the result keeps four per convolution in
 * its algorithm geometry, and a 175,000-layer model would otherwise keep 140,000 identical
 * small arrays. Frozen, so code that tried to write one would throw rather than change other
 * layers' figures.
 */
const PAIRS: (readonly number[] | undefined)[] = [];
const MAX_SHARED_PAIR = 16;

/**
 * `n` copies of `v`, in an array of exactly `n` slots (an array grown by push from `[]` reserves
 * 16). A plain loop: Array.from with a callback is slow on this per-layer path.
 */
function repeat(v: number, n: number): number[] {
  if (n === 2) {
    if (Number.isInteger(v) && v >= 0 && v <= MAX_SHARED_PAIR && !Object.is(v, -0)) {
      // Typed as mutable for the callers' SpatialParams; nothing writes it (frozen: a write throws).
      return (PAIRS[v] ??= Object.freeze([v, v])) as number[];
    }
    return [v, v];
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = v;
  return out;
}

/** Rows of shared 2-D spatial sizes: PAIR_ROWS[a][b] is the frozen [a, b] (see sharedPair). */
const PAIR_ROWS: (readonly number[] | undefined)[][] = [];
const MAX_PAIR_DIM = 4096;

/**
 * [a, b] as one frozen array shared by every layer with those 2-D sizes (whole values below
 * 4,096; a fresh array otherwise). A convolution keeps its input and output spatial sizes in
 * its algorithm geometry, and most layers of a deep model repeat a few sizes (56×56, 28×28…):
 * at 175,000 layers that is ~90,000 small arrays the collector need not copy. Frozen, so a write
 * would throw instead of changing other layers.
 */
export function sharedPair(a: number, b: number): number[] {
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < MAX_PAIR_DIM && b < MAX_PAIR_DIM))
    return [a, b];
  if (Object.is(a, -0) || Object.is(b, -0)) return [a, b];
  const row = (PAIR_ROWS[a] ??= []);
  // Typed as mutable for the callers' number[] fields; nothing writes it (frozen: a write throws).
  return (row[b] ??= Object.freeze([a, b])) as number[];
}

/** The per-axis 2-D spellings of a field, e.g. kernel_h/kernel_w for kernel_size. */
interface AxisNames {
  readonly hName: string;
  readonly wName: string;
}

/** The per-axis 2-D spellings, cached because every convolution asks for them (built once, not per layer). */
const PER_AXIS = new Map<string, AxisNames>();

/** The per-axis 2-D spellings drop `_size`: kernel_h/kernel_w, stride_h/stride_w, pad_h/pad_w. */
function perAxisNames(name: string): AxisNames {
  let names = PER_AXIS.get(name);
  if (names === undefined) {
    const base = name.replace(/_size$/, '');
    names = { hName: `${base}_h`, wName: `${base}_w` };
    PER_AXIS.set(name, names);
  }
  return names;
}

/**
 * Reads one Caffe spatial field: either `name_h`/`name_w` (2-D only) or the repeated `name`
 * given once (broadcast) or once per spatial axis; `fallback` when absent (null: required).
 * Mirrors the CHECKs of base_conv_layer.cpp LayerSetUp.
 */
export function readAxisField(
  ctx: OpContext,
  p: AttrReader,
  block: string,
  name: string,
  nSpatial: number,
  fallback: number | null,
  hw: boolean,
): number[] | null {
  return readAxisFieldNamed(ctx, p, block, name, perAxisNames(name), nSpatial, fallback, hw);
}

function readAxisFieldNamed(
  ctx: OpContext,
  p: AttrReader,
  block: string,
  name: string,
  { hName, wName }: AxisNames,
  nSpatial: number,
  fallback: number | null,
  hw: boolean,
): number[] | null {
  const attrs = p.attrs;
  if (hw && (attrs[hName] !== undefined || attrs[wName] !== undefined)) {
    if (nSpatial !== 2) {
      ctx.error(
        `${hName} & ${wName} can only be used for 2-D inputs (input has ${nSpatial} spatial axes)`,
        `${block}.${hName}`,
      );
      return null;
    }
    if (p.nums(name).length > 0) {
      ctx.error(`either ${name} or ${hName}/${wName} should be specified, not both`, `${block}.${name}`);
      return null;
    }
    const h = p.numOpt(hName);
    const w = p.numOpt(wName);
    // Caffe reads both proto fields; an absent one is the proto default 0 (fatal for kernel/stride).
    if (fallback !== 0 && (h === undefined || w === undefined)) {
      const missing = h === undefined ? hName : wName;
      ctx.error(
        `${missing} is missing: ${hName} and ${wName} must be given together`,
        `${block}.${h === undefined ? wName : hName}`,
      );
      return null;
    }
    return [h ?? 0, w ?? 0];
  }
  const raw = attrs[name];
  // The common spellings, read without building a list: one number (broadcast) or absent.
  if (typeof raw === 'number') return repeat(raw, nSpatial);
  if (raw === undefined && fallback !== null) return repeat(fallback, nSpatial);
  const values = p.nums(name);
  // A one-dim BlobShape (`kernel_shape { dim: 3 }`) may arrive as { dim: 3 } rather than { dim: [3] }.
  if (values.length === 0 && typeof raw === 'object' && !Array.isArray(raw) && typeof raw.dim === 'number') {
    values.push(raw.dim);
  }
  if (values.length === 0) {
    if (fallback === null) {
      ctx.error(
        `${name} is required (${hw ? `${name}, or ${hName} and ${wName}` : `one value per spatial axis`})`,
        block,
      );
      return null;
    }
    return repeat(fallback, nSpatial);
  }
  if (values.length === 1) return repeat(values[0]!, nSpatial);
  if (values.length === nSpatial) return values;
  ctx.error(
    `${name} must be specified once, or once per spatial dimension (${name} specified ${values.length} times; ${nSpatial} spatial dims)`,
    `${block}.${name}`,
  );
  return null;
}

/**
 * The first value that is not a whole number meeting the rule (> 0, or ≥ 0 with `zeroOk`), or
 * undefined when all do. A loop over the few values: no closures per layer.
 */
function firstBad(values: readonly number[], zeroOk: boolean): number | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || (v === 0 && !zeroOk)) return v;
  }
  return undefined;
}

/** Which field names carry the geometry: Caffe's repeated fields or video-caffe's BlobShape fields. */
export type GeometryStyle = 'caffe' | 'nd';

/**
 * Reads kernel/stride/pad/dilation of a ConvolutionParameter for `nSpatial` axes.
 * 'caffe': kernel_size/stride/pad/dilation (+ _h/_w). 'nd': NdConvolution's kernel_shape,
 * stride_shape, pad_shape ({ dim: … } blocks, one dim per spatial axis).
 */
export function readConvSpatial(
  ctx: OpContext,
  block: string,
  nSpatial: number,
  style: GeometryStyle = 'caffe',
): SpatialParams | null {
  const p = ctx.attrs.msg(block);
  const names = style === 'caffe' ? CAFFE_FIELDS : ND_FIELDS;
  const hw = style === 'caffe';
  const kernel = readAxisFieldNamed(ctx, p, block, names.kernel, names.kernelAxes, nSpatial, null, hw);
  const stride = readAxisFieldNamed(ctx, p, block, names.stride, names.strideAxes, nSpatial, 1, hw);
  const pad = readAxisFieldNamed(ctx, p, block, names.pad, names.padAxes, nSpatial, 0, hw);
  const dilation = readAxisFieldNamed(ctx, p, block, 'dilation', DILATION_AXES, nSpatial, 1, false);
  if (!kernel || !stride || !pad || !dilation) return null;
  // The checks in Caffe's order; the first failing one reports (its field path built only then).
  let bad = firstBad(kernel, false);
  if (bad !== undefined) {
    ctx.error(
      `${names.kernel} ${bad} is not allowed (filter dimensions must be nonzero)`,
      kernelField(ctx, block, style),
    );
    return null;
  }
  bad = firstBad(stride, false);
  if (bad !== undefined) {
    ctx.error(`${names.stride} ${bad} is not allowed (stride must be positive)`, `${block}.${names.stride}`);
    return null;
  }
  bad = firstBad(pad, true);
  if (bad !== undefined) {
    ctx.error(`${names.pad} ${bad} is not allowed (padding must be non-negative)`, `${block}.${names.pad}`);
    return null;
  }
  bad = firstBad(dilation, false);
  if (bad !== undefined) {
    ctx.error(`dilation ${bad} is not allowed (dilation must be positive)`, `${block}.dilation`);
    return null;
  }
  return { kernel, stride, pad, dilation };
}

/** The geometry field names of each style, with their per-axis spellings (resolved once). */
const CAFFE_FIELDS = fieldNames('kernel_size', 'stride', 'pad');
const ND_FIELDS = fieldNames('kernel_shape', 'stride_shape', 'pad_shape');
const DILATION_AXES = perAxisNames('dilation');

function fieldNames(kernel: string, stride: string, pad: string) {
  return {
    kernel,
    stride,
    pad,
    kernelAxes: perAxisNames(kernel),
    strideAxes: perAxisNames(stride),
    padAxes: perAxisNames(pad),
  };
}

/** Field path of the kernel in the source, for diagnostics (kernel_size, kernel_h or kernel_shape). */
export function kernelField(ctx: OpContext, block: string, style: GeometryStyle = 'caffe'): string {
  const p = ctx.attrs.msg(block);
  if (style === 'nd') return `${block}.kernel_shape`;
  return p.has('kernel_size') || !p.has('kernel_h') ? `${block}.kernel_size` : `${block}.kernel_h`;
}

/** The last windowRF results with the geometry arrays they were made from (see windowRF). */
const RECENT_RF = 4;
const rfMemo: { sp: SpatialParams; steps: readonly RFAxisStep[] }[] = [];
let rfNext = 0;

/**
 * Receptive-field steps of a convolution-like window (kernel after dilation, stride, pad). The
 * analysis only reads them (the field it keeps is computed from them), so a window made of the
 * same shared 2-D arrays as one of the last few (see repeat and sharedPair) gets that one's
 * frozen steps back instead of a new array and one object per axis.
 */
export function windowRF(sp: SpatialParams): RFAxisStep[] {
  for (let i = 0; i < rfMemo.length; i++) {
    const m = rfMemo[i]!;
    if (m.sp.kernel === sp.kernel && m.sp.stride === sp.stride && m.sp.pad === sp.pad && m.sp.dilation === sp.dilation)
      return m.steps as RFAxisStep[];
  }
  const n = sp.kernel.length;
  const steps = new Array<RFAxisStep>(n);
  for (let i = 0; i < n; i++) {
    steps[i] = { kernel: effectiveKernel(sp.kernel[i]!, sp.dilation[i]), stride: sp.stride[i]!, pad: sp.pad[i]! };
  }
  // Only windows of shared (frozen) arrays are remembered: a fresh array is never seen again.
  if (
    Object.isFrozen(sp.kernel) &&
    Object.isFrozen(sp.stride) &&
    Object.isFrozen(sp.pad) &&
    Object.isFrozen(sp.dilation)
  ) {
    for (let i = 0; i < n; i++) Object.freeze(steps[i]);
    Object.freeze(steps);
    rfMemo[rfNext] = { sp: { kernel: sp.kernel, stride: sp.stride, pad: sp.pad, dilation: sp.dilation }, steps };
    rfNext = (rfNext + 1) % RECENT_RF;
  }
  return steps;
}

/** Human names of the spatial axes for messages: H, W for 2-D; D, H, W for 3-D; axis numbers otherwise. */
export function axisName(i: number, nSpatial: number): string {
  const names = nSpatial === 1 ? ['W'] : nSpatial === 2 ? ['H', 'W'] : nSpatial === 3 ? ['D', 'H', 'W'] : [];
  return names[i] ?? `spatial axis ${i}`;
}

export function product(values: readonly number[]): number {
  let p = 1;
  for (let i = 0; i < values.length; i++) p *= values[i]!;
  return p;
}

/**
 * num_output and group of a (de)convolution, validated as base_conv_layer.cpp does
 * (CHECK_EQ(channels_ % group_, 0); CHECK_EQ(num_output_ % group_, 0)). Reports and returns
 * null when either is unusable; `type` names the layer in the "missing" message.
 */
export function readOutputsAndGroup(
  ctx: OpContext,
  block: string,
  cIn: number,
  type: string,
): { cOut: number; group: number } | null {
  const p = ctx.attrs.msg(block);
  const n = p.numOpt('num_output');
  if (n === undefined || n <= 0 || !Number.isInteger(n)) {
    ctx.error(
      n === undefined ? `num_output is missing (required for ${type})` : `num_output ${n} must be a positive integer`,
      n === undefined ? block : `${block}.num_output`,
    );
    return null;
  }
  const group = p.num('group', 1);
  if (!Number.isInteger(group) || group <= 0) {
    ctx.error(`group ${group} must be a positive integer`, `${block}.group`);
    return null;
  }
  if (cIn % group !== 0) {
    ctx.error(`input channels ${cIn} are not divisible by group ${group}`, `${block}.group`);
    return null;
  }
  if (n % group !== 0) {
    ctx.error(`num_output ${n} is not divisible by group ${group}`, `${block}.group`);
    return null;
  }
  return { cOut: n, group };
}
