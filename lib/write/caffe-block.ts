import type { AttrMap, AttrValue, IRNode } from '../ir';
import { parseJsonTree } from '../parse/json';
import { REPEATED_FIELDS } from '../parse/caffe/to-json';
import { v1TypeByName } from '../parse/caffe/v1-types';
import { parsePrototxt, type TextMessage } from '../parse/prototxt';
import { en, isEnum, type PtMessage, type PtValue, writeFields } from '../presets/prototxt-writer';
import type { BlockLayerText, BlockWriter } from './block';
import type { NameSource, PlanConv, PlanLayer } from '../advisor/plan';
import { compactJson, type JsonData, prettyJson, styleAt } from './json-text';

/** The layer being rewritten, re-read from its own text so every field keeps its kind (enum vs string). */
export interface CaffeLayerSource {
  readonly syntax: 'prototxt' | 'json';
  /** Legacy `layers { type: CONVOLUTION }`. */
  readonly v1: boolean;
  /** JSON written with lowerCamelCase names (`convolutionParam`), which the writer keeps. */
  readonly camel: boolean;
  readonly layer: PtMessage;
}

/** Fields of the original layer not copied onto the new layers: structure, and what would be wrong on them. */
const NOT_COPIED = new Set(['name', 'type', 'bottom', 'top', 'blobs', 'loss_weight', 'propagate_down']);

/** Fields of ConvolutionParameter the rewrite sets, by family (one spelling per family is written). */
const FAMILIES: readonly (readonly [family: string, fields: readonly string[]])[] = [
  ['num_output', ['num_output']],
  ['pad', ['pad', 'pad_h', 'pad_w']],
  ['kernel', ['kernel_size', 'kernel_h', 'kernel_w']],
  ['group', ['group']],
  ['stride', ['stride', 'stride_h', 'stride_w']],
  ['dilation', ['dilation']],
];
const FAMILY_OF = new Map(FAMILIES.flatMap(([family, fields]) => fields.map((f) => [f, family] as const)));

function toPt(msg: TextMessage): PtMessage {
  const groups = new Map<string, PtValue[]>();
  for (const f of msg.fields) {
    const v: PtValue =
      f.kind === 'message'
        ? toPt(f.value as TextMessage)
        : f.kind === 'ident'
          ? en(String(f.value))
          : (f.value as string | number | boolean);
    const list = groups.get(f.name);
    if (list) list.push(v);
    else groups.set(f.name, [v]);
  }
  const out: Record<string, PtValue> = {};
  for (const [k, vs] of groups) {
    if (k === '__proto__') continue;
    out[k] = vs.length === 1 ? vs[0]! : vs;
  }
  return out;
}

/** True when the type as written is a V1 enum (`CONVOLUTION`) or its number. */
function isV1Type(sourceType: string): boolean {
  return v1TypeByName(sourceType) !== undefined || /^\d+$/.test(sourceType);
}

/** Re-reads the layer's block from the text (its span), or says why it cannot. */
export function readCaffeLayer(text: string, node: IRNode, syntax: 'prototxt' | 'json'): CaffeLayerSource | string {
  const span = node.span;
  if (!span) return 'the layer has no position in the text';
  const slice = text.slice(span.offset, span.offset + span.length);
  if (syntax === 'prototxt') {
    const { root, diagnostics } = parsePrototxt(slice);
    const f = root.fields[0];
    if (!f || f.kind !== 'message' || diagnostics.some((d) => d.severity === 'error')) {
      return 'the layer’s text does not parse on its own';
    }
    return { syntax, v1: f.name === 'layers', camel: false, layer: toPt(f.value as TextMessage) };
  }
  const { root, diagnostics } = parseJsonTree(`{"layer": [${slice}]}`);
  const f = root.fields[0];
  if (!f || f.kind !== 'message' || diagnostics.some((d) => d.severity === 'error')) {
    return 'the layer’s JSON does not parse on its own';
  }
  return {
    syntax,
    v1: isV1Type(node.sourceType),
    camel: /"[a-z]+[A-Z][A-Za-z]*"\s*:/.test(slice),
    layer: toPt(f.value as TextMessage),
  };
}

