import type { ModelFormat } from '../ir';
import type { OpDefinition } from './types';

// Each section below is owned by one area of lib/ops; keep imports and entries grouped.
// --- spatial: convolution, deconvolution, pooling, inner product (imports) ---
import { convolution, convolutionDepthwise, depthwiseConvolution } from './convolution';
import { ndConvolution } from './nd-convolution';
import { deconvolution } from './deconvolution';
import { pooling, ndPooling } from './pooling';
import { innerProduct } from './inner-product';
import { roiPooling } from './roi-pooling';
import { spp } from './spp';
import { im2col } from './im2col';
// --- elementwise, normalisation, shape, detection, recurrent, loss, data (imports) ---
import { ACTIVATION_OPS } from './activations';
import { NORMALIZATION_OPS } from './normalization';
import { axpyOp, eltwiseOp } from './eltwise';
import { concatOp, sliceOp, splitOp } from './concat-slice';
import { flattenOp, permuteOp, reorgOp, reshapeOp, shuffleChannelOp, tileOp } from './reshape';
import { cropOp, interpOp, upsampleOp } from './crop-resize';
import { argMaxOp, reductionOp, softmaxOp } from './softmax';
import { detectionOutputOp, priorBoxOp } from './detection';
import { embedOp, lstmOp, lstmUnitOp, rnnOp } from './recurrent';
import { accuracyOp, LOSS_OPS } from './loss';
import { DATA_OPS } from './data';
import { MISC_OPS } from './misc';
// --- fork dialects: C3D's 3-D layers, py-faster-rcnn's Python layers (imports) ---
import { C3D_OPS } from './c3d';
import { pythonOp } from './python-layers';
// --- keras (imports) ---
import { KERAS_OPS } from './keras';
// --- onnx (imports) ---
import { ONNX_OPS } from './onnx';

/**
 * The explicit list of every layer definition. No registration by import side effect:
 * add a file under lib/ops and list its export here.
 */
export const OPS: readonly OpDefinition[] = [
  // --- spatial ---
  convolution,
  convolutionDepthwise,
  depthwiseConvolution,
  ndConvolution,
  deconvolution,
  pooling,
  ndPooling,
  innerProduct,
  roiPooling,
  spp,
  im2col,
  // --- elementwise, normalisation, shape, detection, recurrent, loss, data ---
  ...DATA_OPS,
  ...ACTIVATION_OPS,
  ...NORMALIZATION_OPS,
  eltwiseOp,
  axpyOp,
  concatOp,
  sliceOp,
  splitOp,
  flattenOp,
  reshapeOp,
  permuteOp,
  shuffleChannelOp,
  tileOp,
  reorgOp,
  cropOp,
  interpOp,
  upsampleOp,
  softmaxOp,
  argMaxOp,
  reductionOp,
  priorBoxOp,
  detectionOutputOp,
  lstmOp,
  lstmUnitOp,
  rnnOp,
  embedOp,
  ...LOSS_OPS,
  accuracyOp,
  ...MISC_OPS,
  // --- fork dialects ---
  ...C3D_OPS,
  pythonOp,
  // --- keras ---
  ...KERAS_OPS,
  // --- onnx ---
  ...ONNX_OPS,
];

const BY_TYPE = new Map<string, OpDefinition>();
// Keras class names repeat Caffe type names with other semantics, so Keras ops get their own map.
const KERAS_BY_TYPE = new Map<string, OpDefinition>();
// ONNX op types repeat both (Conv, Softmax, Reshape…) with ONNX semantics: a third namespace.
const ONNX_BY_TYPE = new Map<string, OpDefinition>();
function add(op: OpDefinition): void {
  const map = op.dialect === 'keras' ? KERAS_BY_TYPE : op.dialect === 'onnx' ? ONNX_BY_TYPE : BY_TYPE;
  for (const name of [op.type, ...(op.aliases ?? [])]) {
    if (map.has(name)) throw new Error(`lib/ops/registry: duplicate op type ${name}`);
    map.set(name, op);
  }
}
for (const op of OPS) add(op);

/**
 * Adds the ONNX definitions to a registry built without them: the analysis worker's script leaves
 * the ONNX reader and ops out and loads them on the first ONNX file (lib/worker/onnx-lazy), so a
 * cold open of a Caffe or Keras link has less script to fetch and compile. Once only.
 */
export function registerOnnxOps(ops: readonly OpDefinition[]): void {
  if (ONNX_BY_TYPE.size > 0) return;
  for (const op of ops) if (op.dialect === 'onnx') add(op);
}

/** The definition for a layer type (canonical name or alias) in a model format's namespace, if any. */
export function getOp(type: string, format: ModelFormat = 'caffe'): OpDefinition | undefined {
  return (format === 'keras' ? KERAS_BY_TYPE : format === 'onnx' ? ONNX_BY_TYPE : BY_TYPE).get(type);
}

/** All known type names of a format (default Caffe), for completion and docs. */
export function opTypeNames(format: ModelFormat = 'caffe'): string[] {
  return [...(format === 'keras' ? KERAS_BY_TYPE : format === 'onnx' ? ONNX_BY_TYPE : BY_TYPE).keys()].sort();
}
