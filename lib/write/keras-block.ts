import type { IRNode, Shape } from '../ir';
import type { JsonObject, JsonValue } from '../parse/keras/json-spans';
import { toAttrMap } from '../parse/keras/source';
import type { NameSource, PlanConv, PlanLayer, PlanShuffle } from '../advisor/plan';
import type { BlockLayerText, BlockWriter } from './block';
import { compactJson, type JsonData, prettyJson, styleAt } from './json-text';

/** The Keras layer being rewritten: its object as written, and whether the model is functional. */
export interface KerasLayerSource {
  readonly obj: JsonObject;
  readonly config: JsonObject;
  /** Functional models name each layer at the top level and wire it with `inbound_nodes`. */
  readonly functional: boolean;
}

/** Config keys that declare the model's input on the first layer of a Sequential. */
const INPUT_KEYS = ['batch_input_shape', 'batch_shape', 'input_shape', 'input_dim'];

function isObj(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T extends JsonValue>(v: T): T {
  return structuredClone(v);
}

/** Re-reads the layer's object from the text (its span), or says why it cannot. */
export function readKerasLayer(text: string, node: IRNode): KerasLayerSource | string {
  const span = node.span;
  if (!span) return 'the layer has no position in the text';
  let obj: JsonValue;
  try {
    obj = JSON.parse(text.slice(span.offset, span.offset + span.length)) as JsonValue;
  } catch {
    return 'the layer’s JSON does not parse on its own';
  }
  if (!isObj(obj) || !isObj(obj.config)) return 'the layer entry has no config object';
  return { obj, config: obj.config, functional: obj.inbound_nodes !== undefined };
}

/** `[null, …dims]`: a shape as Keras writes it (batch unknown). */
function kerasShape(s: Shape | null | undefined): JsonValue {
  return s ? [null, ...s.slice(1)] : null;
}

/**
 * The inbound_nodes entry that feeds a new layer from the previous one, in the original's style:
 * Keras 2 / TF.js `[[["prev", 0, 0, {}]]]`, Keras 3 `[{"args": [keras tensor], "kwargs": {}}]`.
 */
function inboundFrom(orig: JsonValue | undefined, prev: string, prevShape: Shape | null | undefined): JsonValue {
  const first = Array.isArray(orig) ? orig[0] : undefined;
  if (isObj(first)) {
    const tensor: JsonObject = {
      class_name: '__keras_tensor__',
      config: { shape: kerasShape(prevShape), dtype: 'float32', keras_history: [prev, 0, 0] },
    };
    // Keep the dtype the original's input tensor declared.
    const args = first.args;
    const t0 = Array.isArray(args) ? args[0] : undefined;
    if (isObj(t0) && isObj(t0.config) && t0.config.dtype !== undefined) {
      (tensor.config as JsonObject).dtype = t0.config.dtype;
    }
    return [{ args: [tensor], kwargs: {} }];
  }
  return [[[prev, 0, 0, {}]]];
}

/** The Keras writer: plan → layer objects (Conv2D, DepthwiseConv2D, Reshape/Permute for the shuffle) → JSON. */
export function kerasWriter(src: KerasLayerSource, fresh: NameSource, outShape: Shape): BlockWriter {
  const cfg = src.config;
  const common = (name: string, first: boolean): JsonObject => {
    const out: JsonObject = { name };
    if (cfg.trainable !== undefined) out.trainable = cfg.trainable;
    if (cfg.dtype !== undefined) out.dtype = clone(cfg.dtype);
    if (first) for (const k of INPUT_KEYS) if (cfg[k] !== undefined) out[k] = clone(cfg[k]);
    return out;
  };
  const activation = (c: PlanConv): JsonValue =>
    c.last ? clone(cfg.activation ?? 'linear') : c.reluAfter ? 'relu' : 'linear';

  const convConfig = (c: PlanConv, first: boolean): { cls: string; config: JsonObject } => {
    if (c.depthwise) {
      const config = common(c.name, first);
      Object.assign(config, {
        kernel_size: [...c.kernel],
        strides: [...c.stride],
        padding: clone(cfg.padding ?? 'valid'),
        ...(cfg.data_format !== undefined ? { data_format: clone(cfg.data_format) } : {}),
        dilation_rate: [...c.dilation],
        depth_multiplier: 1,
        activation: activation(c),
        use_bias: clone(cfg.use_bias ?? true),
      });
      return { cls: 'DepthwiseConv2D', config };
    }
    // Everything else of the original (initialisers, regularisers, constraints) carries over.
    const config: JsonObject = {};
    for (const [k, v] of Object.entries(cfg)) {
      if (INPUT_KEYS.includes(k) && !first) continue;
      config[k] = clone(v);
    }
    Object.assign(config, {
      name: c.name,
      filters: c.cOut,
      kernel_size: [...c.kernel],
      strides: [...c.stride],
      dilation_rate: [...c.dilation],
      activation: activation(c),
    });
    if (c.group !== 1 || cfg.groups !== undefined) config.groups = c.group;
    return { cls: 'Conv2D', config };
  };

  /** Channel shuffle for channels_last: Reshape to (H, W, g, C/g), swap the last two axes, Reshape back. */
  const shuffle = (s: PlanShuffle): { name: string; cls: string; config: JsonObject }[] => {
    const [h, w, ch] = [outShape[1]!, outShape[2]!, outShape[3]!];
    const split = fresh(`${s.name}_shuffle_split`);
    const swap = fresh(`${s.name}_shuffle_swap`);
    return [
      {
        name: split,
        cls: 'Reshape',
        config: { ...common(split, false), target_shape: [h, w, s.groups, ch / s.groups] },
      },
      { name: swap, cls: 'Permute', config: { ...common(swap, false), dims: [1, 2, 4, 3] } },
      { name: s.name, cls: 'Reshape', config: { ...common(s.name, false), target_shape: [h, w, ch] } },
    ];
  };

  return {
    layers(plan: readonly PlanLayer[]): BlockLayerText[] {
      const flat: { name: string; cls: string; config: JsonObject }[] = [];
      plan.forEach((p, i) => {
        if (p.op === 'conv') flat.push({ name: p.name, ...convConfig(p, i === 0) });
        else for (const layer of shuffle(p)) flat.push(layer);
      });
      return flat.map((l, i) => ({
        name: l.name,
        type: l.cls,
        attrs: toAttrMap(l.config),
        bottoms: [i === 0 ? plan[0]!.bottom : flat[i - 1]!.name],
        tops: [l.name],
        source: { class_name: l.cls, config: l.config },
      }));
    },
    print(layers, text, start, end, _comment, shapes) {
      const style = styleAt(text, start, end);
      const objects = layers.map((l, i) => {
        const made = l.source as { class_name: string; config: JsonObject };
        const obj: JsonObject = {};
        // The original's own keys in its order (name, class_name, module…), with the new values.
        for (const [k, v] of Object.entries(src.obj)) {
          if (k === 'class_name') obj[k] = made.class_name;
          else if (k === 'config') obj[k] = made.config;
          else if (k === 'name') obj[k] = l.name;
          else if (k === 'inbound_nodes')
            obj[k] = i === 0 ? clone(v) : inboundFrom(src.obj.inbound_nodes, layers[i - 1]!.name, shapes?.[i]);
          else if (k === 'build_config') obj[k] = { input_shape: kerasShape(shapes?.[i]) };
          else if (k === 'registered_name') obj[k] = made.class_name === src.obj.class_name ? clone(v) : null;
          else obj[k] = clone(v);
        }
        if (obj.class_name === undefined) obj.class_name = made.class_name;
        if (obj.config === undefined) obj.config = made.config;
        return style.multiline ? prettyJson(obj as JsonData, style.unit, style.indent) : compactJson(obj as JsonData);
      });
      return objects.join(style.ownLine ? `,\n${style.indent}` : ', ');
    },
  };
}
