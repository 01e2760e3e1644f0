import * as act from './activation';
import * as extra from './caffe-extra';
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
  Threshold: extra.threshold,
  Mish: extra.mish,
  HSwish: extra.hswish,
  HardSwish: extra.hswish,
  HSigmoid: extra.hsigmoid,
  HardSigmoid: extra.hsigmoid,
  BN: extra.segnetBn,
  MVN: extra.mvn,
  Axpy: extra.axpy,
  Tile: extra.tile,
  Reorg: extra.reorg,
  ArgMax: extra.argMax,
  Reduction: extra.reduction,
  Embed: extra.embed,
  BatchReindex: extra.batchReindex,
  ROIPooling: extra.roiPooling,
  SPP: extra.spp,
  LSTMUnit: extra.lstmUnit,
};

/** Types that only declare inputs or sink values (Silence, HDF5Output writes a file); skipped, not lowered. */
export const SKIPPED_TYPES: ReadonlySet<string> = new Set(['Silence', 'HDF5Output']);

/** The lowering for a layer type in a model format's namespace, if any. */
export function getLowerer(type: string, format: ModelFormat): Lowerer | undefined {
  return format === 'keras' ? KERAS_LOWERINGS[type] : CAFFE_LOWERINGS[type];
}

/**
 * Why a supported layer type has no lowering: shown after "no ONNX lowering for type …" so the
 * refusal list tells the user what is missing, not only that something is.
 */
export const NO_LOWERING_REASONS: Readonly<Record<string, string>> = {
  PriorBox: 'its output is anchor coordinates computed from shapes, not an ONNX op',
  DetectionOutput: 'Caffe-SSD decoding + per-class NMS + keep_top_k has no ONNX op of the same semantics',
  Im2col: 'ONNX has no im2col op',
  Filter: 'its output size depends on the data (rows whose selector is non-zero)',
  LSTM: "Caffe's cont input (sequence restarts inside a batch) has no ONNX LSTM equivalent",
  RNN: "Caffe's cont input (sequence restarts inside a batch) has no ONNX RNN equivalent",
  MultiHeadAttention: 'no single ONNX op in opset 17 (composite attention is not lowered)',
};
