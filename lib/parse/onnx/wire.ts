import protobuf from 'protobufjs/light.js';
import { ONNX_PROTO } from './schema';

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

/** A message or enum of the descriptor (ONNX_PROTO), as plain data. */
interface DescType {
  readonly fields?: Readonly<Record<string, { readonly type: string; readonly id: number; readonly rule?: string }>>;
  readonly nested?: Readonly<Record<string, DescType>>;
  readonly values?: Readonly<Record<string, number>>;
}

/** Field tables by descriptor object (every message of the descriptor is one object). */
const MESSAGES = new Map<DescType, MessageInfo>();

const SCALARS = new Set(Object.keys(WIRE));

/** Finds a type name the way protobuf scopes it: nested in the message, then outwards. */
function lookup(scopes: readonly DescType[], name: string): { type: DescType; scopes: DescType[] } | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const t = scopes[i]!.nested?.[name];
    if (t) return { type: t, scopes: scopes.slice(0, i + 1) };
  }
  return undefined;
}

/**
 * Field tables built from the descriptor data itself, not from protobufjs reflection: reflected
 * types generate code with `new Function`, which the page's Content-Security-Policy refuses, and
 * the page reads bytes too (format detection). Only protobufjs's Reader does the decoding.
 */
function messageInfo(name: string, type: DescType, scopes: readonly DescType[]): MessageInfo {
  const known = MESSAGES.get(type);
  if (known) return known;
  const byId = new Map<number, FieldInfo>();
  const info: MessageInfo = { name, byId };
  MESSAGES.set(type, info);
  const inner = [...scopes, type];
  for (const [fieldName, f] of Object.entries(type.fields ?? {})) {
    const resolved = SCALARS.has(f.type) ? undefined : lookup(inner, f.type);
    const isMessage = !!resolved?.type.fields;
    const kind: ScalarKind | 'message' = isMessage
      ? 'message'
      : resolved?.type.values
        ? 'enum'
        : (f.type as ScalarKind);
    byId.set(f.id, {
      id: f.id,
      name: fieldName,
      repeated: f.rule === 'repeated',
      kind,
      ...(isMessage ? { message: messageInfo(f.type, resolved!.type, resolved!.scopes) } : {}),
      data: name === 'TensorProto' && DATA_FIELDS.has(fieldName),
    });
  }
  return info;
}

const ONNX_PACKAGE = (ONNX_PROTO as unknown as { nested: { onnx: DescType } }).nested.onnx;

