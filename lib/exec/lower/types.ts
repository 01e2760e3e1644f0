import type { IRNode, Shape } from '../../ir';
import type { LayerResult } from '../../analysis';
import type { AttrReader } from '../../ops/types';
import type { AttributeObject, NodeObject } from '../onnx/proto';

/**
 * How a random weight is filled: 'fan' is uniform ±sqrt(3/fanIn) (keeps activations near unit
 * scale through deep stacks), 'positive' is in [0.5, 1.5) (variances, LRN-safe scales),
 * 'small' is ±0.1 (biases, slopes).
 */
export type WeightInit = 'fan' | 'positive' | 'small' | 'ones' | 'zeros';

/** A learnable tensor to be generated from the seed when the model is encoded. */
export interface WeightSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly init: WeightInit;
  readonly fanIn: number;
}

/** A literal constant (shapes, axes, scalars) written into the model as is. */
export interface ConstSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: 'int64' | 'float';
  readonly values: readonly number[];
}

/** One tensor of the lowered graph with the shape the analyser predicted for it. */
export interface TensorRef {
  readonly name: string;
  readonly shape: Shape;
  /** The layer that produces it (empty for graph inputs). */
  readonly layer: string;
  /** Element type when not float (an opened ONNX model's int64 ids, bool masks…). */
  readonly dtype?: string;
}

/** The lowered network: ONNX nodes plus weight and constant specs, before weights are generated. */
export interface LoweredModel {
  readonly name: string;
  readonly nodes: readonly NodeObject[];
  readonly weights: readonly WeightSpec[];
  readonly consts: readonly ConstSpec[];
  readonly inputs: readonly TensorRef[];
  /** The network's outputs (blobs nobody reads). */
  readonly outputs: readonly TensorRef[];
  /** Every top of every lowered layer, for the full shape check. */
  readonly tops: readonly TensorRef[];
  /** ONNX node name → our layer name, for mapping profile events back. */
  readonly nodeLayer: Readonly<Record<string, string>>;
  /** Lowered layers in execution order. */
  readonly layers: readonly string[];
  /** Layers left out on purpose (data layers, train-only layers), with the reason. */
  readonly skipped: readonly { readonly layer: string; readonly reason: string }[];
  /**
   * The model's own bytes (an opened ONNX model runs as it is, with its weights), used instead
   * of encoding nodes and seeded weights. For profile mode, nodes named after their layers and
   * `checkBytes` with every top exposed as an output.
   */
  readonly prebuilt?: (mode: 'fast' | 'profile') => { readonly bytes: Uint8Array; readonly checkBytes?: Uint8Array };
  /**
   * Layers a partial run leaves out (RunScope other than 'all'), each with why: it cannot be
   * lowered, it reads what such a layer produces, or the chosen layer does not need it.
   */
  readonly excluded: readonly Refusal[];
}

/**
 * Which part of the model a run covers. 'all': every layer, or nothing runs. 'supported': every
 * layer up to the first one on its path that cannot be lowered (the largest part that can run).
 * 'feeding': the chosen layer and every layer it depends on.
 */
export type RunScope =
  { readonly kind: 'all' } | { readonly kind: 'supported' } | { readonly kind: 'feeding'; readonly layer: string };

/** A layer that cannot be lowered, and why. */
export interface Refusal {
  readonly layer: string;
  readonly type: string;
  readonly reason: string;
}

/** What lowering returns: a model, or the complete list of layers that block the run. */
export type LowerResult =
  { readonly ok: true; readonly model: LoweredModel } | { readonly ok: false; readonly refused: readonly Refusal[] };

/** What a lowering function sees for one layer. */
export interface LowerContext {
  readonly node: IRNode;
  readonly layer: LayerResult;
  readonly attrs: AttrReader;
  /** Tensor names of the bottoms / tops (blob ids). */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inShapes: readonly Shape[];
  readonly outShapes: readonly Shape[];
  /** Emits an ONNX node; the first node of a layer is named after the layer, helpers get `/suffix`. */
  op(opType: string, inputs: readonly string[], outputs: readonly string[], attrs?: readonly AttributeObject[]): void;
  /** Declares a random weight of this layer; returns its tensor name. */
  weight(suffix: string, dims: readonly number[], init: WeightInit, fanIn?: number): string;
  /** Declares an int64 constant; returns its tensor name. */
  ints(suffix: string, values: readonly number[]): string;
  /** Declares a float constant (dims default to [values.length]); returns its tensor name. */
  floats(suffix: string, values: readonly number[], dims?: readonly number[]): string;
  /** A fresh intermediate tensor name owned by this layer. */
  tmp(suffix: string): string;
}

/** Thrown by a lowering function when this layer's configuration has no ONNX equivalent. */
export class LoweringRefused extends Error {}

/** Lowers one layer by calling ctx.op/weight/…; throws LoweringRefused with a reason when it cannot. */
export type Lowerer = (ctx: LowerContext) => void;
