import protobuf from 'protobufjs/light';
import { onnxRoot } from './schema';

/**
 * A schema-driven protobuf walker over the model bytes. It decodes the small messages (graph,
 * nodes, attributes, value infos) into plain objects and records where every message starts,
 * but never decodes or copies tensor data: TensorProto's data fields are recorded as byte
 * ranges and skipped by their declared length. Every length is checked against the enclosing
 * message before it is used, so a declared 2 GB length in a 1 KB file is an error at its byte
 * offset, not an allocation.
 */

/** A reader failure with the byte offset where it happened. */
export class OnnxReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'OnnxReadError';
  }
}

type ScalarKind =
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'uint64'
  | 'sint32'
  | 'sint64'
  | 'bool'
  | 'enum'
  | 'float'
  | 'double'
  | 'fixed32'
  | 'sfixed32'
  | 'fixed64'
  | 'sfixed64'
  | 'string'
  | 'bytes';

interface FieldInfo {
  readonly id: number;
  readonly name: string;
  readonly repeated: boolean;
  /** Scalar kind, or 'message'. */
  readonly kind: ScalarKind | 'message';
  readonly message?: MessageInfo;
  /** Tensor data: recorded as a byte range, never decoded here. */
  readonly data: boolean;
}

interface MessageInfo {
  readonly name: string;
  readonly byId: Map<number, FieldInfo>;
}

/** Wire type each scalar kind is written with when not packed. */
const WIRE: Record<ScalarKind, number> = {
  int32: 0,
  int64: 0,
  uint32: 0,
  uint64: 0,
  sint32: 0,
  sint64: 0,
  bool: 0,
  enum: 0,
  float: 5,
  fixed32: 5,
  sfixed32: 5,
  double: 1,
  fixed64: 1,
  sfixed64: 1,
  string: 2,
  bytes: 2,
};

/** TensorProto fields that hold element data: skipped by length, never decoded here. */
const DATA_FIELDS = new Set([
  'float_data',
  'int32_data',
  'string_data',
  'int64_data',
  'raw_data',
  'double_data',
  'uint64_data',
]);

const MESSAGES = new Map<string, MessageInfo>();

function messageInfo(type: protobuf.Type): MessageInfo {
  const known = MESSAGES.get(type.fullName);
  if (known) return known;
  const byId = new Map<number, FieldInfo>();
  const info: MessageInfo = { name: type.name, byId };
  MESSAGES.set(type.fullName, info);
  for (const f of type.fieldsArray) {
    const resolved = f.resolve().resolvedType;
    const isMessage = resolved instanceof protobuf.Type;
    const kind: ScalarKind | 'message' = isMessage
      ? 'message'
      : resolved instanceof protobuf.Enum
        ? 'enum'
        : (f.type as ScalarKind);
    byId.set(f.id, {
      id: f.id,
      name: f.name,
      repeated: f.repeated,
      kind,
      ...(isMessage ? { message: messageInfo(resolved) } : {}),
      data: type.name === 'TensorProto' && DATA_FIELDS.has(f.name),
    });
  }
  return info;
}

/** Message descriptors by ONNX message name (ModelProto, GraphProto, …). */
export function onnxMessage(name: string): MessageInfo {
  return messageInfo(onnxRoot.lookupType(`onnx.${name}`));
}

/** A byte range of tensor data inside the model bytes. */
export interface DataRange {
  readonly field: string;
  readonly offset: number;
  readonly length: number;
  /** 2 for a length-delimited (packed or bytes) record, else the scalar's wire type (one element). */
  readonly wire: number;
}

/** A decoded message: its fields by name, with the byte range it occupies. */
export interface Decoded {
  /** Offset of the message's first field (just after its length prefix). */
  readonly $start: number;
  readonly $end: number;
  /** Tensor data ranges (TensorProto only). */
  readonly $data?: DataRange[];
  readonly [field: string]: unknown;
}

/** Limits of the walk, so hostile input cannot exhaust the stack or the clock. */
export interface WalkLimits {
  /** Deepest message nesting accepted (a sub-graph costs about three levels). */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 96 };

