import type { LayerResult } from '../analysis/types';
import { formatInt } from '../report/format';
import type { DotGeometry } from './geometry';
import type { ExplainFigure } from './types';

/** One factor of a product: its symbol and this layer's value (`text` when the value is shown as a fraction). */
interface Factor {
  readonly sym: string;
  readonly value: number;
  readonly text?: string;
}

/** Axis letters: W for 1-D, H and W for 2-D, D, H and W for 3-D, then numbered axes. */
export function axisLetters(n: number): string[] {
  if (n === 1) return ['W'];
  if (n === 2) return ['H', 'W'];
  if (n === 3) return ['D', 'H', 'W'];
  return Array.from({ length: n }, (_, i) => `X${i + 1}`);
}

function product(fs: readonly Factor[]): { formula: string; substituted: string; value: number } {
  const kept = fs.filter((f) => f.sym !== '');
  return {
    formula: kept.map((f) => f.sym).join('·'),
    substituted: kept.map((f) => f.text ?? String(f.value)).join('·'),
    value: kept.reduce((p, f) => p * f.value, 1),
  };
}

/** The batch factor N only where it is not 1 (the notes write per-image formulas). */
function batch(n: number): Factor[] {
  return n === 1 ? [] : [{ sym: 'N', value: n }];
}

function channelsPerGroup(c: number, g: number, sym: string): Factor {
  // The notes' form, (C_in/g), even for g = 1: the formula a student meets is always the same.
  return g === 1 ? { sym: `(${sym}/g)`, value: c } : { sym: `(${sym}/g)`, value: c / g, text: `(${c}/${g})` };
}

const HELP = {
  macs: 'Multiply-accumulates: one multiplication and one addition per weight per output value. Bias adds are not MACs. Papers call this "FLOPs" or "mult-adds".',
  params:
    'Learnable values this layer stores: the weights, plus one bias per output channel when the layer has a bias.',
  flops:
    'Floating-point operations: a MAC counts as 2 (multiply + add), plus one add per output value for the bias and the work of a fused activation.',
  activations: 'Memory for the output (fp32: 4 bytes per value) that the next layers read.',
  weights: 'Memory for the parameters (fp32: 4 bytes per value).',
};

/** MACs of one layer as a product of its own numbers. */
function macsFactors(g: DotGeometry): Factor[][] {
  const L = axisLetters(g.kernel.length);
  const outs = g.outSpatial.map((v, i) => ({ sym: `${L[i]}_out`, value: v }));
  const ins = g.inSpatial.map((v, i) => ({ sym: `${L[i]}_in`, value: v }));
  const ks = g.kernel.map((v, i) => ({ sym: `k_${L[i]!.toLowerCase()}`, value: v }));
  switch (g.kind) {
    case 'conv':
      return [
        [...batch(g.n), ...outs, { sym: 'C_out', value: g.cOut }, channelsPerGroup(g.cIn, g.group, 'C_in'), ...ks],
      ];
    case 'depthwise':
      // group = C_in: every output channel reads one input channel.
      return [[...batch(g.n), ...outs, { sym: 'C_out', value: g.cOut }, ...ks]];
    case 'deconv':
      return [
        [...batch(g.n), { sym: 'C_in', value: g.cIn }, ...ins, channelsPerGroup(g.cOut, g.group, 'C_out'), ...ks],
      ];
    case 'separable':
      return [
        [
          ...batch(g.n),
          ...outs,
          { sym: 'C_in', value: g.cIn },
          ...(g.dm > 1 ? [{ sym: 'dm', value: g.dm }] : []),
          ...ks,
        ],
        [
          ...batch(g.n),
          ...outs,
          { sym: 'C_in', value: g.cIn },
          ...(g.dm > 1 ? [{ sym: 'dm', value: g.dm }] : []),
          { sym: 'C_out', value: g.cOut },
        ],
      ];
    case 'fc':
      return [
        [
          { sym: g.fc!.m === 1 ? '' : 'M', value: g.fc!.m },
          { sym: 'K', value: g.fc!.k },
          { sym: 'C_out', value: g.fc!.units },
        ],
      ];
  }
}

