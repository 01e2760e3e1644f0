import { onnxRoot } from '../../parse/onnx/schema';
import { DataType } from './enums';

/**
 * The Run tab writes models with the same onnx.proto definition the ONNX reader walks
 * (lib/parse/onnx/schema.ts), through protobufjs reflection, so models are encoded by a real
 * protobuf library. The objects below are the subset lowering fills in.
 */
const root = onnxRoot();

/** The reflected ModelProto type (encode/decode/verify). */
export const ModelProto = root.lookupType('onnx.ModelProto');

export { AttributeType, DataType } from './enums';

/** Plain-object form of an ONNX attribute, as protobufjs `fromObject` accepts it. */
export interface AttributeObject {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

/** Plain-object form of an ONNX node. */
export interface NodeObject {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeObject[];
}

/** Plain-object form of an ONNX tensor (initializer). */
export interface TensorObject {
  name: string;
  dims: number[];
  data_type: number;
  raw_data?: Uint8Array;
  int64_data?: number[];
}

/** Plain-object form of a value info (graph input/output with a static fp32 shape). */
export interface ValueInfoObject {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: { dim_value: number }[] } } };
}

/** Plain-object form of the whole model. */
export interface ModelObject {
  ir_version: number;
  producer_name: string;
  producer_version: string;
  opset_import: { domain: string; version: number }[];
  graph: {
    name: string;
    node: NodeObject[];
    initializer: TensorObject[];
    input: ValueInfoObject[];
    output: ValueInfoObject[];
  };
}

/** Encodes a model object to ONNX protobuf bytes; throws when the object does not fit the schema. */
export function encodeModel(model: ModelObject): Uint8Array {
  const err = ModelProto.verify(model);
  if (err) throw new Error(`ONNX model does not fit the schema: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Decodes ONNX protobuf bytes back to a plain object (int64 as numbers, bytes as Uint8Array). */
export function decodeModel(bytes: Uint8Array): ModelObject {
  const msg = ModelProto.decode(bytes);
  return ModelProto.toObject(msg, { longs: Number, defaults: false, arrays: true }) as ModelObject;
}

/** Fp32 value info for a static shape. */
export function valueInfo(name: string, shape: readonly number[]): ValueInfoObject {
  return {
    name,
    type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: shape.map((d) => ({ dim_value: d })) } } },
  };
}
