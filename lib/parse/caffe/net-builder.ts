import type { AttrValue, Diagnostic, Severity, SourceSpan } from '../../ir';
import { readPrototxt } from '../prototxt/parser';
import type { TextSink } from '../prototxt/sink';
import type { ValueKind } from '../prototxt/tree';
import { check, checkScalar, describeExpected, describeGot } from './check-value';
import { dottedIn, occurrenceKey, pathsUnder } from './paths';
import {
  closest,
  forkInfo,
  K_MESSAGE,
  LAYER_PARAMETER,
  NET_PARAMETER,
  type FieldDesc,
  type MessageDesc,
} from './schema';
import { v1TypeByName } from './v1-types';

type MutableAttrs = Record<string, AttrValue>;

/** A layer-scoped message, finished with the layer's final name by the converter. */
export interface Issue {
  readonly severity: Severity;
  /** The message without the "layer: " prefix. */
  readonly text: string;
  readonly span: SourceSpan;
}

/** Attributes and their spans, as collected for the net's own fields or for one layer. */
export interface AttrRecord {
  readonly attrs: MutableAttrs;
  /** Span of each field by dotted path; later occurrences of a path under `path#k` (k ≥ 1). */
  readonly spans: Record<string, SourceSpan>;
  /** Occurrences seen per path beyond the first (for `path#k`), made on first need. */
  counts: Map<string, number> | null;
}

/** Everything read for one `layer { … }` / `layers { … }` block. */
export interface LayerRecord extends AttrRecord {
  readonly v1: boolean;
  /** Where the block starts (its field name). */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  end: number;
  /** False when a syntax error or the end of the text cut the block short. */
  closed: boolean;
  name: string | undefined;
  nameSpan: SourceSpan | undefined;
  /** The type as read: a string, or a V1 enum name (a number only when a schema problem was let through). */
  type: string | number | undefined;
  /** The type as written (`18` for a V1 type given by number). */
  typeWritten: string | undefined;
  typeSpan: SourceSpan | undefined;
  /** True when a `type` field was present, even one the schema refused. */
  typeSeen: boolean;
  /** Exact-length lists (see appended); NONE until the first entry. */
  bottoms: string[];
  tops: string[];
  /**
   * Where this layer's bottoms are in BuiltNet.bottomPos (the i-th at bottomPos + 4·i): only a
   * dangling bottom's message needs its span, so no span object is made per bottom.
   */
  readonly bottomPos: number;
  /** True when the layer has include/exclude rules. */
  hasRules: boolean;
  /** Schema errors found in the block (strict mode): the layer is then marked broken. */
  errors: number;
  issues: Issue[] | null;
}

/** What the builder hands to the converter. */
export interface BuiltNet extends AttrRecord {
  readonly layers: LayerRecord[];
  /** Net-level schema diagnostics and notes (layer-level ones are in each layer's issues). */
  readonly diagnostics: Diagnostic[];
  /** Net-level fields (by name) that had schema errors: their other checks would only repeat them. */
  readonly badFields: Set<string>;
  /** Schema problems beyond MAX_SCHEMA_REPORTS: counted (and still breaking their layers), not listed. */
  suppressed: number;
  /**
   * Every layer's bottoms' positions, four numbers each (offset, end, line, column), in text
   * order; a streaming read (BuildMode.stream) keeps only the open layer's.
   */
  readonly bottomPos: number[];
  /** True when the layers' field spans were left to be made on demand (BuildMode.lazySpansOf). */
  readonly lazySpans: boolean;
}

/** The span of bottom `i` of a layer (see LayerRecord.bottomPos), or undefined when it has no such bottom. */
export function bottomSpan(net: BuiltNet, layer: LayerRecord, i: number): SourceSpan | undefined {
  if (i < 0 || i >= layer.bottoms.length) return undefined;
  const p = net.bottomPos;
  const k = layer.bottomPos + 4 * i;
  return spanAt(p[k]!, p[k + 1]!, p[k + 2]!, p[k + 3]!);
}