function msgOf(v: PtValue | undefined): PtMessage {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isEnum(v) ? (v as PtMessage) : {};
}

/** The geometry fields of one family, as a plan convolution needs them. */
function familyFields(family: string, c: PlanConv): Record<string, PtValue> {
  const [h, w] = [0, 1] as const;
  const axisPair = (name: string, v: readonly [number, number], dflt: number): Record<string, PtValue> => {
    if (v[h] === v[w]) return v[h] === dflt ? {} : { [name]: v[h] };
    return { [`${name}_h`]: v[h], [`${name}_w`]: v[w] };
  };
  switch (family) {
    case 'num_output':
      return { num_output: c.cOut };
    case 'pad':
      return axisPair('pad', c.pad, 0);
    case 'kernel':
      return c.kernel[h] === c.kernel[w]
        ? { kernel_size: c.kernel[h] }
        : { kernel_h: c.kernel[h], kernel_w: c.kernel[w] };
    case 'stride':
      return axisPair('stride', c.stride, 1);
    case 'group':
      return c.group === 1 ? {} : { group: c.group };
    case 'dilation':
      // dilation has no _h/_w spelling: one value, or one per axis.
      return c.dilation[h] === c.dilation[w]
        ? c.dilation[h] === 1
          ? {}
          : { dilation: c.dilation[h] }
        : { dilation: [c.dilation[h], c.dilation[w]] };
    default:
      return {};
  }
}

/**
 * The original convolution_param with the geometry of `c`: every other field (fillers, engine,
 * bias_term) kept in its place, each geometry family written where the original had it.
 */
function convParam(original: PtMessage, c: PlanConv): PtMessage {
  const out: Record<string, PtValue> = {};
  const done = new Set<string>();
  for (const [k, v] of Object.entries(original)) {
    if (v === undefined) continue;
    const family = FAMILY_OF.get(k);
    if (family === undefined) {
      out[k] = v;
      continue;
    }
    if (done.has(family)) continue;
    done.add(family);
    Object.assign(out, familyFields(family, c));
  }
  for (const [family] of FAMILIES) if (!done.has(family)) Object.assign(out, familyFields(family, c));
  return out;
}

/** ParamSpec blocks (lr_mult, decay_mult) without `name`: a shared name would tie weights of different shapes. */
function paramSpecs(v: PtValue): PtValue {
  const strip = (p: PtValue): PtValue => {
    const m = msgOf(p);
    const rest: Record<string, PtValue> = {};
    for (const [k, x] of Object.entries(m)) if (k !== 'name' && k !== 'share_mode' && x !== undefined) rest[k] = x;
    return rest;
  };
  return Array.isArray(v) ? (v as readonly PtValue[]).map(strip) : strip(v);
}

/** The include/exclude rules of the original, which every new layer must share (same phase, same stages). */
function rules(layer: PtMessage): Record<string, PtValue> {
  const out: Record<string, PtValue> = {};
  for (const k of ['phase', 'include', 'exclude']) if (layer[k] !== undefined) out[k] = layer[k]!;
  return out;
}

/** A new layer's message in field order: name, type, bottom, top, then the rest. */
function head(name: string, type: PtValue, bottom: string, top: string): Record<string, PtValue> {
  return { name, type, bottom: [bottom], top: [top] };
}

function convLayer(src: CaffeLayerSource, c: PlanConv): PtMessage {
  const out = head(c.name, src.v1 ? en('CONVOLUTION') : 'Convolution', c.bottom, c.top);
  for (const [k, v] of Object.entries(src.layer)) {
    if (v === undefined || NOT_COPIED.has(k)) continue;
    if (k === 'convolution_param') out[k] = convParam(msgOf(v), c);
    else if (k === 'param') out[k] = paramSpecs(v);
    else out[k] = v;
  }
  if (out.convolution_param === undefined) out.convolution_param = convParam({}, c);
  return out;
}

