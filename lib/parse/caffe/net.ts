import type { AttrMap, Diagnostic, IRGraph, ReadOptions, ReadResult, Shape, SourceSpan } from '../../ir';
import { GraphBuilder } from '../../ir/graph-builder';
import { declareLayerInputs, isInputLayer } from './layer-inputs';
import { bottomSpan, MAX_SCHEMA_REPORTS, type BuiltNet, type LayerRecord } from './net-builder';
import { CaffeSpanSource } from './lazy-spans';
import { layerIncluded, netState, otherPhase, type NetState } from './phase';
import { readDims, readShapes, spansOf, valuesOf } from './shapes';
import { v1TypeByName, v1TypeByNumber } from './v1-types';

/** Input for the shared NetParameter → IR conversion. */
export interface ConvertInput {
  /** What the schema-checked builder read. */
  readonly net: BuiltNet;
  /** Syntax diagnostics from the parser or scanner that fed the builder. */
  readonly syntax: readonly Diagnostic[];
  readonly format: 'caffe' | 'caffe-json';
  /** The source text, only used to tell an empty file from one without layers. */
  readonly text: string;
}

const START: SourceSpan = { offset: 0, length: 0, line: 1, column: 1 };

function layerSpan(rec: LayerRecord): SourceSpan {
  return { offset: rec.offset, length: rec.end - rec.offset, line: rec.line, column: rec.column };
}

/**
 * Converts what the builder read (prototxt or JSON) into the IR: inputs, layers filtered by
 * phase/stage/level, V1 types mapped, attributes with spans, schema problems with the layer's
 * name. A layer with schema errors is kept but marked broken (its outputs are unknown); a
 * bottom produced only by a layer of the other phase says so. Never throws.
 */
export function convertNet(input: ConvertInput, options: ReadOptions = {}): ReadResult {
  const { net } = input;
  const c = new NetConverter(net, input.format, input.text, options);
  const included = net.layers.map((rec) => !rec.hasRules || layerIncluded(rec.attrs, c.st));
  c.b.danglingHint = phaseHinter(net.layers, included, c.st);
  for (let i = 0; i < net.layers.length; i++) c.layer(net.layers[i]!, included[i]!);
  return c.finish(input.syntax);
}

/**
 * The conversion, one layer at a time: convertNet hands it every layer after the read, and the
 * prototxt reader hands it each layer as its block closes (see readCaffe), so a layer's record
 * is dropped as soon as it is converted instead of being kept for the whole read.
 */
export class NetConverter {
  readonly b: GraphBuilder;
  readonly st: NetState;
  /** Messages of the conversion, in the order the layers gave them (net-level ones are added first at the end). */
  private readonly diags: Diagnostic[] = [];
  private readonly inputDiags: Diagnostic[] = [];
  private started = false;
  private layers = 0;
  private kept = 0;
  private unnamed = 0;
  private readonly bottoms: BottomSpans;
  /** Field spans made on demand (prototxt): one source for all layers, read only when asked. */
  private readonly spanSource: CaffeSpanSource | undefined;

  constructor(
    private readonly net: BuiltNet,
    format: 'caffe' | 'caffe-json',
    private readonly text: string,
    private readonly options: ReadOptions,
  ) {
    this.b = new GraphBuilder(format, 'NCHW');
    this.st = netState(net.attrs.state, options);
    this.b.phase = this.st.phase;
    this.bottoms = new BottomSpans(net);
    this.spanSource = net.lazySpans ? new CaffeSpanSource(text) : undefined;
  }

  /** Declares the net's own inputs: before the first layer, from the net fields read so far. */
  private start(): void {
    this.started = true;
    declareNetInputs(this.b, this.net, this.inputDiags);
  }

