import * as act from './activation';
import * as conv from './conv';
import * as norm from './norm';
import { ndPooling, pooling } from './pool';
import * as shape from './shape';
import { KERAS_LOWERINGS } from './keras';
import type { ModelFormat } from '../../ir';
import type { Lowerer } from './types';

/**
 * Lowering per Caffe layer type. The layer semantics (shapes, counts) stay in lib/ops; this
 * table only says which ONNX ops compute the same thing, reading the analyser's shapes.
 */
export const CAFFE_LOWERINGS: Readonly<Record<string, Lowerer>> = {
  Convolution: conv.convolution,
  ConvolutionDepthwise: conv.depthwiseConvolution,
  DepthwiseConvolution: conv.depthwiseConvolution,
  NdConvolution: conv.ndConvolution,
  Deconvolution: conv.deconvolution,
  InnerProduct: conv.innerProduct,
  Pooling: pooling,
  NdPooling: ndPooling,
  ReLU: act.relu,
  ReLU6: act.relu6,
  Clip: act.clipLayer,
  PReLU: act.prelu,
  ELU: act.elu,
  Sigmoid: act.sigmoid,
  TanH: act.tanh,
  AbsVal: act.abs,
  BNLL: act.softplus,
  Power: act.power,
  Exp: act.exp,
  Log: act.log,
  Swish: act.swish,
  Dropout: act.identity,
  BatchNorm: norm.batchNorm,
  Scale: norm.scale,
  Bias: norm.bias,
  LRN: norm.lrn,
  Normalize: norm.normalize,
  Softmax: norm.softmax,
  Concat: shape.concat,
  Slice: shape.slice,
  Split: shape.split,
  Reshape: shape.reshapeToOutput,
  Flatten: shape.reshapeToOutput,
  Permute: shape.permute,
  ShuffleChannel: shape.shuffleChannel,
  Crop: shape.crop,
  Eltwise: shape.eltwise,
  Interp: shape.interp,
  Upsample: shape.upsample,
};

/** Types that only declare inputs or sink values; they are skipped, not lowered. */
export const SKIPPED_TYPES: ReadonlySet<string> = new Set(['Silence']);

/** The lowering for a layer type in a model format's namespace, if any. */
export function getLowerer(type: string, format: ModelFormat): Lowerer | undefined {
  return format === 'keras' ? KERAS_LOWERINGS[type] : CAFFE_LOWERINGS[type];
}
