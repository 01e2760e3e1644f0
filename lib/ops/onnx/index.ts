import type { OpDefinition } from '../types';
import { ONNX_CONTROL_OPS } from './control';
import { ONNX_CONV_POOL_OPS } from './conv-pool';
import { ONNX_ELEMENTWISE_OPS } from './elementwise';
import { ONNX_LINALG_OPS } from './linalg';
import { ONNX_MISC_OPS } from './misc';
import { ONNX_NORM_REDUCE_OPS } from './norm-reduce';
import { ONNX_RECURRENT_OPS } from './recurrent';
import { ONNX_SHAPE_OPS } from './shape-ops';

/**
 * Every ONNX operator definition (dialect 'onnx'), listed in lib/ops/registry.ts. Types are ONNX
 * op_type names for the default domain, `domain.OpType` for others (see lib/parse/onnx).
 */
export const ONNX_OPS: readonly OpDefinition[] = [
  ...ONNX_ELEMENTWISE_OPS,
  ...ONNX_SHAPE_OPS,
  ...ONNX_CONV_POOL_OPS,
  ...ONNX_LINALG_OPS,
  ...ONNX_NORM_REDUCE_OPS,
  ...ONNX_RECURRENT_OPS,
  ...ONNX_CONTROL_OPS,
  ...ONNX_MISC_OPS,
];
