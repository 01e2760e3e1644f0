import type { Diagnostic, IRGraph, ReadOptions, ReadResult, Shape, SourceSpan } from '../../ir';
import { GraphBuilder } from '../../ir/graph-builder';
import { spanOf, type TextField, type TextMessage } from '../prototxt/tree';
import { messageToAttrs } from './attrs';
import { declareLayerInputs, isInputLayer } from './layer-inputs';
import { layerIncluded, netState } from './phase';
import { describeValue, readBlobShape, readDims } from './shapes';
import { v1TypeByName, v1TypeByNumber } from './v1-types';

/** Layer fields that are structure, not attributes. */
const STRUCTURE = new Set(['name', 'type', 'bottom', 'top']);

/** NetParameter fields the converter knows; others get a warning and are ignored. */
const NET_FIELDS = new Set([
  'name',
  'input',
  'input_dim',
  'input_shape',
  'state',
  'layer',
  'layers',
  'force_backward',
  'debug_info',
]);

/** Input for the shared NetParameter → IR conversion. */
export interface ConvertInput {
  readonly root: TextMessage;
  /** Syntax diagnostics from the parser that built `root`. */
  readonly syntax: readonly Diagnostic[];
  readonly format: 'caffe' | 'caffe-json';
  /** The source text, only used to tell an empty file from one without layers. */
  readonly text: string;
}

const START: SourceSpan = { offset: 0, length: 0, line: 1, column: 1 };

/**
 * Converts a NetParameter message tree (from prototxt or JSON) into the IR: inputs,
 * layers filtered by phase/stage/level, V1 types mapped, attributes with spans. Never throws.
 */
export function convertNet(input: ConvertInput, options: ReadOptions = {}): ReadResult {
  const { root } = input;
  const diags: Diagnostic[] = [];
  const b = new GraphBuilder(input.format, 'NCHW');
  let name = '';
  const inputs: TextField[] = [];
  const inputDims: TextField[] = [];
  const inputShapes: TextField[] = [];
  const layers: TextField[] = [];
  let state: TextMessage | undefined;
  for (const f of root.fields) {
    switch (f.name) {
      case 'name':
        if (f.kind === 'message')
          diags.push({ severity: 'error', message: `name must be a string, got ${describeValue(f)}`, span: spanOf(f) });
        else name = String(f.value);
        break;
      case 'input':
        inputs.push(f);
        break;
      case 'input_dim':
        inputDims.push(f);
        break;
      case 'input_shape':
        inputShapes.push(f);
        break;
      case 'state':
        if (f.kind === 'message') state = f.value as TextMessage;
        break;
      case 'layer':
      case 'layers':
        layers.push(f);
        break;
      default:
        if (!NET_FIELDS.has(f.name)) {
          diags.push({
            severity: 'warning',
            message: `unknown NetParameter field "${f.name}" is ignored`,
            span: spanOf(f),
          });
        }
    }
  }

  declareNetInputs(b, inputs, inputDims, inputShapes, diags);

  const st = netState(state, options, diags);
  let kept = 0;
  let unnamed = 0;
  for (const lf of layers) {
    if (lf.kind !== 'message') {
      diags.push({
        severity: 'error',
        message: `${lf.name} must be a block { … }, got ${describeValue(lf)}`,
        span: spanOf(lf),
      });
      continue;
    }
    const msg = lf.value as TextMessage;
    let layerName: string | undefined;
    let nameSpan: SourceSpan | undefined;
    let typeField: TextField | undefined;
    const bottoms: string[] = [];
    const bottomFields: TextField[] = [];
    const tops: string[] = [];
    let hasRules = false;
    for (const f of msg.fields) {
      switch (f.name) {
        case 'name':
          if (f.kind === 'message') {
            diags.push({
              severity: 'error',
              message: `layer name must be a string, got ${describeValue(f)}`,
              span: spanOf(f),
            });
          } else if (layerName === undefined) {
            layerName = String(f.value);
            nameSpan = spanOf(f);
          }
          break;
        case 'type':
          typeField ??= f;
          break;
        case 'include':
        case 'exclude':
          hasRules = true;
          break;
        case 'bottom':
        case 'top':
          if (f.kind !== 'string' && f.kind !== 'ident') {
            diags.push({
              severity: 'error',
              message: `${f.name} must be a blob name (a string), got ${describeValue(f)}`,
              span: spanOf(f),
              ...(layerName !== undefined ? { layer: layerName } : {}),
            });
          } else if (f.name === 'bottom') {
            bottoms.push(f.value as string);
            bottomFields.push(f);
          } else {
            tops.push(f.value as string);
          }
          break;
        default:
          break;
      }
    }
    if (hasRules && !layerIncluded(msg, st, diags)) continue;
    kept++;
    // A block cut short by a syntax error is kept when it got as far as its type, so the
    // graph still shows it; without a type it carries nothing worth a second message.
    if (!msg.closed && !typeField) continue;
    const span = spanOf(lf);
    const { type, sourceType } = resolveType(typeField, lf.name === 'layers', layerName ?? '', diags);
    if (layerName === undefined) {
      layerName = `${type || 'layer'}_${++unnamed}`;
      diags.push({
        severity: 'info',
        message: `layer without a name; it is called "${layerName}" here`,
        span,
        layer: layerName,
      });
    }
    if (!typeField) {
      diags.push({
        severity: 'error',
        message: `layer "${layerName}" has no type`,
        span: nameSpan ?? span,
        layer: layerName,
      });
    }
    const attrSpans: Record<string, SourceSpan> = {};
    const attrs = messageToAttrs(msg, STRUCTURE, '', attrSpans);
    if (typeField) attrSpans.type = spanOf(typeField);
    const index = b.addLayer({
      name: layerName,
      type,
      sourceType,
      attrs,
      attrSpans,
      bottoms,
      tops,
      span,
      nameSpan: nameSpan ?? (typeField ? spanOf(typeField) : span),
      bottomSpans: (i: number) => {
        const f = bottomFields[i];
        return f ? spanOf(f) : undefined;
      },
    });
    if (isInputLayer(type)) {
      declareLayerInputs(b, { index, name: layerName, type, msg, tops, span, nameSpan: nameSpan ?? span }, diags);
    }
  }

  if (kept === 0 && inputs.length === 0) {
    if (input.text.trim() === '') {
      diags.push({ severity: 'error', message: 'the model is empty', span: START });
    } else if (layers.length > 0) {
      diags.push({
        severity: 'warning',
        message: `all ${layers.length} layers are excluded in phase ${st.phase}${st.stages.length ? ` with stages ${st.stages.join(', ')}` : ''}`,
        span: START,
      });
    } else if (!input.syntax.some((d) => d.severity === 'error')) {
      diags.push({
        severity: 'error',
        message: 'no layers or inputs found: a Caffe model needs layer { … } blocks (or legacy layers { … })',
        span: START,
      });
    }
  }
  const graph = b.build(name, [...input.syntax, ...diags]);
  const diagnostics = sortDiagnostics(graph.diagnostics);
  const out: IRGraph = { ...graph, diagnostics };
  return { graph: out, diagnostics };
}