/**
 * Schema problems listed per model. A damaged or foreign file can have one on every line; past
 * this many, a million identical messages (and their "did you mean" searches) help nobody.
 */
export const MAX_SCHEMA_REPORTS = 200;

/** How values are read. */
export interface BuildMode {
  /** Protobuf JSON mapping rules (numbers as strings, quoted enum names) instead of the text format's. */
  readonly json: boolean;
  /** Schema problems are warnings and the values are kept as written. */
  readonly lenient: boolean;
  /**
   * The prototxt being read, when its layers' field spans are to be made on demand (layerSpansAt)
   * instead of kept: LayerRecord.spans then stays empty. The net's own fields keep theirs.
   */
  readonly lazySpansOf?: string;
  /**
   * Receives each layer as its block closes, instead of net.layers keeping them all (the
   * prototxt reader converts it at once: see readCaffe). net.layers then stays empty.
   */
  readonly stream?: LayerStream;
}

/** Where a streaming NetBuilder hands its layers (BuildMode.stream). */
export interface LayerStream {
  /** `net`: the net-level fields read so far (those before the layer). */
  layer(rec: LayerRecord, net: BuiltNet): void;
}

/**
 * Net-level fields the conversion reads before the first layer (the phase, the declared inputs):
 * given after a layer, they would change layers already converted, so a streaming read notes them
 * (NetBuilder.lateNetField) and its caller reads the text again without streaming.
 */
const READ_BEFORE_LAYERS: ReadonlySet<string> = new Set(['state', 'input', 'input_dim', 'input_shape']);

/** The spans record of a layer read with lazySpansOf: never written. */
const NO_SPANS: Record<string, SourceSpan> = Object.freeze({}) as Record<string, SourceSpan>;

/**
 * The field spans of the layer block that starts at `offset` (its `layer`/`layers` keyword, at
 * line:column) and ends at `end`, read again from `text`; the same record an eager read keeps.
 */
export function layerSpansAt(
  text: string,
  offset: number,
  end: number,
  line: number,
  column: number,
): Record<string, SourceSpan> {
  const builder = new NetBuilder({ json: false, lenient: true });
  readPrototxt(text, builder, { start: offset, end, line, lineStart: offset - column + 1 });
  return builder.net.layers[0]?.spans ?? NO_SPANS;
}

interface Frame {
  /** The message type being filled; null inside an unknown or mistyped block (not checked). */
  readonly desc: MessageDesc | null;
  readonly attrs: MutableAttrs;
  /** Dotted path of this message within its record ('' at the record's own level). */
  readonly path: string;
  readonly rec: AttrRecord;
  readonly layer: LayerRecord | null;
  /** True for the layer's own level, where name / type / bottom / top live. */
  readonly layerTop: boolean;
  /** Names whose value has become an array in `attrs`. */
  arrays: Set<string> | null;
  /** The shared `path.name` strings under `path` (null at the record's own level). */
  readonly paths: Map<string, string> | null;
}

function spanAt(offset: number, end: number, line: number, column: number): SourceSpan {
  return { offset, length: end - offset, line, column };
}

/** The shared empty list of a layer without bottoms or tops; never written to (see appended). */
const NONE: never[] = [];

/**
 * `list` with `v` added, as an exact-length array while it is short: a `[]` grown by push
 * reserves 16 slots, and a layer keeps two such lists (bottoms, tops) that
 * nearly always hold one entry, so a 175,000-layer model copied megabytes of empty slots
 * through every young-generation collection. Longer lists grow by push as usual.
 */
function appended<T>(list: T[], v: T): T[] {
  // Literals, so every list has the same (packed) elements kind.
  switch (list.length) {
    case 0:
      return [v];
    case 1:
      return [list[0]!, v];
    case 2:
      return [list[0]!, list[1]!, v];
    default:
      list.push(v);
      return list;
  }
}

function own(o: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, name);
}

