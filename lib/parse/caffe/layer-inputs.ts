import type { Diagnostic, InputSource, Shape, SourceSpan } from '../../ir';
import type { GraphBuilder } from '../../ir/graph-builder';
import { fieldsNamed, firstField, spanOf, subMessage, type TextField, type TextMessage } from '../prototxt/tree';
import { dimField, readBlobShape, readDims } from './shapes';

/** The parameter block that holds batch_size for each data-layer type. */
const DATA_PARAMS: Readonly<Record<string, string>> = {
  Data: 'data_param',
  ImageData: 'image_data_param',
  HDF5Data: 'hdf5_data_param',
  WindowData: 'window_data_param',
  MemoryData: 'memory_data_param',
  AnnotatedData: 'data_param',
  VideoData: 'video_data_param',
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
  readonly msg: TextMessage;
  readonly tops: readonly string[];
  readonly span: SourceSpan;
  readonly nameSpan: SourceSpan;
}

const HOW_TO_SET = (top: string) => `set it with --input ${top}=NxCxHxW or the input-shape control`;

/**
 * Registers the tops of an Input, DummyData or data layer as graph inputs, with the shape
 * the file declares or implies. A data layer's second top (the label) is left to the
 * layer's own op: it is not an image input.
 */
export function declareLayerInputs(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const { type } = info;
  if (type === 'Input') {
    const p = subMessage(info.msg, 'input_param');
    perTopShapes(b, info, p ? fieldsNamed(p, 'shape') : [], 'Input', 'input_param.shape', diags);
  } else if (type === 'DummyData') {
    declareDummyData(b, info, diags);
  } else if (info.tops.length > 0) {
    declareDataLayer(b, info, diags);
  }
}

function perTopShapes(
  b: GraphBuilder,
  info: InputLayerInfo,
  shapes: readonly TextField[],
  source: InputSource,
  fieldName: string,
  diags: Diagnostic[],
): void {
  const { tops, name } = info;
  if (shapes.length > 1 && shapes.length !== tops.length) {
    diags.push({
      severity: 'error',
      message: `layer "${name}": ${shapes.length} ${fieldName} entries for ${tops.length} top(s); give one shape, or one per top`,
      span: spanOf(shapes[0]!),
      layer: name,
    });
  }
  tops.forEach((top, t) => {
    const sf = shapes.length === 1 ? shapes[0] : shapes[t];
    if (!sf) {
      diags.push({
        severity: 'warning',
        message: `layer "${name}" (${info.type}) declares no shape for top "${top}": ${HOW_TO_SET(top)}`,
        span: info.nameSpan,
        layer: name,
        input: top,
      });
      b.markLayerInput(info.index, t, null, source, info.span);
      return;
    }
    const shape = readBlobShape(sf, `layer "${name}"`, diags, name);
    b.markLayerInput(info.index, t, shape, source, spanOf(sf));
  });
}

function declareDummyData(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const p = subMessage(info.msg, 'dummy_data_param');
  const shapes = p ? fieldsNamed(p, 'shape') : [];
  if (shapes.length > 0 || !p) {
    perTopShapes(b, info, shapes, 'DummyData', 'dummy_data_param.shape', diags);
    return;
  }
  // Legacy form: repeated num / channels / height / width, one each per top (or one for all).
  const lists = ['num', 'channels', 'height', 'width'].map((k) => fieldsNamed(p, k));
  info.tops.forEach((top, t) => {
    const fields = lists.map((l) => (l.length === 1 ? l[0] : l[t]));
    if (fields.some((f) => f === undefined)) {
      diags.push({
        severity: 'warning',
        message: `layer "${info.name}" (DummyData) needs num, channels, height and width (or shape) for top "${top}": ${HOW_TO_SET(top)}`,
        span: info.nameSpan,
        layer: info.name,
        input: top,
      });
      b.markLayerInput(info.index, t, null, 'DummyData', info.span);
      return;
    }
    const shape = readDims(fields as TextField[], `layer "${info.name}"`, diags, info.name);
    b.markLayerInput(info.index, t, shape, 'DummyData', spanOf(fields[0]!));
  });
}

function declareDataLayer(b: GraphBuilder, info: InputLayerInfo, diags: Diagnostic[]): void {
  const { name, msg, type } = info;
  const top = info.tops[0]!;
  const what = `layer "${name}"`;
  const p = subMessage(msg, DATA_PARAMS[type]!);
  const tp = subMessage(msg, 'transform_param');
  const batchF = dimField(p, 'batch_size', what, diags, name);
  const batch = batchF?.value;
  if (type === 'MemoryData') {
    const dims = ['channels', 'height', 'width'].map((k) => dimField(p, k, what, diags, name));
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
  const crop = dimField(tp, 'crop_size', what, diags, name) ?? dimField(p, 'crop_size', what, diags, name);
  const cropH = dimField(tp, 'crop_h', what, diags, name);
  const cropW = dimField(tp, 'crop_w', what, diags, name);
  const newH = dimField(p, 'new_height', what, diags, name);
  const newW = dimField(p, 'new_width', what, diags, name);
  let hw: [TextField, number | null, number | null, string] | undefined;
  if (crop) hw = [crop.field, crop.value, crop.value, 'crop_size'];
  else if (cropH && cropW) hw = [cropH.field, cropH.value, cropW.value, 'crop_h/crop_w'];
  else if (newH && newW) hw = [newH.field, newH.value, newW.value, 'new_height/new_width'];
  if (!hw) {
    noShape(b, info, top, diags, 'it has no crop_size, crop_h/crop_w or new_height/new_width');
    return;
  }
  const [field, h, w, from] = hw;
  if (h === null || w === null || batch === null) {
    // The invalid value was reported where it is written.
    b.markLayerInput(info.index, 0, null, 'Data', spanOf(field));
    return;
  }
  const gray =
    (p && firstField(p, 'is_color')?.value === false) || (tp && firstField(tp, 'force_gray')?.value === true);
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
    input: top,
  });
  b.markLayerInput(info.index, 0, shape, 'Data', spanOf(field));
}

function noShape(b: GraphBuilder, info: InputLayerInfo, top: string, diags: Diagnostic[], why: string): void {
  diags.push({
    severity: 'warning',
    message: `layer "${info.name}" (${info.type}) declares no input shape for top "${top}" (${why}): ${HOW_TO_SET(top)}`,
    span: info.nameSpan,
    layer: info.name,
    input: top,
  });
  b.markLayerInput(info.index, 0, null, 'Data', info.span);
}