function weightFactors(g: DotGeometry): Factor[][] {
  const L = axisLetters(g.kernel.length);
  const ks = g.kernel.map((v, i) => ({ sym: `k_${L[i]!.toLowerCase()}`, value: v }));
  switch (g.kind) {
    case 'conv':
      return [[{ sym: 'C_out', value: g.cOut }, channelsPerGroup(g.cIn, g.group, 'C_in'), ...ks]];
    case 'depthwise':
      return [[{ sym: 'C_out', value: g.cOut }, ...ks]];
    case 'deconv':
      return [[{ sym: 'C_in', value: g.cIn }, channelsPerGroup(g.cOut, g.group, 'C_out'), ...ks]];
    case 'separable':
      return [
        [{ sym: 'C_in', value: g.cIn }, ...(g.dm > 1 ? [{ sym: 'dm', value: g.dm }] : []), ...ks],
        [
          { sym: 'C_in', value: g.cIn },
          ...(g.dm > 1 ? [{ sym: 'dm', value: g.dm }] : []),
          { sym: 'C_out', value: g.cOut },
        ],
      ];
    case 'fc':
      return [
        [
          { sym: 'K', value: g.fc!.k },
          { sym: 'C_out', value: g.fc!.units },
        ],
      ];
  }
}

function sum(parts: readonly { formula: string; substituted: string; value: number }[]) {
  return {
    formula: parts.map((p) => p.formula).join(' + '),
    substituted: parts.map((p) => p.substituted).join(' + '),
    value: parts.reduce((s, p) => s + p.value, 0),
  };
}

/** Output values: N·C_out·∏out (FC: M·C_out). */
function outputValues(g: DotGeometry): { formula: string; substituted: string; value: number } {
  if (g.kind === 'fc')
    return product([
      { sym: g.fc!.m === 1 ? '' : 'M', value: g.fc!.m },
      { sym: 'C_out', value: g.fc!.units },
    ]);
  const L = axisLetters(g.outSpatial.length);
  return product([
    ...batch(g.n),
    { sym: 'C_out', value: g.cOut },
    ...g.outSpatial.map((v, i) => ({ sym: `${L[i]}_out`, value: v })),
  ]);
}

/**
 * The cost formulas with the layer's own numbers: MACs, params, FLOPs, activation and weight
 * memory. Each is compared with the analysis' figure (`analysisValue`), so a formula that does
 * not describe what the op computed shows as different instead of passing silently.
 */
export function explainFigures(g: DotGeometry, layer: LayerResult): ExplainFigure[] {
  const macs = sum(macsFactors(g).map(product));
  const w = sum(weightFactors(g).map(product));
  const outs = outputValues(g);
  const params = g.bias
    ? { formula: `${w.formula} + C_out`, substituted: `${w.substituted} + ${g.cOut}`, value: w.value + g.cOut }
    : w;
  const biasAdds = g.bias ? outs.value : 0;
  // What the FLOPs hold beyond 2·MACs + bias adds: a Keras fused activation (per output value).
  const extra = layer.flops - 2 * macs.value - biasAdds;
  const act = outs.value > 0 && extra > 0 && Number.isInteger(extra / outs.value) ? extra / outs.value : 0;
  const flopsTerms = [`2·MACs`, ...(g.bias ? ['bias adds'] : []), ...(act ? [`${act}·activation`] : [])];
  const flopsValues = [
    `2·${formatInt(macs.value)}`,
    ...(g.bias ? [formatInt(outs.value)] : []),
    ...(act ? [`${act}·${formatInt(outs.value)}`] : []),
  ];
  const mk = (
    id: ExplainFigure['id'],
    label: string,
    f: { formula: string; substituted: string; value: number },
    unit: ExplainFigure['unit'],
    analysisValue: number,
  ): ExplainFigure => ({
    id,
    label,
    formula: f.formula,
    substituted: f.substituted,
    value: f.value,
    unit,
    help: HELP[id],
    analysisValue,
  });
  return [
    mk('macs', 'MACs', macs, 'MACs', layer.macs),
    mk('params', 'Params', params, 'values', layer.params),
    mk(
      'flops',
      'FLOPs',
      {
        formula: flopsTerms.join(' + '),
        substituted: flopsValues.join(' + '),
        value: 2 * macs.value + biasAdds + act * outs.value,
      },
      'FLOPs',
      layer.flops,
    ),
    mk(
      'activations',
      'Activations',
      { formula: `${outs.formula}·4 B`, substituted: `${outs.substituted}·4`, value: outs.value * 4 },
      'bytes',
      layer.activationBytes,
    ),
    mk(
      'weights',
      'Weights',
      { formula: 'params·4 B', substituted: `${formatInt(params.value)}·4`, value: params.value * 4 },
      'bytes',
      layer.weightBytes,
    ),
  ];
}