/** PtMessage → AttrMap as the Caffe reader builds it (enums as strings, single values bare). */
function toAttrs(msg: PtMessage): AttrMap {
  const conv = (v: PtValue): AttrValue => {
    if (isEnum(v)) return v.enumValue;
    if (Array.isArray(v)) {
      const list = (v as readonly PtValue[]).map(conv);
      return list.length === 1 ? list[0]! : list;
    }
    if (typeof v === 'object') return toAttrs(v as PtMessage);
    return v as number | string | boolean;
  };
  const out: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(msg)) {
    if (v === undefined || k === 'name' || k === 'type' || k === 'bottom' || k === 'top') continue;
    out[k] = conv(v);
  }
  return out;
}

function toCamel(k: string): string {
  return k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** PtMessage → protobuf JSON: enums as strings, repeated fields as arrays (as strict parsers require). */
function toJson(msg: PtMessage, camel: boolean): { [key: string]: JsonData } {
  const one = (v: PtValue): JsonData => {
    if (isEnum(v)) return v.enumValue;
    if (typeof v === 'object' && !Array.isArray(v)) return toJson(v as PtMessage, camel);
    return v as number | string | boolean;
  };
  const out: { [key: string]: JsonData } = {};
  for (const [k, v] of Object.entries(msg)) {
    if (v === undefined) continue;
    const list = Array.isArray(v) ? (v as readonly PtValue[]) : null;
    out[camel ? toCamel(k) : k] = list ? list.map(one) : REPEATED_FIELDS.has(k) ? [one(v)] : one(v);
  }
  return out;
}

/** The Caffe writer: plan → layer messages → prototxt (current or V1) or protobuf JSON. */
export function caffeWriter(src: CaffeLayerSource, fresh: NameSource): BlockWriter {
  return {
    layers(plan: readonly PlanLayer[]): BlockLayerText[] {
      const out: BlockLayerText[] = [];
      const add = (msg: PtMessage, type: string) =>
        out.push({
          name: String(msg.name),
          type,
          attrs: toAttrs(msg),
          bottoms: [String((msg.bottom as readonly PtValue[])[0])],
          tops: [String((msg.top as readonly PtValue[])[0])],
          source: msg,
        });
      for (const p of plan) {
        if (p.op === 'conv') {
          add(convLayer(src, p), 'Convolution');
          if (p.reluAfter) {
            const relu = {
              ...head(fresh(`${p.name}_relu`), src.v1 ? en('RELU') : 'ReLU', p.top, p.top),
              ...rules(src.layer),
            };
            add(relu, 'ReLU');
          }
        } else {
          add(
            {
              ...head(p.name, 'ShuffleChannel', p.bottom, p.top),
              ...rules(src.layer),
              shuffle_channel_param: { group: p.groups },
            },
            'ShuffleChannel',
          );
        }
      }
      return out;
    },
    print(layers, text, start, end, comment) {
      const style = styleAt(text, start, end);
      const sep = style.ownLine ? `\n${style.indent}` : ' ';
      if (src.syntax === 'prototxt') {
        const unit = style.multiline ? style.unit : '  ';
        const blocks = layers.map((l) => {
          const lines = [`${src.v1 ? 'layers' : 'layer'} {`];
          writeFields(l.source as PtMessage, unit, lines, unit);
          lines.push('}');
          return lines.join(sep);
        });
        // A comment would swallow the rest of the line when the layer does not start its own line.
        return (style.ownLine ? [`# ${comment}`, ...blocks] : blocks).join(sep);
      }
      const objects = layers.map((l) => {
        const json = toJson(l.source as PtMessage, src.camel);
        return style.multiline ? prettyJson(json, style.unit, style.indent) : compactJson(json);
      });
      return objects.join(style.ownLine ? `,${sep}` : ', ');
    },
  };
}
