import type { AttrMap, AttrValue, Diagnostic, InputSource, Shape, SourceSpan } from '../../ir';
import type { GraphBuilder } from '../../ir/graph-builder';
import { dimField, isMessage, readDims, readShapes, spansOf, valuesOf, type SpanRecord } from './shapes';

/** The parameter block that holds batch_size for each data-layer type. */
const DATA_PARAMS: Readonly<Record<string, string>> = {
  Data: 'data_param',
  ImageData: 'image_data_param',
  HDF5Data: 'hdf5_data_param',
  WindowData: 'window_data_param',
  MemoryData: 'memory_data_param',
  AnnotatedData: 'data_param',
  VideoData: 'video_data_param',
  C3DVideoData: 'image_data_param',
};

/** The data-layer types as a set: asked once per layer, and an object lookup would also match `toString`. */
const DATA_TYPES: ReadonlySet<string> = new Set(Object.keys(DATA_PARAMS));

/** True for layer types whose tops are graph inputs (their shapes come from the file or the user). */
export function isInputLayer(type: string): boolean {
  return type === 'Input' || type === 'DummyData' || DATA_TYPES.has(type);
}

/** What declareLayerInputs needs to know about the layer. */
export interface InputLayerInfo {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly attrs: AttrMap;
  readonly spans: SpanRecord;
  readonly tops: readonly string[];
  readonly span: SourceSpan;
  readonly nameSpan: SourceSpan;
  /** True when the reader already found errors in the layer: its shapes are not read. */
  readonly broken: boolean;
}

const HOW_TO_SET = (top: string) => `set it with --input ${top}=NxCxHxW or the input-shape control`;

function first(v: AttrValue | undefined): AttrValue | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Registers the tops of an Input, DummyData or data layer as graph inputs, with the shape
 * the file declares or implies. A data layer's second top (the label) is left to the
 * layer's own op: it is not an image input.
 */
export function declareLayerInputs(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const { type } = info;
  if (info.broken) {
    // The layer's own errors say what is wrong; no shape is guessed from a definition that failed.
    info.tops.forEach((_, t) => {
      if (type === 'Input' || type === 'DummyData' || t === 0)
        b.markLayerInput(info.index, t, null, source(type), info.span);
    });
    return;
  }
  if (type === 'Input') {
    perTopShapes(b, info, 'input_param', 'Input', diags);
  } else if (type === 'DummyData') {
    declareDummyData(b, info, diags);
  } else if (info.tops.length > 0) {
    declareDataLayer(b, info, diags);
  }
}

function source(type: string): InputSource {
  return type === 'Input' ? 'Input' : type === 'DummyData' ? 'DummyData' : 'Data';
}

function perTopShapes(
  b: GraphBuilder,
  info: InputLayerInfo,
  block: string,
  src: InputSource,
  diags: Diagnostic[],
): void {
  const { tops, name } = info;
  const fieldName = `${block}.shape`;
  const p = first(info.attrs[block]);
  const shapes = isMessage(p) ? readShapes(p.shape, info.spans, fieldName, `layer "${name}"`, diags, name) : [];
  if (shapes.length > 1 && shapes.length !== tops.length) {
    diags.push({
      severity: 'error',
      message: `layer "${name}": ${shapes.length} ${fieldName} entries for ${tops.length} top(s); give one shape, or one per top`,
      ...(shapes[0]!.span ? { span: shapes[0]!.span } : {}),
      layer: name,
    });
  }
  tops.forEach((top, t) => {
    const entry = shapes.length === 1 ? shapes[0] : shapes[t];
    if (!entry) {
      diags.push({
        severity: 'warning',
        message: `layer "${name}" (${info.type}) declares no shape for top "${top}": ${HOW_TO_SET(top)}`,
        span: info.nameSpan,
        layer: name,
      });
      b.markLayerInput(info.index, t, null, src, info.span);
      return;
    }
    b.markLayerInput(info.index, t, entry.shape, src, entry.span ?? info.span);
  });
}

function declareDummyData(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const p = first(info.attrs.dummy_data_param);
  if (!isMessage(p) || p.shape !== undefined) {
    perTopShapes(b, info, 'dummy_data_param', 'DummyData', diags);
    return;
  }
  // Legacy form: repeated num / channels / height / width, one each per top (or one for all).
  const keys = ['num', 'channels', 'height', 'width'];
  const lists = keys.map((k) => valuesOf(p[k]));
  const spans = keys.map((k) => spansOf(info.spans, `dummy_data_param.${k}`));
  info.tops.forEach((top, t) => {
    const pick = <T>(l: readonly T[]): T | undefined => (l.length === 1 ? l[0] : l[t]);
    const values = lists.map(pick);
    if (values.some((v) => v === undefined)) {
      diags.push({
        severity: 'warning',
        message: `layer "${info.name}" (DummyData) needs num, channels, height and width (or shape) for top "${top}": ${HOW_TO_SET(top)}`,
        span: info.nameSpan,
        layer: info.name,
      });
      b.markLayerInput(info.index, t, null, 'DummyData', info.span);
      return;
    }
    const where = spans.map(pick);
    const shape = readDims(values as AttrValue[], where, `layer "${info.name}"`, keys, diags, info.name);
    b.markLayerInput(info.index, t, shape, 'DummyData', where[0] ?? info.span);
  });
}

