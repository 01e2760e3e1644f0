import type { AnalysisResult } from '../analysis/types';
import { formatInt } from '../report/format';
import { explainAlgorithms } from './algorithms';
import { explainFigures } from './figures';
import { dotGeometry, type DotGeometry } from './geometry';
import { learnLink, type LearnTopic } from './learn';
import { explainRF } from './receptive-field';
import type { Explanation } from './types';

function kernelText(g: DotGeometry): string {
  return g.kernel.join('×');
}

function title(type: string, g: DotGeometry): string {
  if (g.kind === 'fc') return `${type}: ${formatInt(g.fc!.k)} inputs → ${formatInt(g.fc!.units)} outputs`;
  const parts = [`${type} ${kernelText(g)}`, `${formatInt(g.cIn)} → ${formatInt(g.cOut)} channels`];
  if (g.stride.some((s) => s !== 1)) parts.push(`stride ${g.stride.join('×')}`);
  if (g.group > 1 && g.kind !== 'depthwise') parts.push(`${g.group} groups`);
  if (g.dilation.some((d) => d !== 1)) parts.push(`dilation ${g.dilation.join('×')}`);
  return parts.join(', ');
}

function intro(g: DotGeometry): string {
  const kProd = g.kernel.reduce((a, b) => a * b, 1);
  const outValues = g.n * g.cOut * g.outSpatial.reduce((a, b) => a * b, 1);
  switch (g.kind) {
    case 'conv': {
      const perGroup = g.cIn / g.group;
      const split =
        g.group > 1
          ? `; the ${g.cIn} input channels are split into ${g.group} groups, so each filter sees ${perGroup}`
          : '';
      return (
        `The layer slides ${g.cOut} filters of ${perGroup}×${kernelText(g)} weights over the input${split}. ` +
        `Every output value is one dot product of a filter with the patch under it: ${formatInt(perGroup * kProd)} multiply-accumulates (MACs). ` +
        `There are ${formatInt(outValues)} output values, and that product is the layer's cost.`
      );
    }
    case 'depthwise':
      return (
        `A depthwise convolution: one ${kernelText(g)} filter per input channel (group = C_in = ${g.cIn}). It mixes space, not channels, ` +
        `so each output value costs only ${kProd} MACs; a 1×1 (pointwise) convolution usually follows to mix the channels.`
      );
    case 'deconv':
      return (
        `A transposed convolution grows the map: each of the ${formatInt(g.cIn * g.inSpatial.reduce((a, b) => a * b, 1))} input values ` +
        `scatters a ${kernelText(g)} kernel into ${g.cOut / g.group} output channels, so the cost counts input positions, not output ones. ` +
        'It is the gradient of a convolution (decoders, FCN, GANs), not an inverse of one.'
      );
    case 'separable':
      return (
        `Two convolutions in one layer: a depthwise ${kernelText(g)} (one filter per channel${g.dm > 1 ? `, ${g.dm} per channel` : ''}) ` +
        `then a pointwise 1×1 that mixes ${g.cIn * g.dm} channels into ${g.cOut}. Its cost is the sum of the two (MobileNet).`
      );
    case 'fc':
      return (
        `Every one of the ${formatInt(g.fc!.units)} outputs is a dot product with all K = ${formatInt(g.fc!.k)} inputs` +
        `${g.fc!.m > 1 ? ` (for each of ${formatInt(g.fc!.m)} rows)` : ''}: one weight per input per output, and as many MACs.`
      );
  }
}

function topics(g: DotGeometry): LearnTopic[] {
  switch (g.kind) {
    case 'fc':
      return ['fc'];
    case 'deconv':
      return ['deconv'];
    case 'depthwise':
    case 'separable':
      return ['depthwise', 'rf'];
  }
  const kProd = g.kernel.reduce((a, b) => a * b, 1);
  const out: LearnTopic[] = ['conv-cost', 'im2col'];
  if (g.kernel.length === 3) out.push('conv3d');
  if (g.group > 1) out.push('grouped');
  out.push(kProd === 1 ? 'no-fft-1x1' : 'winograd');
  if (kProd > 9) out.push('fft');
  out.push('rf');
  return [...new Set(out)];
}

/**
 * The explanation of a dot-product layer (Convolution and its dialects, Deconvolution,
 * InnerProduct, Keras Conv/Depthwise/Separable/Transposed/Dense): its cost formulas with its own
 * numbers, how it can be computed, how it grows the receptive field, and where to learn more.
 * Null for other layers. Every figure is checked against the analysis; a difference is a note.
 */
export function explainLayer(analysis: AnalysisResult, layerName: string): Explanation | null {
  const layer = analysis.layers.find((l) => l.name === layerName);
  if (!layer) return null;
  const g = dotGeometry(analysis, layer);
  if (!g) return null;
  const figures = explainFigures(g, layer);
  const notes: string[] = [];
  for (const f of figures) {
    if (f.value !== f.analysisValue) {
      notes.push(
        `${f.label}: the formula gives ${formatInt(f.value)} but the analysis counts ${formatInt(f.analysisValue)}; the analysis' figure is the one used everywhere else.`,
      );
    }
  }
  if (layer.params === 0 && layer.macs > 0) {
    notes.push('This call shares its weights with an earlier one: its params are counted there.');
  }
  if (g.n > 1 && g.kind !== 'fc') {
    notes.push(
      `N = ${formatInt(g.n)}: the analysis batch${g.n !== analysis.batch ? ' times the bottoms that share the weights' : ''}; the algorithms below are per image.`,
    );
  }
  const alg = layer.algorithms;
  return {
    layer: layer.name,
    kind: g.kind,
    title: title(layer.type, g),
    intro: intro(g),
    figures,
    algorithms: alg?.geometry ? explainAlgorithms(g, alg) : null,
    rf: explainRF(analysis, layer, g),
    learn: topics(g).map(learnLink),
    notes,
  };
}
