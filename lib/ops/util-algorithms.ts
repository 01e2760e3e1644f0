import type { ConvAlgorithms, ConvGeometry } from './types';

export type { ConvGeometry } from './types';

const BYTES_PER_ELEMENT = 4;

function prod(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
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

/**
 * The "how is it computed" view of one convolution, per image (counting.md, "Algorithms"):
 * direct MACs, im2col + GEMM dims per group (M = C_out/g, K = (C_in/g)·∏k, N = ∏out),
 * im2col buffer K·N·g elements and its ratio to the input, Winograd where it applies, FFT estimate.
 */
export function convAlgorithms(g: ConvGeometry): ConvAlgorithms {
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
