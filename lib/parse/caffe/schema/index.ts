import { BVLC_NET_ENUMS, BVLC_NET_MESSAGES } from './bvlc-net';
import { BVLC_PARAM_ENUMS, BVLC_PARAM_MESSAGES } from './bvlc-params';
import { BVLC_SOLVER_ENUMS, BVLC_SOLVER_MESSAGES } from './bvlc-solver';
import { FORK_ENUMS, FORK_ENUM_VALUES, FORK_EXTENSIONS, FORK_MESSAGES, FORKS } from './forks';
import type { EnumSpec, EnumValueSpec, FieldSpec, ForkId, ForkInfo, MessageSpec } from './types';

export type { EnumSpec, EnumValueSpec, FieldSpec, ForkId, ForkInfo, Label, MessageSpec, ScalarType } from './types';
export { FORKS } from './forks';
export { closest, editDistance } from './suggest';

/**
 * What a field holds, as small integers so the readers' hot loop switches on a number.
 * Values are a contract only inside lib/parse.
 */
export const K_INT32 = 1;
export const K_INT64 = 2;
export const K_UINT32 = 3;
export const K_UINT64 = 4;
export const K_FLOAT = 5;
export const K_DOUBLE = 6;
export const K_BOOL = 7;
export const K_STRING = 8;
export const K_BYTES = 9;
export const K_ENUM = 10;
export const K_MESSAGE = 11;

const SCALAR_KINDS: Readonly<Record<string, number>> = {
  int32: K_INT32,
  int64: K_INT64,
  uint32: K_UINT32,
  uint64: K_UINT64,
  float: K_FLOAT,
  double: K_DOUBLE,
  bool: K_BOOL,
  string: K_STRING,
  bytes: K_BYTES,
};

/** A resolved field: its spec plus what the readers need at hand. */
export interface FieldDesc extends FieldSpec {
  /** One of the K_* constants. */
  readonly kind: number;
  readonly repeated: boolean;
  /** The message type, for K_MESSAGE. */
  readonly message: MessageDesc | null;
  /** The enum type, for K_ENUM. */
  readonly enumType: EnumDesc | null;
  /** The message this field belongs to. */
  readonly owner: MessageDesc;
}

export interface EnumDesc extends EnumSpec {
  /** Every value by name (forks' values included). */
  readonly byName: ReadonlyMap<string, EnumValueSpec>;
  /** Values by number; where a fork reuses a BVLC number, BVLC's value wins. */
  readonly byNumber: ReadonlyMap<number, EnumValueSpec>;
}

export interface MessageDesc extends Omit<MessageSpec, 'fields'> {
  readonly fields: readonly FieldDesc[];
  /** Fields by name (forks' fields included). */
  readonly byName: ReadonlyMap<string, FieldDesc>;
}

function buildEnums(): Map<string, EnumDesc> {
  const specs = [...BVLC_NET_ENUMS, ...BVLC_PARAM_ENUMS, ...BVLC_SOLVER_ENUMS, ...FORK_ENUMS];
  const out = new Map<string, EnumDesc>();
  for (const spec of specs) {
    const values = [
      ...spec.values,
      ...FORK_ENUM_VALUES.filter((e) => e.enumName === spec.name).flatMap((e) => e.values),
    ];
    const byName = new Map<string, EnumValueSpec>();
    const byNumber = new Map<number, EnumValueSpec>();
    for (const v of values) {
      if (byName.has(v.name)) throw new Error(`caffe schema: enum ${spec.name} repeats ${v.name}`);
      byName.set(v.name, v);
      if (!byNumber.has(v.number)) byNumber.set(v.number, v);
    }
    out.set(spec.name, { ...spec, values, byName, byNumber });
  }
  return out;
}

interface MutableMessage {
  name: string;
  doc: string;
  fork?: ForkId;
  fields: FieldDesc[];
  byName: Map<string, FieldDesc>;
}