/** An int64 as a number (exact up to 2^53; larger values, e.g. INT64_MAX as "to the end", round). */
function toNumber(v: number | protobuf.Long): number {
  if (typeof v === 'number') return v;
  return (v.unsigned ? v.high >>> 0 : v.high) * 4294967296 + (v.low >>> 0);
}

const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit'];

/**
 * Walks protobuf bytes with one schema. `decode(bytes, 'ModelProto')` returns the top message;
 * throws OnnxReadError (message + byte offset) on anything malformed.
 */
export class WireWalker {
  private readonly r: protobuf.Reader;

  constructor(
    readonly bytes: Uint8Array,
    private readonly limits: WalkLimits = DEFAULT_LIMITS,
  ) {
    this.r = protobuf.Reader.create(bytes);
  }

  decode(type: string, start = 0, end = this.bytes.length): Decoded {
    this.r.pos = start;
    return this.message(onnxMessage(type), end, 0, type);
  }

  private fail(message: string, offset: number): never {
    throw new OnnxReadError(message, offset);
  }

  /** Reads a varint field value with protobufjs, turning its range errors into positioned ones. */
  private guarded<T>(at: number, what: string, read: () => T, end: number): T {
    let v: T;
    try {
      v = read();
    } catch {
      this.fail(`${what}: the data ends inside a value (truncated file?)`, at);
    }
    if (this.r.pos > end) this.fail(`${what}: a value runs past the end of its message (byte ${end})`, at);
    return v;
  }

  /** A length prefix, checked against the end of the enclosing message. */
  private length(at: number, what: string, end: number): number {
    const len = this.guarded(at, what, () => this.r.uint32(), end);
    const from = this.r.pos;
    if (len > end - from) {
      this.fail(
        `${what}: declares ${len.toLocaleString('en-US')} bytes but only ${(end - from).toLocaleString('en-US')} remain in its message (truncated or corrupt file)`,
        at,
      );
    }
    return len;
  }

  private message(info: MessageInfo, end: number, depth: number, path: string): Decoded {
    if (depth > this.limits.maxDepth) {
      this.fail(`${path}: messages nested more than ${this.limits.maxDepth} deep`, this.r.pos);
    }
    const r = this.r;
    const out: Record<string, unknown> = { $start: r.pos, $end: end };
    while (r.pos < end) {
      const at = r.pos;
      const tag = this.guarded(at, `${path}: field tag`, () => r.uint32(), end);
      const id = tag >>> 3;
      const wire = tag & 7;
      if (id === 0) this.fail(`${path}: field number 0 is not valid protobuf (corrupt data)`, at);
      const field = info.byId.get(id);
      if (!field) {
        this.skipUnknown(wire, at, `${path}: unknown field ${id}`, end);
        continue;
      }
      const what = `${path}.${field.name} (field ${id})`;
      if (field.data) {
        this.dataField(out, field, wire, at, what, end);
        continue;
      }
      if (field.kind === 'message') {
        if (wire !== 2) this.wrongWire(what, wire, 2, at);
        const len = this.length(at, what, end);
        const subEnd = r.pos + len;
        const index = field.repeated ? ((out[field.name] as unknown[] | undefined)?.length ?? 0) : -1;
        const sub = this.message(field.message!, subEnd, depth + 1, field.repeated ? `${what}[${index}]` : what);
        r.pos = subEnd;
        if (field.repeated) ((out[field.name] ??= []) as Decoded[]).push(sub);
        else out[field.name] = sub;
        continue;
      }
      const kind = field.kind;
      const expected = WIRE[kind];
      if (field.repeated && wire === 2 && expected !== 2) {
        // Packed repeated scalars: one length-delimited record of values.
        const len = this.length(at, what, end);
        const stop = r.pos + len;
        const list = (out[field.name] ??= []) as unknown[];
        while (r.pos < stop) list.push(this.scalar(kind, at, what, stop));
        continue;
      }
      if (wire !== expected) this.wrongWire(what, wire, expected, at);
      const v = this.scalar(kind, at, what, end);
      if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(v);
      else out[field.name] = v;
    }
    if (r.pos !== end) this.fail(`${path}: the last field runs past the end of its message`, end);
    return out as Decoded;
  }

