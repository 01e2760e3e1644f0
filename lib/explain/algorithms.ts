import type { ConvAlgorithms } from '../ops/types';
import { formatBytes, formatInt } from '../report/format';
import type { DotGeometry } from './geometry';
import type { AlgorithmRow } from './types';

/**
 * Winograd transform matrices of Lavin & Gray, "Fast Algorithms for Convolutional Neural
 * Networks" (2015): Bᵀ (input tile α×α → α×α) and Aᵀ (α×α → output tile m×m). Their additions
 * are counted from the matrices (a row with n non-zeros costs n−1 additions per vector it is
 * applied to); the scalings by 2, 4, 5, 8 are not multiplications of data by data and are not counted.
 */
const WINOGRAD = {
  2: {
    bt: [
      [1, 0, -1, 0],
      [0, 1, 1, 0],
      [0, -1, 1, 0],
      [0, 1, 0, -1],
    ],
    at: [
      [1, 1, 1, 0],
      [0, 1, -1, -1],
    ],
  },
  4: {
    bt: [
      [4, 0, -5, 0, 1, 0],
      [0, -4, -4, 1, 1, 0],
      [0, 4, -4, -1, 1, 0],
      [0, -2, -1, 2, 1, 0],
      [0, 2, -1, -2, 1, 0],
      [0, 4, 0, -5, 0, 1],
    ],
    at: [
      [1, 1, 1, 1, 1, 0],
      [0, 1, -1, 2, -2, 0],
      [0, 1, 1, 4, 4, 0],
      [0, 1, -1, 8, -8, 1],
    ],
  },
} as const;

/** Additions to apply a matrix to one vector: Σ over rows of (non-zeros − 1). */
function addsPerVector(m: readonly (readonly number[])[]): number {
  return m.reduce((s, row) => s + Math.max(0, row.filter((v) => v !== 0).length - 1), 0);
}

/** Additions of the Winograd transforms per tile: input Bᵀ·d·B per input channel, output Aᵀ·M·A per output channel. */
export function winogradTransformAdds(m: 2 | 4): { input: number; output: number } {
  const { bt, at } = WINOGRAD[m];
  const alpha = bt.length;
  const a = addsPerVector(bt);
  const b = addsPerVector(at);
  // Bᵀ·d: α columns; (Bᵀd)·B: α rows. Aᵀ·M: α columns; (AᵀM)·A: m rows.
  return { input: 2 * alpha * a, output: (alpha + m) * b };
}

function ratioText(speedup: number): string {
  return speedup >= 1 ? `${speedup.toFixed(2)}× fewer than direct` : `${(1 / speedup).toFixed(2)}× more than direct`;
}

