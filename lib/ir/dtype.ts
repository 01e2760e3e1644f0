import type { DType } from './types';

/**
 * ONNX TensorProto.DataType, in enum order (the index is the code): the one list of element
 * types. The protobuf schema (lib/parse/onnx/schema.ts) builds its enum from it.
 */
export const DATA_TYPES = [
  'UNDEFINED',
  'FLOAT',
  'UINT8',
  'INT8',
  'UINT16',
  'INT16',
  'INT32',
  'INT64',
  'STRING',
  'BOOL',
  'FLOAT16',
  'DOUBLE',
  'UINT32',
  'UINT64',
  'COMPLEX64',
  'COMPLEX128',
  'BFLOAT16',
  'FLOAT8E4M3FN',
  'FLOAT8E4M3FNUZ',
  'FLOAT8E5M2',
  'FLOAT8E5M2FNUZ',
  'UINT4',
  'INT4',
  'FLOAT4E2M1',
] as const;

/** Our name of an ONNX data type code: the enum name in lower case (`float`, `int64`). */
export function dtypeName(code: number): DType {
  const name = DATA_TYPES[code];
  return name ? name.toLowerCase() : `dtype${code}`;
}

/** The ONNX data type code of an element type name; undefined when unknown. */
export function dtypeCode(dtype: DType): number | undefined {
  const i = (DATA_TYPES as readonly string[]).indexOf(dtype.toUpperCase());
  return i >= 0 ? i : undefined;
}

/** Bits per element of each element type (ONNX TensorProto.DataType names, lower case). */
const BITS: Readonly<Record<string, number>> = {
  float: 32,
  uint8: 8,
  int8: 8,
  uint16: 16,
  int16: 16,
  int32: 32,
  int64: 64,
  bool: 8,
  float16: 16,
  double: 64,
  uint32: 32,
  uint64: 64,
  complex64: 64,
  complex128: 128,
  bfloat16: 16,
  float8e4m3fn: 8,
  float8e4m3fnuz: 8,
  float8e5m2: 8,
  float8e5m2fnuz: 8,
  uint4: 4,
  int4: 4,
  float4e2m1: 4,
};

/** Bytes per element (fractional for 4-bit types); 4 (fp32) for an unknown or unspecified type. */
export function dtypeBytes(dtype: DType | undefined): number {
  const bits = dtype ? BITS[dtype] : undefined;
  return bits ? bits / 8 : 4;
}

const FLOATS = new Set([
  'float',
  'float16',
  'double',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'float4e2m1',
]);

/** True for floating-point element types (the ones whose stored tensors count as parameters). */
export function isFloatType(dtype: DType | undefined): boolean {
  return dtype !== undefined && FLOATS.has(dtype);
}
