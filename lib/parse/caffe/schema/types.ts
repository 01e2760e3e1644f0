/**
 * The Caffe format described as data: one spec per protobuf message and enum of BVLC's
 * caffe.proto, plus the fields and messages that the forks we support add (each tagged with its
 * fork). Readers check every field against it, the editor's completion and hover read it, ops
 * name their parameter block from it. Written here in our own words from the .proto files
 * (see forks.ts for where each fork's definitions come from); nothing is generated.
 */

/** Protobuf scalar types that caffe.proto uses. */
export type ScalarType = 'double' | 'float' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'bool' | 'string' | 'bytes';

/** optional / repeated / required, as declared. */
export type Label = 'optional' | 'repeated' | 'required';

/** A Caffe fork whose fields and messages the schema knows, beside BVLC's. */
export type ForkId =
  | 'ssd'
  | 'segnet'
  | 'pspnet'
  | 'deeplab'
  | 'shufflenet'
  | 'c3d'
  | 'video-caffe'
  | 'nd-pooling'
  | 'ceil-mode'
  | 'faster-rcnn'
  | 'yolo'
  | 'darknet2caffe'
  | 'relu6'
  | 'bn';

/** Who a fork is, for notes ("… comes from the SSD fork (weiliu89/caffe, ssd branch)"). */
export interface ForkInfo {
  readonly id: ForkId;
  /** Short name used in messages. */
  readonly name: string;
  /** Where its definitions were read. */
  readonly source: string;
}

/** One field of a message. */
export interface FieldSpec {
  readonly name: string;
  /** The field number in the .proto that defines it; absent for fork fields whose number we could not confirm. */
  readonly number?: number;
  readonly label: Label;
  /** A ScalarType, or the (qualified) name of a message or enum spec, e.g. `PoolingParameter.PoolMethod`. */
  readonly type: string;
  /** The declared default, when there is one. */
  readonly default?: number | string | boolean;
  /** One line: what the field means, in our words. */
  readonly doc: string;
  /** Set when the field is not in BVLC Caffe. */
  readonly fork?: ForkId;
  /** BVLC declares the field optional, but this fork makes it repeated (one value per spatial axis). */
  readonly repeatedIn?: ForkId;
}

/** One value of an enum. */
export interface EnumValueSpec {
  readonly name: string;
  readonly number: number;
  readonly doc?: string;
  readonly fork?: ForkId;
}

export interface EnumSpec {
  /** Qualified like protobuf: `PoolingParameter.PoolMethod`, or `Phase` for a top-level enum. */
  readonly name: string;
  readonly doc: string;
  readonly values: readonly EnumValueSpec[];
  readonly fork?: ForkId;
}

export interface MessageSpec {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldSpec[];
  /** Set when the whole message comes from a fork. */
  readonly fork?: ForkId;
}

/** Fields (and enum values) a fork adds to a message (or enum) BVLC defines. */
export interface Extension {
  readonly message: string;
  readonly fields: readonly FieldSpec[];
}

// --- compact builders for the data files ---

type Extra = { readonly default?: number | string | boolean; readonly fork?: ForkId; readonly repeatedIn?: ForkId };

/** An optional field. `extra` is a default value, or `{ default, fork, repeatedIn }`. */
export function opt(
  name: string,
  number: number | undefined,
  type: string,
  doc: string,
  extra?: number | string | boolean | Extra,
): FieldSpec {
  return field(name, number, 'optional', type, doc, extra);
}

/** A repeated field. */
export function rep(name: string, number: number | undefined, type: string, doc: string, extra?: Extra): FieldSpec {
  return field(name, number, 'repeated', type, doc, extra);
}

/** A required field (proto2). */
export function req(name: string, number: number | undefined, type: string, doc: string): FieldSpec {
  return field(name, number, 'required', type, doc);
}

function field(
  name: string,
  number: number | undefined,
  label: Label,
  type: string,
  doc: string,
  extra?: number | string | boolean | Extra,
): FieldSpec {
  const x: Extra = typeof extra === 'object' ? extra : extra === undefined ? {} : { default: extra };
  return {
    name,
    ...(number !== undefined ? { number } : {}),
    label,
    type,
    doc,
    ...(x.default !== undefined ? { default: x.default } : {}),
    ...(x.fork ? { fork: x.fork } : {}),
    ...(x.repeatedIn ? { repeatedIn: x.repeatedIn } : {}),
  };
}

/** Tags every field of a list with a fork. */
export function forkFields(fork: ForkId, fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.map((f) => ({ ...f, fork }));
}

/** A message spec. */
export function message(name: string, doc: string, fields: readonly FieldSpec[], fork?: ForkId): MessageSpec {
  return { name, doc, fields, ...(fork ? { fork } : {}) };
}

/** An enum spec from `[name, number, doc?]` rows. */
export function enumOf(
  name: string,
  doc: string,
  values: readonly (readonly [string, number, string?])[],
  fork?: ForkId,
): EnumSpec {
  return {
    name,
    doc,
    values: values.map(([n, v, d]) => ({ name: n, number: v, ...(d ? { doc: d } : {}), ...(fork ? { fork } : {}) })),
    ...(fork ? { fork } : {}),
  };
}
