import type { AnalysisResult, LayerResult } from '../analysis/types';
import type { IRNode, ModelFormat, Shape } from '../ir';
import { KERAS_SHARED_ATTR } from '../ops/keras/common';
import type { RFAxis } from '../ops/types';
import { blobRF } from '../explain/receptive-field';

/** The names of a graph's nodes, made once per graph (a Keras check looks names up per layer). */
const NODE_NAMES = new WeakMap<AnalysisResult['graph'], ReadonlySet<string>>();

function nodeNames(graph: AnalysisResult['graph']): ReadonlySet<string> {
  let names = NODE_NAMES.get(graph);
  if (!names) {
    names = new Set(graph.nodes.map((n) => n.name));
    NODE_NAMES.set(graph, names);
  }
  return names;
}

/** Two spatial axes (H, W): the advisor rewrites 2-D convolutions. */
export type Pair = readonly [number, number];

/**
 * A convolution the advisor may rewrite, with the numbers the op computed (its geometry from the
 * analysis, not a second reading of the attributes) and what the writers need to keep the
 * rest of the network untouched.
 */
export interface ConvSite {
  readonly format: ModelFormat;
  readonly node: IRNode;
  readonly layer: LayerResult;
  readonly cIn: number;
  readonly cOut: number;
  readonly group: number;
  readonly kernel: Pair;
  readonly stride: Pair;
  /** Caffe: padding on both sides per axis. Keras: unused (the `padding` mode is kept). */
  readonly pad: Pair;
  readonly dilation: Pair;
  readonly bias: boolean;
  /** Input and output shapes at the analysis batch. */
  readonly inShape: Shape;
  readonly outShape: Shape;
  /** Receptive field of the input blob, from the network input (null off a spatial path). */
  readonly inRF: readonly RFAxis[] | null;
  /** Name (as written) of the blob the layer reads and of the one it writes. */
  readonly bottomName: string;
  readonly topName: string;
  /** Keras only: the padding mode and the channel position. */
  readonly keras?: { readonly padding: 'same' | 'valid'; readonly channelsFirst: boolean };
}

/** The convolution types the advisor rewrites, per format. */
const REWRITABLE: Readonly<Record<ModelFormat, string>> = {
  caffe: 'Convolution',
  'caffe-json': 'Convolution',
  keras: 'Conv2D',
  // The advisor rewrites text; an opened ONNX model is binary and read-only.
  onnx: '',
};

function pair(v: readonly number[]): Pair {
  return [v[0]!, v[1]!];
}

/** The layer as a rewrite site, or the reason it is not one. */
export function convSite(
  analysis: AnalysisResult,
  layer: LayerResult,
  byIndex: ReadonlyMap<number, LayerResult>,
): { site: ConvSite } | { reason: string } {
  const format = analysis.graph.format;
  const node = analysis.graph.nodes[layer.index];
  if (!node) return { reason: 'the layer is not in the graph' };
  if (format === 'onnx') return { reason: 'an opened ONNX model is read-only: the advisor rewrites model text' };
  if (layer.type !== REWRITABLE[format]) {
    return { reason: `only 2-D ${REWRITABLE[format]} layers are rewritten (this one is ${layer.type})` };
  }
  if (layer.status !== 'ok') return { reason: 'the layer has errors: fix them first' };
  const g = layer.algorithms?.geometry;
  const inShape = layer.inputShapes[0];
  const outShape = layer.outputs[0];
  if (!g || !inShape || !outShape) return { reason: 'the layer’s shapes are not known' };
  if (g.kernel.length !== 2)
    return { reason: `the rewrites are for 2-D convolutions; this one has ${g.kernel.length} spatial axes` };
  if (node.bottoms.length !== 1 || node.tops.length !== 1) {
    return { reason: 'the layer has several bottoms or tops (shared weights): not rewritten' };
  }
  if (node.inPlace.some(Boolean)) return { reason: 'the layer writes its input in place' };
  if (inShape.length !== 4) return { reason: `the input is ${inShape.length}-D; the rewrites need N×C×H×W` };
  const weights = g.cOut * (g.cIn / g.group) * g.kernel[0]! * g.kernel[1]!;
  const bias = layer.params - weights === g.cOut;
  let keras: ConvSite['keras'];
  if (format === 'keras') {
    if ((node.scope?.length ?? 0) > 0) return { reason: 'the layer sits inside a nested model: not rewritten' };
    if (node.attrs[KERAS_SHARED_ATTR] !== undefined || nodeNames(analysis.graph).has(`${node.name}:1`)) {
      return { reason: 'the layer is called more than once (shared weights): not rewritten' };
    }
    const padding = String(node.attrs.padding ?? 'valid').toLowerCase();
    if (padding !== 'same' && padding !== 'valid') return { reason: `padding "${padding}" is not rewritten` };
    const channelsFirst = String(node.attrs.data_format ?? 'channels_last').toLowerCase() === 'channels_first';
    keras = { padding, channelsFirst };
  } else if (!layer.receptiveField) {
    return { reason: 'the channel axis is not 1 (convolution_param.axis): not rewritten' };
  }
  const byId = analysis.graph.blobs;
  const bottomId = node.bottoms[0]!;
  const topId = node.tops[0]!;
  return {
    site: {
      format,
      node,
      layer,
      cIn: g.cIn,
      cOut: g.cOut,
      group: g.group,
      kernel: pair(g.kernel),
      stride: pair(g.stride),
      pad: pair(g.pad),
      dilation: pair(g.dilation),
      bias,
      inShape,
      outShape,
      inRF: blobRF(analysis, bottomId, byIndex, inShape.length),
      bottomName: byId.get(bottomId)?.name ?? bottomId,
      topName: byId.get(topId)?.name ?? topId,
      ...(keras ? { keras } : {}),
    },
  };
}
