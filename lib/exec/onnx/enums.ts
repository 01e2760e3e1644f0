/**
 * ONNX enum values the lowering writes, in a module of their own: the lowering runs on the
 * page (the Run panel checks what it can run), and importing them from proto.ts would load
 * protobufjs reflection there, whose generated encoders need `eval`, which the page's
 * Content-Security-Policy refuses. proto.ts (used in the run worker) re-exports them.
 */

/** ONNX TensorProto.DataType values we use. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** ONNX AttributeProto.AttributeType values. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;