/** Message descriptors by ONNX message name (ModelProto, GraphProto, …). */
export function onnxMessage(name: string): MessageInfo {
  const t = ONNX_PACKAGE.nested?.[name];
  if (!t) throw new Error(`onnx.${name} is not in the schema`);
  return messageInfo(name, t, [ONNX_PACKAGE]);
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

/** Where the walker is: one frame per open message, turned into a path only for a message. */
interface Frame {
  field: FieldInfo | null;
  index: number;
}

/** A protobufjs read that ran past the buffer (RangeError "index out of range"). */
class Truncated extends Error {}

/**
 * Walks protobuf bytes with one schema. `decode(bytes, 'ModelProto')` returns the top message;
 * throws OnnxReadError (message + byte offset) on anything malformed. The path named in a message
 * (`ModelProto.graph (field 7).node (field 1)[3]…`) is built only when reading fails: the walk
 * itself allocates nothing but the decoded values.
 */
export class WireWalker {
  private readonly r: protobuf.Reader;
  private root = '';
  private readonly frames: Frame[] = [];

  constructor(
    readonly bytes: Uint8Array,
    private readonly limits: WalkLimits = DEFAULT_LIMITS,
  ) {
    this.r = protobuf.Reader.create(bytes);
  }

  decode(type: string, start = 0, end = this.bytes.length): Decoded {
    this.r.pos = start;
    this.root = type;
    this.frames.length = 0;
    return this.message(onnxMessage(type), end, 0);
  }

  /** The path of the current position: root message, then each open field (with its index if repeated). */
  private path(depth: number, field?: FieldInfo | null): string {
    let out = this.root;
    for (let d = 1; d <= depth; d++) {
      const f = this.frames[d];
      if (!f?.field) continue;
      out += `.${f.field.name} (field ${f.field.id})${f.field.repeated ? `[${f.index}]` : ''}`;
    }
    if (field) out += `.${field.name} (field ${field.id})`;
    return out;
  }

  private fail(message: string, offset: number): never {
    throw new OnnxReadError(message, offset);
  }

  /** A length prefix, checked against the end of the enclosing message. */
  private length(at: number, depth: number, field: FieldInfo | null, end: number): number {
    const len = this.r.uint32();
    const from = this.r.pos;
    if (from > end) throw new Truncated();
    if (len > end - from) {
      this.fail(
        `${this.path(depth, field)}: declares ${len.toLocaleString('en-US')} bytes but only ${(end - from).toLocaleString('en-US')} remain in its message (truncated or corrupt file)`,
        at,
      );
    }
    return len;
  }

  private message(info: MessageInfo, end: number, depth: number): Decoded {
    if (depth > this.limits.maxDepth) {
      this.fail(`${this.path(depth)}: messages nested more than ${this.limits.maxDepth} deep`, this.r.pos);
    }
    const r = this.r;
    const out: Record<string, unknown> = { $start: r.pos, $end: end };
    let at = r.pos;
    let field: FieldInfo | null = null;
    try {
      while (r.pos < end) {
        at = r.pos;
        field = null;
        const tag = r.uint32();
        if (r.pos > end) throw new Truncated();
        const id = tag >>> 3;
        const wire = tag & 7;
        if (id === 0) this.fail(`${this.path(depth)}: field number 0 is not valid protobuf (corrupt data)`, at);
        const f = info.byId.get(id);
        if (!f) {
          this.skip(wire, at, depth, null, id, end);
          continue;
        }
        field = f;
        if (f.data) {
          this.dataField(out, f, wire, at, depth, end);
          continue;
        }
        if (f.kind === 'message') {
          if (wire !== 2) this.wrongWire(depth, f, wire, 2, at);
          const len = this.length(at, depth, f, end);
          const subEnd = r.pos + len;
          const list = f.repeated ? ((out[f.name] as Decoded[] | undefined) ?? (out[f.name] = [] as Decoded[])) : null;
          const frame = (this.frames[depth + 1] ??= { field: null, index: 0 });
          frame.field = f;
          frame.index = list ? list.length : 0;
          const sub = this.message(f.message!, subEnd, depth + 1);
          r.pos = subEnd;
          if (list) list.push(sub);
          else out[f.name] = sub;
          continue;
        }
        const kind = f.kind;
        const expected = WIRE[kind];
        if (f.repeated && wire === 2 && expected !== 2) {
          // Packed repeated scalars: one length-delimited record of values.
          const len = this.length(at, depth, f, end);
          const stop = r.pos + len;
          const list = (out[f.name] ??= []) as unknown[];
          while (r.pos < stop) list.push(this.scalar(kind, at, depth, f, stop));
          if (r.pos > stop) throw new Truncated();
          continue;
        }
        if (wire !== expected) this.wrongWire(depth, f, wire, expected, at);
        const v = this.scalar(kind, at, depth, f, end);
        if (r.pos > end) throw new Truncated();
        if (f.repeated) ((out[f.name] ??= []) as unknown[]).push(v);
        else out[f.name] = v;
      }
    } catch (err) {
      if (err instanceof OnnxReadError) throw err;
      // protobufjs ran past the buffer, or a value ran past its message.
      const where = field ? this.path(depth, field) : `${this.path(depth)}: field tag`;
      this.fail(
        r.pos > this.bytes.length || err instanceof RangeError
          ? `${where}: the data ends inside a value (truncated file?)`
          : `${where}: a value runs past the end of its message (byte ${end})`,
        at,
      );
    }
    if (r.pos !== end) this.fail(`${this.path(depth)}: the last field runs past the end of its message`, end);
    return out as Decoded;
  }

  private wrongWire(depth: number, field: FieldInfo, got: number, expected: number, at: number): never {
    this.fail(
      `${this.path(depth, field)}: wrong wire type ${got} (${WIRE_NAMES[got] ?? 'invalid'}), expected ${expected} (${WIRE_NAMES[expected]})`,
      at,
    );
  }

  private scalar(kind: ScalarKind, at: number, depth: number, field: FieldInfo, end: number): unknown {
    const r = this.r;
    switch (kind) {
      case 'string': {
        const len = this.length(at, depth, field, end);
        const s = protobuf.util.utf8.read(this.bytes, r.pos, r.pos + len);
        r.pos += len;
        return s;
      }
      case 'bytes': {
        const len = this.length(at, depth, field, end);
        // A view, never a copy.
        const b = this.bytes.subarray(r.pos, r.pos + len);
        r.pos += len;
        return b;
      }
      case 'int64':
        return toNumber(r.int64());
      case 'uint64':
        return toNumber(r.uint64());
      case 'sint64':
        return toNumber(r.sint64());
      case 'fixed64':
        return toNumber(r.fixed64());
      case 'sfixed64':
        return toNumber(r.sfixed64());
      case 'int32':
      case 'enum':
        return r.int32();
      case 'uint32':
        return r.uint32();
      case 'sint32':
        return r.sint32();
      case 'bool':
        return r.bool();
      case 'float':
        return r.float();
      case 'double':
        return r.double();
      case 'fixed32':
        return r.fixed32();
      case 'sfixed32':
        return r.sfixed32();
    }
  }

  /** Records where tensor data lies and steps over it. */
  private dataField(
    out: Record<string, unknown>,
    field: FieldInfo,
    wire: number,
    at: number,
    depth: number,
    end: number,
  ): void {
    const r = this.r;
    const list = (out.$data ??= []) as DataRange[];
    if (wire === 2) {
      const len = this.length(at, depth, field, end);
      const offset = r.pos;
      list.push({ field: field.name, offset, length: len, wire: 2 });
      r.pos = offset + len;
      return;
    }
    const expected = WIRE[field.kind as ScalarKind];
    if (wire !== expected || !field.repeated) this.wrongWire(depth, field, wire, field.repeated ? expected : 2, at);
    const offset = r.pos;
    this.skip(wire, at, depth, field, field.id, end, true);
    list.push({ field: field.name, offset, length: r.pos - offset, wire });
  }

  private skip(
    wire: number,
    at: number,
    depth: number,
    field: FieldInfo | null,
    id: number,
    end: number,
    valueOnly = false,
  ): void {
    const r = this.r;
    const what = () => (field ? this.path(depth, field) : `${this.path(depth)}: unknown field ${id}`);
    switch (wire) {
      case 0:
        r.skip();
        if (r.pos > end) throw new Truncated();
        return;
      case 1:
        if (end - r.pos < 8) this.fail(`${what()}: a 64-bit value runs past the end of its message`, at);
        r.pos += 8;
        return;
      case 2: {
        const len = this.length(at, depth, null, end);
        r.pos += len;
        return;
      }
      case 5:
        if (end - r.pos < 4) this.fail(`${what()}: a 32-bit value runs past the end of its message`, at);
        r.pos += 4;
        return;
      case 3:
        if (!valueOnly) {
          // Groups are deprecated and never used by ONNX; stepping over one needs its end tag.
          this.fail(`${what()}: a protobuf group (wire type 3), which ONNX never uses (corrupt data?)`, at);
        }
        break;
      default:
        break;
    }
    this.fail(`${what()}: invalid wire type ${wire} (corrupt data, or not an ONNX file)`, at);
  }
}
