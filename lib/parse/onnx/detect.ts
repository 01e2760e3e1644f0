import protobuf from 'protobufjs/light.js';
import { onnxMessage } from './wire';

/**
 * True when the bytes are not text: a control character a text model never holds (NUL, the
 * protobuf tags 0x08/0x12/…) within the first KB. Such data is read as ONNX, so a truncated or
 * damaged .onnx file gets the ONNX reader's positioned error, not a prototxt syntax error.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return true;
  }
  return false;
}

/**
 * True when the bytes look like an ONNX ModelProto: every top-level field is a ModelProto field
 * with its own wire type, every length fits, and the fields end exactly at the end of the data.
 * Text formats (prototxt, JSON) fail this at their first byte or two. Cheap: only the top level
 * is walked, and tensor data is skipped by length.
 */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const info = onnxMessage('ModelProto');
  const r = protobuf.Reader.create(bytes);
  let sawGraph = false;
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = info.byId.get(tag >>> 3);
      if (!field) return false;
      const wire = tag & 7;
      const expected = field.kind === 'message' || field.kind === 'string' || field.kind === 'bytes' ? 2 : 0;
      if (wire !== expected) return false;
      if (wire === 2) {
        const len = r.uint32();
        if (len > r.len - r.pos) return false;
        r.pos += len;
      } else r.skip();
      if (field.name === 'graph') sawGraph = true;
    }
  } catch {
    return false;
  }
  return sawGraph && r.pos === r.len;
}