function winogradRow(m: 2 | 4, g: DotGeometry, alg: ConvAlgorithms): AlgorithmRow {
  const id = m === 2 ? 'winograd-2' : 'winograd-4';
  const name = `Winograd F(${m}×${m},3×3)`;
  const alpha = m + 2;
  const perTile = alpha * alpha;
  const direct = m * m * 9;
  const help = `Multiplications of the element-wise stage: ${perTile} per ${alpha}×${alpha} input tile (giving ${m}×${m} outputs) per input/output channel pair, against ${direct} for the direct method. Transform additions are listed separately.`;
  const w = m === 2 ? alg.winograd?.f2x2_3x3 : alg.winograd?.f4x4_3x3;
  if (!w) {
    const why =
      g.kernel.length !== 2
        ? `does not apply: ${g.kernel.length}-D convolution (the tiles here are 2-D)`
        : `does not apply: needs a 3×3 kernel, stride 1, no dilation (this layer: ${g.kernel.join('×')}, stride ${g.stride.join('×')}${g.dilation.some((d) => d > 1) ? `, dilation ${g.dilation.join('×')}` : ''})`;
    return {
      id,
      name,
      applies: false,
      count: null,
      unit: 'multiplications',
      speedup: null,
      estimate: false,
      detail: [],
      why,
      help,
    };
  }
  const t = winogradTransformAdds(m);
  const [hOut, wOut] = g.outSpatial as [number, number];
  const pairs = (g.cIn * g.cOut) / g.group;
  const inAdds = w.tiles * t.input * g.cIn;
  const outAdds = w.tiles * t.output * g.cOut;
  const speedup = alg.directMacs / w.multiplications;
  return {
    id,
    name,
    applies: true,
    count: w.multiplications,
    unit: 'multiplications',
    speedup,
    estimate: false,
    detail: [
      `tiles: ⌈${hOut}/${m}⌉·⌈${wOut}/${m}⌉ = ${formatInt(w.tiles)} tiles of ${alpha}×${alpha} inputs → ${m}×${m} outputs`,
      `multiplications: ${formatInt(w.tiles)} tiles · ${perTile} · ${formatInt(pairs)} channel pairs = ${formatInt(w.multiplications)} (${perTile} vs ${direct} per tile: ${(direct / perTile).toFixed(2)}×)`,
      `transform additions: ${t.input} per tile per input channel + ${t.output} per tile per output channel = ${formatInt(inAdds + outAdds)} (counted from the matrices; kernel transforms are done once per weights)`,
    ],
    why: `${ratioText(speedup)}: each tile's ${m * m} outputs share one transformed input tile; ${m === 4 ? 'bigger tiles save more but lose accuracy (fp16 especially)' : 'the safe, exact-enough choice'}. Only 3×3, stride 1, no dilation.`,
    help,
  };
}

function fftRow(g: DotGeometry, alg: ConvAlgorithms): AlgorithmRow {
  const help =
    'An ESTIMATE of the FLOPs of convolution by FFT: transform every input plane, kernel and output (≈2.5·P·log₂P each for P points), then one complex multiply-add (8 FLOPs) per half-spectrum bin per channel pair. Real libraries tile and reuse; treat it as an order of magnitude.';
  const flops = alg.fftEstimateFlops;
  if (flops === undefined || flops === 0) {
    return {
      id: 'fft',
      name: 'FFT',
      applies: false,
      count: null,
      unit: 'FLOPs',
      speedup: null,
      estimate: true,
      detail: [],
      why: 'no estimate for this layer',
      help,
    };
  }
  const g2 = alg.geometry;
  const padded = g2 ? g2.inSpatial.map((d, i) => d + 2 * (g2.pad[i] ?? 0)) : g.inSpatial;
  const p = padded.reduce((a, b) => a * b, 1);
  const pairs = (g.cIn * g.cOut) / g.group;
  const transforms = g.cIn + g.cOut + pairs;
  const directFlops = 2 * alg.directMacs;
  const speedup = directFlops / flops;
  const kProd = g.kernel.reduce((a, b) => a * b, 1);
  let why: string;
  if (kProd === 1) {
    why = `meaningless for a 1×1 conv: direct costs one multiply-add per channel pair per pixel, and no transform can beat that; the figure (${ratioText(speedup)}) only shows the cost of transforming every plane.`;
  } else if (g.stride.some((s) => s > 1)) {
    why = `${ratioText(speedup)}: loses with strides, since the FFT computes every stride-1 output and keeps 1 in ${g.stride.reduce((a, b) => a * b, 1)}.`;
  } else if (speedup > 1) {
    why = `${ratioText(speedup)}: wins with large kernels: a ${g.kernel.join('×')} kernel costs ${kProd} multiply-adds per output per channel pair directly, the spectral product a few per pixel whatever the kernel size.`;
  } else {
    why = `${ratioText(speedup)}: small kernels (${g.kernel.join('×')}) are cheaper directly; the FFT wins with large kernels.`;
  }
  return {
    id: 'fft',
    name: 'FFT (estimate)',
    applies: true,
    count: flops,
    unit: 'FLOPs',
    speedup,
    estimate: true,
    detail: [
      `transform size: the padded input, ${padded.join('×')} = ${formatInt(p)} points`,
      `transforms: ${g.cIn} input + ${g.cOut} output + ${formatInt(pairs)} kernel planes = ${formatInt(transforms)}, ≈2.5·P·log₂P FLOPs each`,
      `pointwise products: ${formatInt(Math.floor(p / 2))} bins · ${formatInt(pairs)} channel pairs, 8 FLOPs each`,
      `compared with the direct method's ${formatInt(directFlops)} FLOPs (2·MACs), not its MACs`,
    ],
    why,
    help,
  };
}