function resolveType(
  f: TextField | undefined,
  v1: boolean,
  layer: string,
  diags: Diagnostic[],
): { type: string; sourceType: string } {
  if (!f) return { type: '', sourceType: '' };
  if (f.kind === 'string' || f.kind === 'ident') {
    // The common case, first and without building a message position nobody reads.
    const written = f.value as string;
    // V1 enum names are mapped wherever they appear; none collides with a current type name.
    return { type: v1TypeByName(written) ?? written, sourceType: written };
  }
  const at = { span: spanOf(f), ...(layer ? { layer } : {}) };
  if (f.kind === 'number') {
    const n = f.value as number;
    const mapped = v1TypeByNumber(n);
    if (mapped === undefined) {
      diags.push({ severity: 'error', message: `layer type ${n} is not a V1 LayerType number`, ...at });
      return { type: String(n), sourceType: String(n) };
    }
    if (!v1)
      diags.push({
        severity: 'warning',
        message: `layer type given as the V1 number ${n} (${mapped}); write type: "${mapped}"`,
        ...at,
      });
    return { type: mapped, sourceType: String(n) };
  }
  diags.push({ severity: 'error', message: `type must be a string, got ${describeValue(f)}`, ...at });
  return { type: '', sourceType: '' };
}

function declareNetInputs(
  b: GraphBuilder,
  inputs: readonly TextField[],
  inputDims: readonly TextField[],
  inputShapes: readonly TextField[],
  diags: Diagnostic[],
): void {
  if (inputs.length === 0) {
    const stray = inputShapes[0] ?? inputDims[0];
    if (stray)
      diags.push({
        severity: 'warning',
        message: `${stray.name} without any input: it is ignored`,
        span: spanOf(stray),
      });
    return;
  }
  if (inputShapes.length > 0 && inputShapes.length !== inputs.length) {
    diags.push({
      severity: 'error',
      message: `${inputShapes.length} input_shape for ${inputs.length} input(s); give one input_shape per input`,
      span: spanOf(inputShapes[0]!),
    });
  } else if (inputShapes.length === 0 && inputDims.length > 0 && inputDims.length !== 4 * inputs.length) {
    diags.push({
      severity: 'error',
      message: `${inputDims.length} input_dim values for ${inputs.length} input(s); expected 4 per input (N, C, H, W)`,
      span: spanOf(inputDims[0]!),
    });
  }
  inputs.forEach((f, i) => {
    if (f.kind !== 'string' && f.kind !== 'ident') {
      diags.push({
        severity: 'error',
        message: `input must be a blob name (a string), got ${describeValue(f)}`,
        span: spanOf(f),
      });
      return;
    }
    const inputName = f.value as string;
    const what = `input "${inputName}"`;
    let shape: Shape | null = null;
    if (inputShapes.length > 0) {
      const sf = inputShapes[i];
      if (sf) shape = readBlobShape(sf, what, diags);
      b.addInput({ name: inputName, shape, source: 'input_shape', span: spanOf(f) });
    } else if (inputDims.length > 0) {
      const dims = inputDims.slice(4 * i, 4 * i + 4);
      if (dims.length === 4) shape = readDims(dims, what, diags);
      b.addInput({ name: inputName, shape, source: 'input_dim', span: spanOf(f) });
    } else {
      b.addInput({ name: inputName, shape: null, source: 'input_shape', span: spanOf(f) });
    }
  });
}

/** Orders diagnostics by position (stable), those without a position last. */
function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i, at: d.span ? d.span.offset : Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.d);
}

/** Runs a reader and turns an unexpected exception (a bug) into an error diagnostic: readers never throw. */
export function guardRead(format: 'caffe' | 'caffe-json', read: () => ReadResult): ReadResult {
  try {
    return read();
  } catch (err) {
    const diagnostics: Diagnostic[] = [
      {
        severity: 'error',
        message: `internal error while reading the model: ${String((err as Error)?.message ?? err)}`,
        span: START,
      },
    ];
    const graph = new GraphBuilder(format, 'NCHW').build('', diagnostics);
    return { graph, diagnostics };
  }
}