function put(out: MutableAttrs, name: string, value: AttrValue): void {
  // `__proto__` is a legal field name; a plain assignment would replace the prototype instead.
  if (name === '__proto__')
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

/**
 * The schema-checked reader behind both Caffe readers: it receives every field from the
 * prototxt parser or the JSON scanner (a TextSink), checks it against the Caffe schema, and
 * collects the net's inputs and each layer's name, type, blobs and attributes directly, with
 * spans. Unknown fields (with a "did you mean"), wrong value types, unknown enum values, a
 * non-repeated field given twice and unquoted strings are errors at the field (warnings when
 * lenient); a field or enum value of a known fork is accepted with one note per field.
 */
export class NetBuilder implements TextSink {
  readonly net: BuiltNet;
  private reported = 0;
  private readonly stack: Frame[] = [];
  private frame: Frame;
  private readonly noted = new Set<object>();
  private readonly json: boolean;
  private readonly lenient: boolean;
  private readonly lazySpansOf: string | undefined;
  private readonly stream: LayerStream | undefined;
  /** Layer blocks opened so far. */
  layersOpened = 0;
  /** True when a field of READ_BEFORE_LAYERS came after a layer (see BuildMode.stream). */
  lateNetField = false;
  /** A JSON key given twice in one object, already reported: its value must not be reported again. */
  private duplicate: { frame: Frame; name: string } | null = null;

  constructor(mode: BuildMode) {
    this.json = mode.json;
    this.lenient = mode.lenient;
    this.lazySpansOf = mode.json ? undefined : mode.lazySpansOf;
    this.stream = mode.stream;
    this.net = {
      attrs: {},
      spans: {},
      counts: null,
      layers: [],
      diagnostics: [],
      badFields: new Set(),
      suppressed: 0,
      bottomPos: [],
      lazySpans: this.lazySpansOf !== undefined,
    };
    this.frame = this.makeFrame(NET_PARAMETER, this.net.attrs, '', this.net, null, false);
  }

  private makeFrame(
    desc: MessageDesc | null,
    attrs: MutableAttrs,
    path: string,
    rec: AttrRecord,
    layer: LayerRecord | null,
    layerTop: boolean,
  ): Frame {
    const paths = path === '' ? null : pathsUnder(path);
    return { desc, attrs, path, rec, layer, layerTop, arrays: null, paths };
  }

  scalar(
    name: string,
    written: string,
    kind: ValueKind,
    value: string | number | boolean,
    floatSyntax: boolean,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    const fr = this.frame;
    if (fr.layer === null && this.layersOpened > 0) this.noteLate(fr, name);
    const desc = fr.desc;
    if (desc === null) {
      this.store(fr, null, name, value, offset, end, line, column);
      return;
    }
    const f = desc.byName.get(name);
    if (f === undefined) {
      if (this.unknownField(fr, name, written, offset, end, line, column)) return;
      this.store(fr, null, name, value, offset, end, line, column);
      return;
    }
    let v = value;
    if (f.kind === K_MESSAGE) {
      const text = `${this.pathOf(fr, name)} must be a block { … }, got ${describeGot(kind, value)}`;
      if (this.issue(fr, name, text, offset, end, line, column)) return;
    } else {
      v = checkScalar(f, kind, value, floatSyntax, this.json);
      if (check.problem !== '') {
        if (this.valueIssue(fr, f, written, kind, value, offset, end, line, column)) return;
        v = value;
      } else if (check.enumValue !== null && check.enumValue.fork !== undefined && !f.enumType!.fork) {
        this.forkValueNote(fr, f, check.enumValue.name, check.enumValue, offset, end, line, column);
      }
    }
    if (f.fork !== undefined && !f.owner.fork) this.forkFieldNote(fr, f, offset, end, line, column);
    if (fr.layerTop) {
      switch (name) {
        case 'name':
        case 'type':
        case 'bottom':
        case 'top':
          this.structure(fr.layer!, name, v, value, offset, end, line, column);
          return;
        case 'include':
        case 'exclude':
          fr.layer!.hasRules = true;
          break;
        default:
          break;
      }
    }
    this.store(fr, f, name, v, offset, end, line, column);
  }

  open(name: string, written: string, offset: number, line: number, column: number, brace: number): void {
    const fr = this.frame;
    if (fr.rec === this.net && fr.layer === null && fr.path === '' && (name === 'layer' || name === 'layers')) {
      this.openLayer(name === 'layers', offset, line, column);
      return;
    }
    if (fr.layer === null && this.layersOpened > 0) this.noteLate(fr, name);
    let child: MessageDesc | null = null;
    const desc = fr.desc;
    let f: FieldDesc | null = null;
    if (desc !== null) {
      const found = desc.byName.get(name);
      if (found === undefined) {
        this.unknownField(fr, name, written, offset, brace + 1, line, column);
      } else if (found.kind !== K_MESSAGE) {
        const text = `${this.pathOf(fr, name)} must be ${describeExpected(found, this.json)}, got a block { … }`;
        this.issue(fr, name, text, offset, brace + 1, line, column);
      } else {
        f = found;
        child = found.message;
        if (found.fork !== undefined && !found.owner.fork)
          this.forkFieldNote(fr, found, offset, brace + 1, line, column);
        if (fr.layerTop && (name === 'include' || name === 'exclude')) fr.layer!.hasRules = true;
      }
    }
    const attrs: MutableAttrs = {};
    const path = fr.paths === null ? name : dottedIn(fr.paths, fr.path, name);
    // Structure fields given as a block are reported above; their contents are read but not kept.
    if (!(fr.layerTop && (name === 'name' || name === 'type' || name === 'bottom' || name === 'top'))) {
      this.store(fr, f, name, attrs, offset, brace + 1, line, column);
    } else if (name === 'type') {
      fr.layer!.typeSeen = true;
    }
    const next = this.makeFrame(child, attrs, path, fr.rec, fr.layer, false);
    this.stack.push(fr);
    this.frame = next;
  }

  duplicateKey(
    name: string,
    written: string,
    firstLine: number,
    firstColumn: number,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    const fr = this.frame;
    const text = `${this.pathOf(fr, name)}: the key "${written}" is given twice in one object (first at ${firstLine}:${firstColumn}); use one key with an array for several values`;
    this.issue(fr, name, text, offset, end, line, column);
    this.duplicate = { frame: fr, name };
  }

  close(end: number, closed: boolean): void {
    const fr = this.frame;
    const parent = this.stack.pop();
    if (parent === undefined) return;
    this.frame = parent;
    if (fr.layerTop && fr.layer !== null) {
      fr.layer.end = end;
      fr.layer.closed = closed;
      if (this.stream !== undefined) this.stream.layer(fr.layer, this.net);
    }
  }

  /** A net-level field after a layer: see READ_BEFORE_LAYERS. */
  private noteLate(fr: Frame, name: string): void {
    if (fr.rec === this.net && fr.path === '' && READ_BEFORE_LAYERS.has(name)) this.lateNetField = true;
  }

  private openLayer(v1: boolean, offset: number, line: number, column: number): void {
    const layer: LayerRecord = {
      v1,
      offset,
      line,
      column,
      end: offset,
      closed: false,
      name: undefined,
      nameSpan: undefined,
      type: undefined,
      typeWritten: undefined,
      typeSpan: undefined,
      typeSeen: false,
      bottoms: NONE,
      tops: NONE,
      // Streaming: the previous layer is converted, so its bottoms' positions are written over.
      bottomPos: this.stream === undefined ? this.net.bottomPos.length : 0,
      hasRules: false,
      errors: 0,
      issues: null,
      attrs: {},
      spans: this.lazySpansOf === undefined ? {} : NO_SPANS,
      counts: null,
    };
    this.layersOpened++;
    if (this.stream === undefined) this.net.layers.push(layer);
    const desc = v1 ? NET_PARAMETER.byName.get('layers')!.message : LAYER_PARAMETER;
    this.stack.push(this.frame);
    this.frame = this.makeFrame(desc, layer.attrs, '', layer, layer, true);
  }

  /** name / type / bottom / top of a layer: kept on the record, not in the attributes. */
  private structure(
    layer: LayerRecord,
    name: string,
    value: string | number | boolean,
    written: string | number | boolean,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    switch (name) {
      case 'name':
        if (layer.name === undefined) {
          layer.name = String(value);
          layer.nameSpan = spanAt(offset, end, line, column);
        }
        return;
      case 'type':
        layer.typeSeen = true;
        if (layer.typeSpan === undefined && typeof value !== 'boolean') {
          layer.type = value;
          layer.typeWritten = String(written);
          layer.typeSpan = spanAt(offset, end, line, column);
          // The type's span is also an attribute span (`type`), added now while the span
          // record is small: adding a key to a record of many keys later is a slow transition.
          if (this.lazySpansOf === undefined) layer.spans.type = layer.typeSpan;
        }
        return;
      case 'bottom': {
        // Layers do not nest, so one layer's bottoms are consecutive here (at the end of the
        // list, or from 0 again in a streaming read).
        const p = this.net.bottomPos;
        const k = layer.bottomPos + 4 * layer.bottoms.length;
        p[k] = offset;
        p[k + 1] = end;
        p[k + 2] = line;
        p[k + 3] = column;
        layer.bottoms = appended(layer.bottoms, String(value));
        return;
      }
      default:
        layer.tops = appended(layer.tops, String(value));
    }
  }

  /**
   * Adds one occurrence of `name` to the frame's attributes (a second occurrence turns the value
   * into an array) and records its span. A second occurrence of a non-repeated field is reported.
   */
  private store(
    fr: Frame,
    f: FieldDesc | null,
    name: string,
    value: AttrValue,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    const attrs = fr.attrs;
    const rec = fr.rec;
    const path = fr.paths === null ? name : dottedIn(fr.paths, fr.path, name);
    const prev = attrs[name];
    if (prev === undefined || !own(attrs, name)) {
      put(attrs, name, value);
    } else {
      const reported = this.duplicate !== null && this.duplicate.frame === fr && this.duplicate.name === name;
      if (f !== null && !f.repeated && !reported) this.repeatedNonRepeated(fr, f, path, offset, end, line, column);
      if (fr.arrays !== null && fr.arrays.has(name)) (prev as AttrValue[]).push(value);
      else {
        put(attrs, name, [prev, value]);
        (fr.arrays ??= new Set()).add(name);
      }
    }
    // A layer read with lazySpansOf keeps no spans: layerSpansAt makes them when asked.
    if (fr.layer !== null && this.lazySpansOf !== undefined) return;
    if (rec.spans[path] === undefined) {
      rec.spans[path] = spanAt(offset, end, line, column);
    } else {
      const counts = (rec.counts ??= new Map());
      const k = (counts.get(path) ?? 0) + 1;
      counts.set(path, k);
      rec.spans[occurrenceKey(path, k)] = spanAt(offset, end, line, column);
    }
  }

  private repeatedNonRepeated(
    fr: Frame,
    f: FieldDesc,
    path: string,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    if (f.repeatedIn !== undefined) {
      const fork = forkInfo(f.repeatedIn);
      this.note(
        fr,
        fork,
        `${path} is given more than once, which the ${fork.name} fork allows (${fork.source}); BVLC Caffe takes it once`,
        offset,
        end,
        line,
        column,
      );
      return;
    }
    const layer = fr.layer;
    const first =
      layer !== null && this.lazySpansOf !== undefined
        ? layerSpansAt(this.lazySpansOf, layer.offset, offset, layer.line, layer.column)[path]
        : fr.rec.spans[path];
    const where = first ? ` (first at ${first.line}:${first.column})` : '';
    this.issue(
      fr,
      f.name,
      `${path} is given more than once${where}; it is not a repeated field`,
      offset,
      end,
      line,
      column,
    );
  }

  /** Reports an unknown field; true when the caller should drop the field (strict mode, net level). */
  private unknownField(
    fr: Frame,
    name: string,
    written: string,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): boolean {
    const desc = fr.desc!;
    const where = fr.path !== '' ? fr.path : fr.layer ? (fr.layer.v1 ? 'layers' : 'layer') : 'the net (NetParameter)';
    let hint = '';
    const guess = this.reported < MAX_SCHEMA_REPORTS ? closest(name, desc.byName.keys()) : undefined;
    if (guess !== undefined) hint = `; did you mean ${guess}?`;
    else if (fr.layerTop && fr.layer!.v1 && LAYER_PARAMETER.byName.has(name)) {
      hint = `; ${name} exists only in the current format: write layer { … } instead of layers { … }`;
    }
    return this.issue(fr, name, `unknown field "${written}" in ${where}${hint}`, offset, end, line, column);
  }

  /** Reports a value that does not fit its field; true when the caller should drop it. */
  private valueIssue(
    fr: Frame,
    f: FieldDesc,
    written: string,
    kind: ValueKind,
    value: string | number | boolean,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): boolean {
    const path = this.pathOf(fr, f.name);
    let text: string;
    if (fr.layerTop && f.name === 'type' && fr.layer!.v1 && kind === 'string') {
      text = `type of a V1 layers block must be an enum name such as CONVOLUTION, got the string "${String(value)}"; to use type: "${String(value)}" write layer { … } instead of layers { … }`;
    } else if (check.problem === 'must be a quoted string') {
      const mapped = fr.layerTop && f.name === 'type' ? v1TypeByName(String(value)) : undefined;
      text = `${path} must be a quoted string: write ${written}: "${mapped ?? String(value)}"`;
    } else {
      text = `${path} ${check.problem}`;
    }
    return this.issue(fr, f.name, text, offset, end, line, column);
  }

  private pathOf(fr: Frame, name: string): string {
    return fr.paths === null ? name : dottedIn(fr.paths, fr.path, name);
  }

  /** A schema problem: an error (a warning when lenient). True when the value should be dropped (strict, net level). */
  private issue(
    fr: Frame,
    name: string,
    text: string,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): boolean {
    const severity: Severity = this.lenient ? 'warning' : 'error';
    const listed = this.reported++ < MAX_SCHEMA_REPORTS;
    if (!listed) this.net.suppressed++;
    const span = spanAt(offset, end, line, column);
    const layer = fr.layer;
    if (layer !== null) {
      if (listed) (layer.issues ??= []).push({ severity, text, span });
      if (!this.lenient) layer.errors++;
      return false;
    }
    if (listed) this.net.diagnostics.push({ severity, message: text, span });
    if (!this.lenient) this.net.badFields.add(fr.path === '' ? name : fr.path.slice(0, (fr.path + '.').indexOf('.')));
    return !this.lenient;
  }

  /** An info note, once per key (a field or enum value) per model. */
  private note(fr: Frame, key: object, text: string, offset: number, end: number, line: number, column: number): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    const span = spanAt(offset, end, line, column);
    if (fr.layer !== null) (fr.layer.issues ??= []).push({ severity: 'info', text, span });
    else this.net.diagnostics.push({ severity: 'info', message: text, span });
  }

  /** One note per fork per model, at the first field of that fork (a file of a fork uses many). */
  private forkFieldNote(fr: Frame, f: FieldDesc, offset: number, end: number, line: number, column: number): void {
    const fork = forkInfo(f.fork!);
    if (this.noted.has(fork)) return;
    const text = `${this.pathOf(fr, f.name)} is not a BVLC Caffe field: it comes from the ${fork.name} fork (${fork.source}) and is read as that fork defines it`;
    this.note(fr, fork, text, offset, end, line, column);
  }

  private forkValueNote(
    fr: Frame,
    f: FieldDesc,
    value: string,
    key: object,
    offset: number,
    end: number,
    line: number,
    column: number,
  ): void {
    const fork = forkInfo((key as { fork: Parameters<typeof forkInfo>[0] }).fork);
    // One note per fork, whether its first trace is a field or an enum value.
    if (this.noted.has(fork)) return;
    const text = `${this.pathOf(fr, f.name)}: ${value} is not a BVLC Caffe value: it comes from the ${fork.name} fork (${fork.source})`;
    this.note(fr, fork, text, offset, end, line, column);
  }
}