  /** Converts one layer (`included`: kept in this phase). */
  layer(rec: LayerRecord, included: boolean): void {
    if (!this.started) this.start();
    this.layers++;
    const diags = this.diags;
    if (!included) {
      reportIssues(rec, rec.name ?? `at line ${rec.line}`, diags);
      return;
    }
    this.kept++;
    const hasType = rec.typeSpan !== undefined;
    // A block cut short by a syntax error is kept when it got as far as its type, so the graph
    // still shows it; without a type it carries nothing worth a second message.
    if (!rec.closed && !hasType) {
      reportIssues(rec, rec.name ?? `at line ${rec.line}`, diags);
      return;
    }
    const span = layerSpan(rec);
    const { type, sourceType } = resolveType(rec);
    let layerName = rec.name;
    if (layerName === undefined) {
      layerName = `${type || 'layer'}_${++this.unnamed}`;
      diags.push({
        severity: 'info',
        message: `layer without a name; it is called "${layerName}" here`,
        span,
        layer: layerName,
      });
    }
    reportIssues(rec, layerName, diags);
    if (!rec.typeSeen) {
      diags.push({
        severity: 'error',
        message: `layer "${layerName}" has no type`,
        span: rec.nameSpan ?? span,
        layer: layerName,
      });
    }
    const spanSource = this.spanSource;
    const attrSpans = spanSource === undefined ? rec.spans : undefined;
    const broken = rec.errors > 0;
    const nameSpan = rec.nameSpan ?? rec.typeSpan ?? span;
    this.bottoms.rec = rec;
    const index = this.b.addLayer({
      name: layerName,
      type,
      sourceType,
      attrs: rec.attrs,
      attrSpans,
      spanSource,
      bottoms: rec.bottoms,
      tops: rec.tops,
      span,
      nameSpan,
      bottomSpans: this.bottoms.at,
      // Always present (not spread in): a spread makes V8 build each spec object the slow way,
      // and every property read in addLayer then pays for it (4× slower conversion).
      broken,
    });
    if (isInputLayer(type)) {
      declareLayerInputs(
        this.b,
        {
          index,
          name: layerName,
          type,
          attrs: rec.attrs,
          spans: attrSpans ?? spanSource!.at(rec.offset, rec.end, rec.line, rec.column),
          tops: rec.tops,
          span,
          nameSpan,
          broken,
        },
        diags,
      );
    }
  }

  /** The graph, once every layer has been converted; `syntax`: the parser's diagnostics. */
  finish(syntax: readonly Diagnostic[]): ReadResult {
    if (!this.started) this.start();
    const { net, st, options } = this;
    const diags: Diagnostic[] = [...net.diagnostics, ...this.inputDiags, ...this.diags];
    if (net.suppressed > 0) {
      diags.push({
        severity: options.lenient ? 'warning' : 'error',
        message: `${net.suppressed} more schema problems are not listed (only the first ${MAX_SCHEMA_REPORTS} are)`,
        span: START,
      });
    }
    const inputCount = valuesOf(net.attrs.input).length;
    if (this.kept === 0 && inputCount === 0) {
      if (this.text.trim() === '') {
        diags.push({ severity: 'error', message: 'the model is empty', span: START });
      } else if (this.layers > 0) {
        diags.push({
          severity: 'warning',
          message: `all ${this.layers} layers are excluded in phase ${st.phase}${st.stages.length ? ` with stages ${st.stages.join(', ')}` : ''}`,
          span: START,
        });
      } else if (!syntax.some((d) => d.severity === 'error') && !diags.some((d) => d.severity === 'error')) {
        diags.push({
          severity: 'error',
          message: 'no layers or inputs found: a Caffe model needs layer { … } blocks (or legacy layers { … })',
          span: START,
        });
      }
    }
    const name = typeof net.attrs.name === 'string' ? net.attrs.name : '';
    const graph = this.b.build(name, [...syntax, ...diags]);
    const diagnostics = sortDiagnostics(graph.diagnostics);
    const out: IRGraph = { ...graph, diagnostics };
    return { graph: out, diagnostics };
  }
}

/**
 * The spans of the bottoms of the layer being added, for the graph builder: made only when it
 * asks (for a dangling bottom's message), instead of a span object per bottom while reading.
 */
class BottomSpans {
  rec: LayerRecord | null = null;
  constructor(private readonly net: BuiltNet) {}
  readonly at = (i: number): SourceSpan | undefined => (this.rec ? bottomSpan(this.net, this.rec, i) : undefined);
}

/** Turns a layer's schema problems into diagnostics named after the layer. */
function reportIssues(rec: LayerRecord, layerName: string, diags: Diagnostic[]): void {
  if (rec.issues === null) return;
  for (const i of rec.issues) {
    diags.push({ severity: i.severity, message: `${layerName}: ${i.text}`, span: i.span, layer: layerName });
  }
}

/**
 * The hint function, made outside convertNet: a closure created inside it would move the
 * variables it captures into a heap context, and that alone made converting resnet152 15×
 * slower (V8 then reads them through the context in every layer's loop).
 */
function phaseHinter(
  layers: readonly LayerRecord[],
  included: readonly boolean[],
  st: NetState,
): (blob: string) => string | undefined {
  return (blob) => otherPhaseHint(layers, included, blob, st);
}

