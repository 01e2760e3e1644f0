import type { AttrValue, Shape } from '../ir';
import type { AttrReader, OpContext, OpDefinition, OpEval } from './types';

// Data layers. The Caffe reader registers their tops as graph inputs, and the analysis then
// uses the declared (or user-overridden) shape for those tops; what these definitions return
// is what Caffe itself would infer from the parameters, used for tops nobody declared
// (labels, extra DummyData tops) and as the fallback. The batch axis is the analysis batch.

/** Repeated BlobShape field (`shape { dim: … }` several times) as one shape per entry. */
export function blobShapeList(reader: AttrReader, key: string): Shape[] {
  const raw: AttrValue | undefined = reader.raw(key);
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const shapes: Shape[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const dim = item.dim;
    const dims = dim === undefined ? [] : Array.isArray(dim) ? dim : [dim];
    shapes.push(dims.map((d) => (typeof d === 'number' ? d : Number(d))));
  }
  return shapes;
}

/** Replaces the batch axis with the analysis batch. */
function withBatch(ctx: OpContext, shape: Shape): Shape {
  return shape.length > 0 ? [ctx.batch, ...shape.slice(1)] : shape;
}

/** Caffe's "one value for every top, or one per top" rule (input_layer.cpp, dummy_data_layer.cpp). */
function perTop<T>(ctx: OpContext, list: readonly T[], field: string): (T | undefined)[] | undefined {
  const tops = ctx.node.tops.length;
  if (list.length > 1 && list.length !== tops) {
    ctx.error(`${list.length} shapes given for ${tops} tops; give one shape, or one per top`, field);
    return undefined;
  }
  return ctx.node.tops.map((_, i) => (list.length === 1 ? list[0] : list[i]));
}

function dataEval(ctx: OpContext, data: Shape | null): OpEval {
  // Top 1, where present, is the label: one value per image (data_layer.cpp label_shape(1, batch)).
  return { outputs: ctx.node.tops.map((_, i) => (i === 0 ? data : i === 1 ? [ctx.batch] : null)), flops: 0 };
}

function inputLike(type: string, block: string, doc: string): OpDefinition {
  return {
    type,
    category: 'input',
    doc,
    formula: 'declares top shapes; the analysis batch replaces N; FLOPs = 0',
    arity: [0, 0],
    paramBlock: block,
    evaluate(ctx) {
      const p = ctx.attrs.msg(block);
      let shapes = blobShapeList(p, 'shape');
      if (shapes.length === 0 && block === 'dummy_data_param') {
        // Legacy 4-D form: repeated num/channels/height/width, each one value or one per top.
        const legacy = ['num', 'channels', 'height', 'width'].map((k) => p.nums(k));
        const count = legacy.reduce((n, l) => Math.max(n, l.length), 0);
        if (count > 0) {
          shapes = Array.from({ length: count }, (_, i) => legacy.map((l) => (l.length === 1 ? l[0]! : (l[i] ?? 0))));
        }
      }
      const bad = shapes.find((s) => s.slice(1).some((d) => !(d > 0)));
      if (bad) {
        ctx.error(`shape ${bad.join('×')} has a dimension that is not positive`, `${block}.shape`);
        return { outputs: ctx.node.tops.map(() => null) };
      }
      const assigned = perTop(ctx, shapes, `${block}.shape`);
      if (!assigned) return { outputs: ctx.node.tops.map(() => null) };
      return { outputs: assigned.map((s) => (s ? withBatch(ctx, s) : null)), flops: 0 };
    },
  };
}

export const inputOp = inputLike('Input', 'input_param', 'Declares network inputs and their shapes.');
export const dummyDataOp = inputLike('DummyData', 'dummy_data_param', 'Constant-filled blobs of declared shapes.');

export const dataOp: OpDefinition = {
  type: 'Data',
  category: 'input',
  doc: 'Reads (image, label) records from LMDB/LevelDB; the image shape comes from the database.',
  formula: 'data: N×C×H×W from the database (declare it with --input); label: N; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'data_param',
  evaluate: (ctx) => dataEval(ctx, null),
};

export const annotatedDataOp: OpDefinition = {
  ...dataOp,
  type: 'AnnotatedData',
  doc: 'SSD training data with box annotations; shapes come from the database.',
  formula: 'data: N×C×H×W from the database; label: 1×1×(#boxes)×8, data-dependent; FLOPs = 0',
  paramBlock: 'annotated_data_param',
  evaluate: (ctx) => ({ outputs: ctx.node.tops.map(() => null), flops: 0 }),
};

export const imageDataOp: OpDefinition = {
  type: 'ImageData',
  category: 'input',
  doc: 'Reads images listed in a text file, optionally resized to new_height × new_width.',
  formula: 'data: N×(3 or 1)×crop (or new_height×new_width); label: N; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'image_data_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('image_data_param');
    const channels = p.bool('is_color', true) ? 3 : 1;
    // image_data_layer.cpp: the first image, resized to new_height × new_width when both are
    // set, then cropped by transform_param.crop_size (data_transformer.cpp InferBlobShape).
    const crop = ctx.attrs.msg('transform_param').num('crop_size', 0);
    const h = crop > 0 ? crop : p.num('new_height', 0);
    const w = crop > 0 ? crop : p.num('new_width', 0);
    return dataEval(ctx, h > 0 && w > 0 ? [ctx.batch, channels, h, w] : null);
  },
};

export const windowDataOp: OpDefinition = {
  type: 'WindowData',
  category: 'input',
  doc: 'R-CNN window data: crops of listed windows, warped to crop_size.',
  formula: 'data: N×3×crop_size×crop_size; label: N; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'window_data_param',
  evaluate(ctx) {
    // window_data_layer.cpp: top[0] is batch × 3 × crop_size × crop_size (crop_size from
    // transform_param; the deprecated window_data_param.crop_size is its older home).
    const crop =
      ctx.attrs.msg('transform_param').num('crop_size', 0) || ctx.attrs.msg('window_data_param').num('crop_size', 0);
    return dataEval(ctx, crop > 0 ? [ctx.batch, 3, crop, crop] : null);
  },
};

export const memoryDataOp: OpDefinition = {
  type: 'MemoryData',
  category: 'input',
  doc: 'Data fed from memory by the host program with a declared shape.',
  formula: 'data: N×channels×height×width; label: N; FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'memory_data_param',
  evaluate(ctx) {
    const p = ctx.attrs.msg('memory_data_param');
    const dims = [p.num('channels', 0), p.num('height', 0), p.num('width', 0)];
    // memory_data_layer.cpp: CHECK_GT(batch_size·channels·height·width, 0).
    if (dims.some((d) => !(d > 0))) {
      ctx.error(`channels, height and width must all be positive, got ${dims.join('×')}`, 'memory_data_param');
      return { outputs: ctx.node.tops.map(() => null) };
    }
    return dataEval(ctx, [ctx.batch, ...dims]);
  },
};

export const hdf5DataOp: OpDefinition = {
  type: 'HDF5Data',
  category: 'input',
  doc: 'Reads datasets named like its tops from HDF5 files; shapes come from the files.',
  formula: 'every top: N×… from the file (declare with --input); FLOPs = 0',
  arity: [0, 0],
  paramBlock: 'hdf5_data_param',
  evaluate: (ctx) => ({ outputs: ctx.node.tops.map(() => null), flops: 0 }),
};

/** Every data layer of this file. */
export const DATA_OPS: readonly OpDefinition[] = [
  inputOp,
  dummyDataOp,
  dataOp,
  annotatedDataOp,
  imageDataOp,
  windowDataOp,
  memoryDataOp,
  hdf5DataOp,
];
