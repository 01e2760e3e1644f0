import type { Diagnostic, ReadOptions, ReadResult } from '../../ir';
import { GraphBuilder } from '../../ir/graph-builder';
import { type JsonObject, parseJsonWithSpans } from './json-spans';
import { KerasWalker } from './reader';
import { Json, SourceText, isObject, strOf } from './source';

export { tensorBlobName } from './reader';

/**
 * The model object inside a file: Keras `to_json()` has it at the top; TF.js `model.json` under
 * `modelTopology`, itself wrapped in `model_config` by the Python converter.
 */
function findModel(root: JsonObject): JsonObject {
  const mt = root.modelTopology;
  if (isObject(mt)) return isObject(mt.model_config) ? mt.model_config : mt;
  if (isObject(root.model_config)) return root.model_config;
  return root;
}

/**
 * Reads Keras `model.to_json()` (Sequential in both config forms, Functional `Model`, nested
 * models, Keras 2 and 3) and TF.js `model.json` into the IR, layout NHWC. Node names are layer
 * names (nested models' layers are prefixed `model/`; a shared layer's later calls get `:k`);
 * blobs are `<layer>` or `<layer>:<node>:<tensor>` for later calls and extra outputs.
 * Never throws: syntax errors are diagnostics with positions, and the layers read before
 * the error are kept.
 */
export function readKeras(text: string, _options: ReadOptions = {}): ReadResult {
  const src = new SourceText(text);
  const parsed = parseJsonWithSpans(text);
  const json = new Json(parsed, src);
  const b = new GraphBuilder('keras', 'NHWC');
  const diags: Diagnostic[] = [];
  if (parsed.error) {
    const { message, offset } = parsed.error;
    diags.push({
      severity: 'error',
      message: `invalid JSON: ${message}`,
      span: src.span(offset, Math.min(offset + 1, text.length)),
      syntax: true,
    });
  }
  const root = parsed.value;
  let name = 'model';
  if (!isObject(root)) {
    if (!parsed.error) {
      diags.push({
        severity: 'error',
        message:
          'not a Keras model: expected a JSON object with "class_name" and "config" (or a TF.js "modelTopology")',
        span: src.span(0, Math.min(1, text.length)),
      });
    }
  } else {
    const model = findModel(root);
    const walker = new KerasWalker(b, json);
    if (!strOf(model, 'class_name')) {
      if (!parsed.error || Object.keys(model).length > 0) {
        diags.push({
          severity: 'error',
          message: Array.isArray(model.node)
            ? 'TF.js graph models ("format": "graph-model", a list of TensorFlow ops) are not supported: export a layers model'
            : 'not a Keras model: no "class_name" at the top level (expected Sequential, Model or Functional)',
          span: json.spanOf(model) ?? src.span(0),
        });
      }
    } else {
      name = walker.modelName(model, (strOf(model, 'class_name') ?? 'model').toLowerCase());
      walker.model(model, [], '');
      for (const d of walker.diags) diags.push(d);
    }
  }
  const graph = b.build(name, diags);
  return { graph, diagnostics: graph.diagnostics };
}