/** "… produces it in phase TRAIN: switch …" for a bottom that only an excluded layer writes. */
function otherPhaseHint(
  layers: readonly LayerRecord[],
  included: readonly boolean[],
  blob: string,
  st: NetState,
): string | undefined {
  const other = otherPhase(st);
  let excludedProducer: LayerRecord | undefined;
  for (let i = 0; i < layers.length; i++) {
    const rec = layers[i]!;
    if (included[i] || !rec.tops.includes(blob)) continue;
    if (layerIncluded(rec.attrs, other)) {
      const who = rec.name !== undefined ? `layer "${rec.name}"` : 'a layer';
      return `${who} (line ${rec.line}) produces it in phase ${other.phase}: switch the phase to ${other.phase} (--phase ${other.phase} on the command line, or the phase control)`;
    }
    excludedProducer ??= rec;
  }
  if (excludedProducer) {
    const who = excludedProducer.name !== undefined ? `layer "${excludedProducer.name}"` : 'a layer';
    const stages = st.stages.length ? ` with stages ${st.stages.join(', ')}` : '';
    const rules = describeRules(excludedProducer.attrs);
    return `${who} (line ${excludedProducer.line}) produces it, but its rules (${rules}) leave it out in phase ${st.phase}${stages}`;
  }
  return undefined;
}

/** `include { phase: TRAIN stage: "x" }` as text, for messages. */
function describeRules(attrs: AttrMap): string {
  const parts: string[] = [];
  for (const kind of ['include', 'exclude'] as const) {
    for (const rule of valuesOf(attrs[kind])) {
      if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) continue;
      const fields = Object.entries(rule).flatMap(([k, v]) =>
        valuesOf(v).map((x) => `${k}: ${typeof x === 'string' && k.endsWith('stage') ? JSON.stringify(x) : String(x)}`),
      );
      parts.push(`${kind} { ${fields.join(' ')} }`);
    }
  }
  return parts.join(', ');
}

function resolveType(rec: LayerRecord): { type: string; sourceType: string } {
  const t = rec.type;
  if (t === undefined) return { type: '', sourceType: '' };
  const sourceType = rec.typeWritten ?? String(t);
  if (typeof t === 'string') {
    // V1 enum names are mapped wherever they appear; none collides with a current type name.
    return { type: v1TypeByName(t) ?? t, sourceType };
  }
  // A number (read only when the schema problem was a warning): a V1 LayerType number.
  return { type: v1TypeByNumber(t) ?? String(t), sourceType };
}

function declareNetInputs(b: GraphBuilder, net: BuiltNet, diags: Diagnostic[]): void {
  const inputs = valuesOf(net.attrs.input);
  const inputSpans = spansOf(net.spans, 'input');
  const inputDims = valuesOf(net.attrs.input_dim);
  const dimSpans = spansOf(net.spans, 'input_dim');
  const shapeValues = valuesOf(net.attrs.input_shape);
  if (inputs.length === 0) {
    const strayName = shapeValues.length > 0 ? 'input_shape' : inputDims.length > 0 ? 'input_dim' : undefined;
    const stray = strayName ? net.spans[strayName] : undefined;
    if (strayName && stray) {
      diags.push({ severity: 'warning', message: `${strayName} without any input: it is ignored`, span: stray });
    }
    return;
  }
  const names = inputs.map((v) => (typeof v === 'string' ? v : String(v)));
  if (net.badFields.has('input_dim') || net.badFields.has('input_shape')) {
    // The schema errors are the message: no shape from a declaration Caffe would refuse.
    names.forEach((inputName, i) => {
      const span = inputSpans[i];
      b.addInput({ name: inputName, shape: null, source: 'input_shape', ...(span ? { span } : {}) });
    });
    return;
  }
  const shapes =
    shapeValues.length > 0
      ? readShapes(net.attrs.input_shape, net.spans, 'input_shape', (i) => `input "${names[i] ?? '?'}"`, diags)
      : [];
  if (shapeValues.length > 0 && shapeValues.length !== inputs.length) {
    diags.push({
      severity: 'error',
      message: `${shapeValues.length} input_shape for ${inputs.length} input(s); give one input_shape per input`,
      ...(net.spans.input_shape ? { span: net.spans.input_shape } : {}),
    });
  } else if (shapeValues.length === 0 && inputDims.length > 0 && inputDims.length !== 4 * inputs.length) {
    diags.push({
      severity: 'error',
      message: `${inputDims.length} input_dim values for ${inputs.length} input(s); expected 4 per input (N, C, H, W)`,
      ...(dimSpans[0] ? { span: dimSpans[0] } : {}),
    });
  }
  names.forEach((inputName, i) => {
    const what = `input "${inputName}"`;
    const span = inputSpans[i];
    const at = span ? { span } : {};
    let shape: Shape | null = null;
    if (shapeValues.length > 0) {
      shape = shapes[i]?.shape ?? null;
      b.addInput({ name: inputName, shape, source: 'input_shape', ...at });
    } else if (inputDims.length > 0) {
      const dims = inputDims.slice(4 * i, 4 * i + 4);
      if (dims.length === 4) shape = readDims(dims, dimSpans.slice(4 * i, 4 * i + 4), what, 'input_dim', diags);
      b.addInput({ name: inputName, shape, source: 'input_dim', ...at });
    } else {
      b.addInput({ name: inputName, shape: null, source: 'input_shape', ...at });
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