/**
 * Each way of computing the convolution with its count, its ratio to the direct method and one
 * line of why, from the figures the op computed (lib/ops/util-algorithms.ts), per image.
 */
export function explainAlgorithms(g: DotGeometry, alg: ConvAlgorithms): AlgorithmRow[] {
  const { m, k, n, groups } = alg.gemm;
  const kProd = g.kernel.reduce((a, b) => a * b, 1);
  const sProd = g.stride.reduce((a, b) => a * b, 1);
  const deconv = g.kind === 'deconv';
  const direct: AlgorithmRow = {
    id: 'direct',
    name: 'Direct',
    applies: true,
    count: alg.directMacs,
    unit: 'MACs',
    speedup: 1,
    estimate: false,
    detail: [deconv ? 'every input value scatters one kernel into the output' : 'one dot product per output value'],
    why: 'the textbook loop: one multiply-add per weight per output position (per image).',
    help: 'Multiply-accumulates of the plain nested loops, per image: the reference every other method is compared with.',
  };
  const oneByOne = kProd === 1 && sProd === 1;
  const im2col: AlgorithmRow = {
    id: 'im2col',
    name: deconv ? 'GEMM + col2im' : 'im2col + GEMM',
    applies: true,
    count: m * k * n * groups,
    unit: 'MACs',
    speedup: alg.directMacs / (m * k * n * groups),
    estimate: false,
    detail: [
      deconv
        ? `GEMM per group: M×K×N = (C_out/g)·∏k × C_in/g × ∏in = ${formatInt(m)} × ${formatInt(k)} × ${formatInt(n)}${groups > 1 ? `, × ${groups} groups` : ''}`
        : `GEMM per group: M×K×N = C_out/g × (C_in/g)·∏k × ∏out = ${formatInt(m)} × ${formatInt(k)} × ${formatInt(n)}${groups > 1 ? `, × ${groups} groups` : ''}`,
      deconv
        ? `column buffer: ${formatInt(alg.im2colBufferElements)} values = ${formatBytes(alg.im2colBufferBytes)}, ${alg.im2colInputRatio.toFixed(2)}× the input, scattered back by col2im`
        : `im2col buffer: K·N·g = ${formatInt(alg.im2colBufferElements)} values = ${formatBytes(alg.im2colBufferBytes)}, ${alg.im2colInputRatio.toFixed(2)}× the input (k²/stride² = ${kProd}/${sProd} = ${(kProd / sProd).toFixed(2)}; borders and padding make the exact ratio differ)`,
    ],
    why: oneByOne
      ? 'same multiplications as direct; a 1×1 stride-1 conv is already a GEMM on the input, so no copy is needed.'
      : 'same multiplications as direct, in one large matrix multiply that BLAS/cuDNN run near peak speed; the price is the buffer, which copies every overlapping patch.',
    help: 'Multiply-accumulates of the matrix multiply (M×K×N per group, per image): the same as direct. The buffer line is the memory cost of unfolding every patch into a column.',
  };
  const rows = [direct, im2col];
  if (!deconv) rows.push(winogradRow(2, g, alg), winogradRow(4, g, alg));
  rows.push(fftRow(g, alg));
  return rows;
}