function declareDataLayer(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const { name, type, spans } = info;
  const top = info.tops[0]!;
  const what = `layer "${name}"`;
  const block = DATA_PARAMS[type]!;
  const p = first(info.attrs[block]);
  const tp = first(info.attrs.transform_param);
  const field = (msg: AttrValue | undefined, path: string, key: string) =>
    dimField(msg, path, key, spans, what, diags, name);
  const batchF = field(p, block, 'batch_size');
  const batch = batchF?.value;
  if (type === 'C3DVideoData') {
    declareC3DClip(b, info, diags, batch);
    return;
  }
  if (type === 'MemoryData') {
    const dims = ['channels', 'height', 'width'].map((k) => field(p, block, k));
    if (dims.every((d) => d !== undefined) && batch !== undefined) {
      const values = [batch, ...dims.map((d) => d!.value)];
      const ok = values.every((v): v is number => v !== null);
      b.markLayerInput(info.index, 0, ok ? values : null, 'Data', info.span);
      return;
    }
    noShape(b, info, top, diags, 'memory_data_param needs batch_size, channels, height and width');
    return;
  }
  // Spatial size: a crop wins over a resize, as in Caffe's DataTransformer.
  const crop = field(tp, 'transform_param', 'crop_size') ?? field(p, block, 'crop_size');
  const cropH = field(tp, 'transform_param', 'crop_h');
  const cropW = field(tp, 'transform_param', 'crop_w');
  const newH = field(p, block, 'new_height');
  const newW = field(p, block, 'new_width');
  let hw: [SourceSpan | undefined, number | null, number | null, string] | undefined;
  if (crop) hw = [crop.span, crop.value, crop.value, 'crop_size'];
  else if (cropH && cropW) hw = [cropH.span, cropH.value, cropW.value, 'crop_h/crop_w'];
  else if (newH && newW) hw = [newH.span, newH.value, newW.value, 'new_height/new_width'];
  if (!hw) {
    noShape(b, info, top, diags, 'it has no crop_size, crop_h/crop_w or new_height/new_width');
    return;
  }
  const [span, h, w, from] = hw;
  if (h === null || w === null || batch === null) {
    // The invalid value was reported where it is written.
    b.markLayerInput(info.index, 0, null, 'Data', span ?? info.span);
    return;
  }
  const gray = (isMessage(p) && first(p.is_color) === false) || (isMessage(tp) && first(tp.force_gray) === true);
  const channels = gray ? 1 : 3;
  const shape: Shape = [batch ?? 1, channels, h, w];
  const notes = [
    `${batch === undefined ? 'batch assumed 1 (no batch_size)' : 'batch_size'} and ${from}`,
    gray ? 'channels 1 (grayscale)' : 'channels are assumed to be 3',
  ];
  diags.push({
    severity: 'warning',
    message: `layer "${name}" (${type}): input shape ${shape.join('×')} for top "${top}" is inferred from ${notes.join('; ')}; if that is wrong, ${HOW_TO_SET(top)}`,
    span: info.nameSpan,
    layer: name,
  });
  b.markLayerInput(info.index, 0, shape, 'Data', span ?? info.span);
}

/**
 * C3D's VIDEO_DATA (video_data_layer.cpp SetUp): batch_size × channels × new_length × crop_size ×
 * crop_size, or new_height × new_width without a crop, all from image_data_param. The channels
 * come from the decoded frames: colour, so 3 is assumed and said.
 */
function declareC3DClip(
  b: GraphBuilder,
  info: InputLayerInfo,
  diags: Diagnostic[],
  batch: number | null | undefined,
): void {
  const { name, spans } = info;
  const what = `layer "${name}"`;
  const p = first(info.attrs.image_data_param);
  const field = (key: string) => dimField(p, 'image_data_param', key, spans, what, diags, name);
  const length = field('new_length');
  const crop = field('crop_size');
  const newH = field('new_height');
  const newW = field('new_width');
  const top = info.tops[0]!;
  const hw = crop ? [crop, crop] : newH && newW ? [newH, newW] : undefined;
  if (!length || !hw) {
    noShape(b, info, top, diags, 'C3D clips need new_length and crop_size or new_height/new_width in image_data_param');
    return;
  }
  const values = [length.value, hw[0]!.value, hw[1]!.value];
  if (batch === null || values.some((v) => v === null)) {
    b.markLayerInput(info.index, 0, null, 'Data', length.span ?? info.span);
    return;
  }
  const shape: Shape = [batch ?? 1, 3, ...(values as number[])];
  diags.push({
    severity: 'warning',
    message: `layer "${name}" (C3D VIDEO_DATA): input shape ${shape.join('×')} for top "${top}" is inferred from ${batch === undefined ? 'batch assumed 1 (no batch_size)' : 'batch_size'}, new_length and ${crop ? 'crop_size' : 'new_height/new_width'}; channels are assumed to be 3; if that is wrong, ${HOW_TO_SET(top)}`,
    span: info.nameSpan,
    layer: name,
  });
  b.markLayerInput(info.index, 0, shape, 'Data', length.span ?? info.span);
}

function noShape(b: GraphBuilder, info: InputLayerInfo, top: string, diags: Diagnostic[], why: string): void {
  diags.push({
    severity: 'warning',
    message: `layer "${info.name}" (${info.type}) declares no input shape for top "${top}" (${why}): ${HOW_TO_SET(top)}`,
    span: info.nameSpan,
    layer: info.name,
  });
  b.markLayerInput(info.index, 0, null, 'Data', info.span);
}