function buildMessages(enums: ReadonlyMap<string, EnumDesc>): Map<string, MessageDesc> {
  const specs = [...BVLC_NET_MESSAGES, ...BVLC_PARAM_MESSAGES, ...BVLC_SOLVER_MESSAGES, ...FORK_MESSAGES];
  const out = new Map<string, MutableMessage>();
  for (const spec of specs) {
    if (out.has(spec.name)) throw new Error(`caffe schema: message ${spec.name} is defined twice`);
    out.set(spec.name, {
      name: spec.name,
      doc: spec.doc,
      ...(spec.fork ? { fork: spec.fork } : {}),
      fields: [],
      byName: new Map(),
    });
  }
  const fieldsOf = new Map<string, FieldSpec[]>(specs.map((s) => [s.name, [...s.fields]]));
  for (const ext of FORK_EXTENSIONS) {
    const list = fieldsOf.get(ext.message);
    if (!list) throw new Error(`caffe schema: extension of unknown message ${ext.message}`);
    for (const f of ext.fields) list.push(f);
  }
  for (const [name, fields] of fieldsOf) {
    const owner = out.get(name)!;
    for (const spec of fields) {
      if (owner.byName.has(spec.name)) throw new Error(`caffe schema: ${name}.${spec.name} is defined twice`);
      const scalar = SCALAR_KINDS[spec.type];
      const enumType = scalar === undefined ? (enums.get(spec.type) ?? null) : null;
      const messageType = scalar === undefined && !enumType ? (out.get(spec.type) ?? null) : null;
      if (scalar === undefined && !enumType && !messageType) {
        throw new Error(`caffe schema: ${name}.${spec.name} has unknown type ${spec.type}`);
      }
      const desc: FieldDesc = {
        ...spec,
        kind: scalar ?? (enumType ? K_ENUM : K_MESSAGE),
        repeated: spec.label === 'repeated',
        message: messageType as MessageDesc | null,
        enumType,
        owner: owner as MessageDesc,
      };
      owner.fields.push(desc);
      owner.byName.set(spec.name, desc);
    }
  }
  return out as Map<string, MessageDesc>;
}

const ENUMS = buildEnums();
const MESSAGES = buildMessages(ENUMS);

/** A message by name (`ConvolutionParameter`), or undefined. */
export function messageDesc(name: string): MessageDesc | undefined {
  return MESSAGES.get(name);
}

/** An enum by qualified name (`PoolingParameter.PoolMethod`), or undefined. */
export function enumDesc(name: string): EnumDesc | undefined {
  return ENUMS.get(name);
}

/** Every message, BVLC's first, in definition order. */
export function allMessages(): readonly MessageDesc[] {
  return [...MESSAGES.values()];
}

/** Every enum. */
export function allEnums(): readonly EnumDesc[] {
  return [...ENUMS.values()];
}

/** The top-level message of a model file. */
export const NET_PARAMETER: MessageDesc = MESSAGES.get('NetParameter')!;
/** The current-format layer message (`layer { … }`). */
export const LAYER_PARAMETER: MessageDesc = MESSAGES.get('LayerParameter')!;
/** The legacy layer message (`layers { … }`). */
export const V1_LAYER_PARAMETER: MessageDesc = MESSAGES.get('V1LayerParameter')!;

/** The fork a field, enum value or message comes from, with its description. */
export function forkInfo(fork: ForkId): ForkInfo {
  return FORKS[fork];
}

/**
 * The message reached by following field names from `root` (`['layer', 'convolution_param']` →
 * ConvolutionParameter); undefined when a name is not a message field on the way.
 */
export function messageAtPath(path: readonly string[], root: MessageDesc = NET_PARAMETER): MessageDesc | undefined {
  let msg: MessageDesc | undefined = root;
  for (const name of path) {
    const f: FieldDesc | undefined = msg?.byName.get(name);
    if (!f || f.kind !== K_MESSAGE || !f.message) return undefined;
    msg = f.message;
  }
  return msg;
}

/** The protobuf type name of a field as written in a .proto (`repeated uint32`, `PoolMethod`). */
export function typeLabel(f: FieldSpec): string {
  const type = f.type.includes('.') ? f.type.slice(f.type.lastIndexOf('.') + 1) : f.type;
  return f.label === 'optional' ? type : `${f.label} ${type}`;
}
