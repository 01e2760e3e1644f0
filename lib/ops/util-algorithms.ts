import type { ConvAlgorithms, ConvGeometry } from './types';

export type { ConvGeometry } from './types';

const BYTES_PER_ELEMENT = 4;

function prod(values: readonly number[]): number {
  let p = 1;
  for (let i = 0; i < values.length; i++) p *= values[i]!;
  return p;
}

/** Winograd F(m×m, 3×3): tiles = ceil(H_out/m)·ceil(W_out/m); multiplications = tiles·(m+2)²·C_in·C_out/g. */
export function winogradCost(
  m: number,
  outSpatial: readonly number[],
  cIn: number,
  cOut: number,
  group: number,
): { tiles: number; multiplications: number } {
  let tiles = 1;
  for (let i = 0; i < outSpatial.length; i++) tiles *= Math.ceil(outSpatial[i]! / m);
  return { tiles, multiplications: tiles * (m + 2) ** 2 * ((cIn * cOut) / group) };
}

/** True where Winograd F(m×m, 3×3) applies: 2-D, 3×3, stride 1, dilation 1 (seed-notes §5). */
export function winogradApplies(g: Pick<ConvGeometry, 'kernel' | 'stride' | 'dilation'>): boolean {
  const { kernel, stride, dilation } = g;
  if (kernel.length !== 2) return false;
  // Plain loops over the two axes: this runs for every convolution.
  for (let i = 0; i < 2; i++) if (kernel[i] !== 3) return false;
  for (let i = 0; i < stride.length; i++) if (stride[i] !== 1) return false;
  for (let i = 0; i < dilation.length; i++) if (dilation[i] !== 1) return false;
  return true;
}

/**
 * FFT cost estimate (FLOPs, per image). Every channel plane is zero-padded to the padded
 * input size P (the full stride-1 correlation is computed, then subsampled, so strides do not
 * help); a real FFT of P points costs ≈ 2.5·P·log2(P) flops; input planes (C_in), kernels
 * (C_out·C_in/g) and outputs (C_out) are transformed; the spectral stage is one complex
 * multiply-add (8 flops) per half-spectrum bin per (output, input-in-group) channel pair.
 * An estimate only: real libraries tile, reuse kernel transforms and pick sizes.
 */
export function fftEstimateFlops(g: ConvGeometry): number {
  // The product of the padded input sizes, without an array of them.
  let p = 1;
  for (let i = 0; i < g.inSpatial.length; i++) p *= g.inSpatial[i]! + 2 * (g.pad[i] ?? 0);
  if (p <= 1) return 0;
  const perTransform = 2.5 * p * Math.log2(p);
  const pairs = (g.cOut * g.cIn) / g.group;
  return Math.round(perTransform * (g.cIn + g.cOut + pairs) + 8 * (p / 2) * pairs);
}

/** How many recent convolutions' figures are kept for reuse (see convAlgorithms). */
const RECENT = 16;
const recent: (ConvAlgorithms | undefined)[] = new Array<ConvAlgorithms | undefined>(RECENT).fill(undefined);
/** Whether recent[i] has been handed out twice (and is therefore frozen). */
const shared = new Uint8Array(RECENT);
let nextSlot = 0;

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameGeometry(a: ConvGeometry, b: ConvGeometry): boolean {
  return (
    Object.is(a.cIn, b.cIn) &&
    Object.is(a.cOut, b.cOut) &&
    Object.is(a.group, b.group) &&
    sameValues(a.outSpatial, b.outSpatial) &&
    sameValues(a.inSpatial, b.inSpatial) &&
    sameValues(a.kernel, b.kernel) &&
    sameValues(a.stride, b.stride) &&
    sameValues(a.pad, b.pad) &&
    sameValues(a.dilation, b.dilation)
  );
}

/**
 * The "how is it computed" view of one convolution, per image (counting.md, "Algorithms"):
 * direct MACs, im2col + GEMM dims per group (M = C_out/g, K = (C_in/g)·∏k, N = ∏out),
 * im2col buffer K·N·g elements and its ratio to the input, Winograd where it applies, FFT estimate.
 *
 * The figures depend on the geometry alone, and deep models repeat a few convolutions block
 * after block (every 3×3 of a ResNet stage, every conv of a 175,000-layer synthetic chain): one
 * of the last RECENT results with the same geometry (every value equal) is handed out again,
 * instead of seven new objects per layer that the result keeps and the collector copies. A result
 * is frozen when it is first handed out again, so code that tried to write a shared one would
 * throw rather than change other layers' figures.
 */
export function convAlgorithms(g: ConvGeometry): ConvAlgorithms {
  for (let i = 0; i < RECENT; i++) {
    const r = recent[i];
    if (r !== undefined && sameGeometry(r.geometry!, g)) {
      // Frozen when first shared: a convolution whose geometry never repeats pays nothing for it.
      if (shared[i] === 0) {
        freezeAlgorithms(r);
        shared[i] = 1;
      }
      return r;
    }
  }
  const made = computeAlgorithms(g);
  recent[nextSlot] = made;
  shared[nextSlot] = 0;
  nextSlot = (nextSlot + 1) % RECENT;
  return made;
}

function freezeAlgorithms(a: ConvAlgorithms): void {
  Object.freeze(a.geometry);
  Object.freeze(a.gemm);
  if (a.winograd) {
    Object.freeze(a.winograd.f2x2_3x3);
    Object.freeze(a.winograd.f4x4_3x3);
    Object.freeze(a.winograd);
  }
  Object.freeze(a);
}

function computeAlgorithms(g: ConvGeometry): ConvAlgorithms {
  const kProd = prod(g.kernel);
  const outProd = prod(g.outSpatial);
  const inProd = prod(g.inSpatial);
  const m = g.cOut / g.group;
  const k = (g.cIn / g.group) * kProd;
  const directMacs = g.cOut * outProd * k;
  const im2colBufferElements = k * outProd * g.group;
  const inputElements = g.cIn * inProd;
  // Built by assignment, in the same key order as before: a conditional spread in the literal
  // sent every convolution's figures through the engine's generic object copy.
  const out: { -readonly [K in keyof ConvAlgorithms]: ConvAlgorithms[K] } = {
    geometry: g,
    directMacs,
    gemm: { m, k, n: outProd, groups: g.group },
    im2colBufferElements,
    im2colBufferBytes: im2colBufferElements * BYTES_PER_ELEMENT,
    im2colInputRatio: inputElements > 0 ? im2colBufferElements / inputElements : 0,
  };
  if (winogradApplies(g)) {
    out.winograd = {
      f2x2_3x3: winogradCost(2, g.outSpatial, g.cIn, g.cOut, g.group),
      f4x4_3x3: winogradCost(4, g.outSpatial, g.cIn, g.cOut, g.group),
    };
  }
  out.fftEstimateFlops = fftEstimateFlops(g);
  return out;
}