  private wrongWire(what: string, got: number, expected: number, at: number): never {
    this.fail(
      `${what}: wrong wire type ${got} (${WIRE_NAMES[got] ?? 'invalid'}), expected ${expected} (${WIRE_NAMES[expected]})`,
      at,
    );
  }

  private scalar(kind: ScalarKind, at: number, what: string, end: number): unknown {
    const r = this.r;
    switch (kind) {
      case 'string': {
        const len = this.length(at, what, end);
        const s = protobuf.util.utf8.read(this.bytes, r.pos, r.pos + len);
        r.pos += len;
        return s;
      }
      case 'bytes': {
        const len = this.length(at, what, end);
        // A view, never a copy.
        const b = this.bytes.subarray(r.pos, r.pos + len);
        r.pos += len;
        return b;
      }
      case 'int64':
        return toNumber(this.guarded(at, what, () => r.int64(), end));
      case 'uint64':
        return toNumber(this.guarded(at, what, () => r.uint64(), end));
      case 'sint64':
        return toNumber(this.guarded(at, what, () => r.sint64(), end));
      case 'fixed64':
        return toNumber(this.guarded(at, what, () => r.fixed64(), end));
      case 'sfixed64':
        return toNumber(this.guarded(at, what, () => r.sfixed64(), end));
      case 'int32':
      case 'enum':
        return this.guarded(at, what, () => r.int32(), end);
      case 'uint32':
        return this.guarded(at, what, () => r.uint32(), end);
      case 'sint32':
        return this.guarded(at, what, () => r.sint32(), end);
      case 'bool':
        return this.guarded(at, what, () => r.bool(), end);
      case 'float':
        return this.guarded(at, what, () => r.float(), end);
      case 'double':
        return this.guarded(at, what, () => r.double(), end);
      case 'fixed32':
        return this.guarded(at, what, () => r.fixed32(), end);
      case 'sfixed32':
        return this.guarded(at, what, () => r.sfixed32(), end);
    }
  }

  /** Records where tensor data lies and steps over it. */
  private dataField(
    out: Record<string, unknown>,
    field: FieldInfo,
    wire: number,
    at: number,
    what: string,
    end: number,
  ): void {
    const r = this.r;
    const list = (out.$data ??= []) as DataRange[];
    if (wire === 2) {
      const len = this.length(at, what, end);
      const offset = r.pos;
      if (field.kind === 'string' || field.kind === 'bytes' || field.repeated) {
        list.push({ field: field.name, offset, length: len, wire: 2 });
      }
      r.pos = offset + len;
      return;
    }
    const expected = WIRE[field.kind as ScalarKind];
    if (wire !== expected || !field.repeated) this.wrongWire(what, wire, field.repeated ? expected : 2, at);
    const offset = r.pos;
    this.skipUnknown(wire, at, what, end, true);
    list.push({ field: field.name, offset, length: r.pos - offset, wire });
  }

  private skipUnknown(wire: number, at: number, what: string, end: number, valueOnly = false): void {
    const r = this.r;
    switch (wire) {
      case 0:
        this.guarded(at, what, () => r.skip(), end);
        return;
      case 1:
        if (end - r.pos < 8) this.fail(`${what}: a 64-bit value runs past the end of its message`, at);
        r.pos += 8;
        return;
      case 2: {
        const len = this.length(at, what, end);
        r.pos += len;
        return;
      }
      case 5:
        if (end - r.pos < 4) this.fail(`${what}: a 32-bit value runs past the end of its message`, at);
        r.pos += 4;
        return;
      case 3:
        if (!valueOnly) {
          // Groups are deprecated and never used by ONNX; stepping over one needs its end tag.
          this.fail(`${what}: a protobuf group (wire type 3), which ONNX never uses (corrupt data?)`, at);
        }
        break;
      default:
        break;
    }
    this.fail(`${what}: invalid wire type ${wire} (corrupt data, or not an ONNX file)`, at);
  }
}
