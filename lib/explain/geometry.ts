import type { AnalysisResult, LayerResult } from '../analysis/types';
import type { IRNode, Shape } from '../ir';
import { attrSpansFor } from '../ir';
import { createAttrReader } from '../ops/attr-reader';
import { positiveInt, splitSpatial, tuple } from '../ops/keras/common';
import type { OpContext } from '../ops/types';
import { numel } from '../ops/util';
import type { Explanation } from './types';

/**
 * The numbers of one dot-product layer, normalised across formats and layer types. Convolutions
 * take them from the op itself (ConvAlgorithms.geometry); the few layer types that do not report
 * a geometry (Keras transposed and separable convs) are read with the Keras op helpers; fully
 * connected layers need only their shapes.
 */
export interface DotGeometry {
  readonly kind: Explanation['kind'];
  /** Images × outer dims × bottoms sharing the weights: what one image's count is multiplied by. */
  readonly n: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly group: number;
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly inSpatial: readonly number[];
  readonly outSpatial: readonly number[];
  readonly bias: boolean;
  /** Separable convs: the depth multiplier of the depthwise part. */
  readonly dm: number;
  /** Fully connected: rows (M), inputs per row (K) and outputs (units). */
  readonly fc?: { readonly m: number; readonly k: number; readonly units: number };
}

/** A minimal OpContext for reading a node's attributes with the op helpers (errors just make it fail). */
class Probe implements OpContext {
  failed = false;
  readonly attrs;
  constructor(
    readonly node: IRNode,
    readonly layout: AnalysisResult['graph']['layout'],
    readonly inputs: readonly (Shape | null)[],
  ) {
    this.attrs = createAttrReader(node.attrs, attrSpansFor(node));
  }
  readonly batch = 1;
  error(): void {
    this.failed = true;
  }
  warn(): void {}
}

function prod(v: readonly number[]): number {
  return v.reduce((p, x) => p * x, 1);
}

const KERAS_TRANSPOSED = /^Conv[123]DTranspose$|^(Convolution[123]DTranspose|Deconvolution[23]D|Deconv[23]D)$/;
const KERAS_SEPARABLE = /^Separable(Conv|Convolution)[12]D$/;

/** Keras transposed and separable convolutions: the geometry their ops do not report. */
function kerasGeometry(a: AnalysisResult, layer: LayerResult, node: IRNode): DotGeometry | null {
  const x = layer.inputShapes[0];
  const y = layer.outputs[0];
  if (!x || !y) return null;
  const rank = x.length - 2;
  const ctx = new Probe(node, a.graph.layout, layer.inputShapes);
  const s = splitSpatial(ctx, x, rank);
  const o = splitSpatial(ctx, y, rank);
  const kernel = tuple(ctx, 'kernel_size', rank, null);
  const stride = tuple(ctx, 'strides', rank, Array(rank).fill(1));
  const dilation = tuple(ctx, 'dilation_rate', rank, Array(rank).fill(1));
  if (!s || !o || !kernel || !stride || !dilation || ctx.failed) return null;
  const separable = KERAS_SEPARABLE.test(layer.type);
  const dm = separable ? (positiveInt(ctx, 'depth_multiplier', 1) ?? 1) : 1;
  const kProd = prod(kernel);
  const weights = separable ? kProd * s.channels * dm + s.channels * dm * o.channels : kProd * s.channels * o.channels;
  return {
    kind: separable ? 'separable' : 'deconv',
    n: s.batch,
    cIn: s.channels,
    cOut: o.channels,
    group: 1,
    kernel,
    stride,
    dilation,
    inSpatial: s.spatial,
    outSpatial: o.spatial,
    bias: layer.params - weights === o.channels,
    dm,
  };
}

/** The geometry of a dot-product layer, or null for any other layer (or one whose shapes are unknown). */
export function dotGeometry(a: AnalysisResult, layer: LayerResult): DotGeometry | null {
  if (layer.status !== 'ok') return null;
  const node = a.graph.nodes[layer.index];
  if (!node) return null;
  const alg = layer.algorithms;
  const g = alg?.geometry;
  if (alg && g) {
    const deconv = layer.category === 'deconv';
    const kProd = prod(g.kernel);
    const weights = deconv ? g.cIn * (g.cOut / g.group) * kProd : g.cOut * (g.cIn / g.group) * kProd;
    const depthwise = !deconv && g.group === g.cIn && g.cIn > 1;
    return {
      kind: deconv ? 'deconv' : depthwise ? 'depthwise' : 'conv',
      n: alg.directMacs > 0 ? layer.macs / alg.directMacs : 1,
      cIn: g.cIn,
      cOut: g.cOut,
      group: g.group,
      kernel: g.kernel,
      stride: g.stride,
      dilation: g.dilation,
      inSpatial: g.inSpatial,
      outSpatial: g.outSpatial,
      bias: layer.params - weights === g.cOut,
      dm: 1,
    };
  }
  if (a.graph.format === 'keras' && (KERAS_TRANSPOSED.test(layer.type) || KERAS_SEPARABLE.test(layer.type))) {
    return kerasGeometry(a, layer, node);
  }
  if (layer.type === 'InnerProduct' || (a.graph.format === 'keras' && layer.type === 'Dense')) {
    const x = layer.inputShapes[0];
    const y = layer.outputs[0];
    if (!x || !y || y.length === 0) return null;
    const units = y[y.length - 1]!;
    // InnerProduct flattens from its axis (rows = dims before it); Dense works on the last axis.
    const m = layer.type === 'Dense' ? numel(x) / x[x.length - 1]! : numel(y) / units;
    const k = numel(x) / m;
    return {
      kind: 'fc',
      n: 1,
      cIn: k,
      cOut: units,
      group: 1,
      kernel: [],
      stride: [],
      dilation: [],
      inSpatial: [],
      outSpatial: [],
      bias: layer.params - k * units === units,
      dm: 1,
      fc: { m, k, units },
    };
  }
  return null;
}
