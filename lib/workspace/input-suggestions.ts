/**
 * Shape suggestions for graph inputs the file gives no shape for (train/test definitions whose
 * data layer reads a database). Every suggestion is a guess with its reason, offered to the user
 * and never applied by itself:
 * - from the file: a data layer of another phase feeding the same top (crop_size, crop_h/crop_w,
 *   new_height/new_width), and shapes left in comments (`# input_dim: 227`, `# input_shape { dim: … }`);
 * - from the data set named in the data layer's `source` (or `mean_file`) path: MNIST 1×28×28,
 *   CIFAR 3×32×32, ImageNet 3×224×224 and 3×227×227.
 * The batch axis comes from the layer's batch_size (else 1), so "declared batch" keeps its meaning.
 */
import type { AttrMap, AttrValue, IRGraph, Shape } from '../ir';
import { v1TypeByName } from '../parse/caffe/v1-types';
import { parsePrototxt } from '../parse/prototxt/parser';
import { firstField, subMessage, type TextMessage } from '../parse/prototxt/tree';

/** One suggested shape (batch first) and why it is suggested. */
export interface ShapeSuggestion {
  readonly shape: Shape;
  /** Where it comes from, in a few words: `crop_size: 224 in layer "data" (TRAIN)`, `ImageNet (source ".../ilsvrc12_val_lmdb")`. */
  readonly reasons: readonly string[];
  /** 'file' when the file states the size somewhere, 'dataset' when it is guessed from a data set's name. */
  readonly from: 'file' | 'dataset';
}

/** A graph input without a shape in the file, with what it could be. */
export interface InputNeed {
  /** The input (top) name: the key of the shape override. */
  readonly name: string;
  /** The layer that declares it (a Data layer), when there is one. */
  readonly layer?: string;
  /** Its type (`Data`, `ImageData`, `Input`…) or `input` for a net-level input. */
  readonly kind: string;
  readonly suggestions: readonly ShapeSuggestion[];
}

const DATASETS: readonly { readonly test: RegExp; readonly name: string; readonly chw: readonly Shape[] }[] = [
  { test: /mnist/i, name: 'MNIST', chw: [[1, 28, 28]] },
  { test: /cifar/i, name: 'CIFAR', chw: [[3, 32, 32]] },
  {
    test: /imagenet|ilsvrc/i,
    name: 'ImageNet',
    chw: [
      [3, 224, 224],
      [3, 227, 227],
    ],
  },
];

const DATA_TYPES: ReadonlySet<string> = new Set([
  'Data',
  'ImageData',
  'HDF5Data',
  'WindowData',
  'MemoryData',
  'AnnotatedData',
  'VideoData',
]);
const PARAM_OF: Readonly<Record<string, string>> = {
  Data: 'data_param',
  AnnotatedData: 'data_param',
  ImageData: 'image_data_param',
  HDF5Data: 'hdf5_data_param',
  WindowData: 'window_data_param',
  MemoryData: 'memory_data_param',
  VideoData: 'video_data_param',
};

/** What a data layer written in the file says about its image size, whichever phase keeps it. */
interface DataLayerFacts {
  readonly name: string;
  readonly tops: readonly string[];
  readonly phase: string | null;
  readonly batch: number | null;
  readonly hw: { readonly h: number; readonly w: number; readonly field: string } | null;
  readonly gray: boolean;
  readonly paths: readonly string[];
}

function num(v: AttrValue | undefined): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

function str(v: AttrValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

/** Reads the facts from one layer's fields, given as an attribute map (the IR's or the text tree's). */
function factsOf(
  name: string,
  tops: readonly string[],
  type: string,
  phase: string | null,
  get: (msg: string, field: string) => AttrValue | undefined,
): DataLayerFacts {
  const p = PARAM_OF[type] ?? 'data_param';
  const crop = num(get('transform_param', 'crop_size')) ?? num(get(p, 'crop_size'));
  const cropH = num(get('transform_param', 'crop_h'));
  const cropW = num(get('transform_param', 'crop_w'));
  const newH = num(get(p, 'new_height'));
  const newW = num(get(p, 'new_width'));
  const hw = crop
    ? { h: crop, w: crop, field: `crop_size: ${crop}` }
    : cropH && cropW
      ? { h: cropH, w: cropW, field: `crop_h: ${cropH}, crop_w: ${cropW}` }
      : newH && newW
        ? { h: newH, w: newW, field: `new_height: ${newH}, new_width: ${newW}` }
        : null;
  const gray = get(p, 'is_color') === false || get('transform_param', 'force_gray') === true;
  const paths = [str(get(p, 'source')), str(get('transform_param', 'mean_file')), str(get(p, 'mean_file'))].filter(
    (x): x is string => !!x,
  );
  return { name, tops, phase, batch: num(get(p, 'batch_size')), hw, gray, paths };
}

function fromAttrs(attrs: AttrMap): (msg: string, field: string) => AttrValue | undefined {
  return (msg, field) => {
    const m = attrs[msg];
    if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
    const v = (m as AttrMap)[field];
    return Array.isArray(v) ? v[0] : v;
  };
}

function fromTree(layer: TextMessage): (msg: string, field: string) => AttrValue | undefined {
  return (msg, field) => {
    const f = firstField(subMessage(layer, msg) ?? EMPTY, field);
    return f && f.kind !== 'message' ? (f.value as AttrValue) : undefined;
  };
}

const EMPTY: TextMessage = { fields: [], closed: true, offset: 0, end: 0, line: 1, column: 1 };

function canonicalType(raw: string): string {
  return v1TypeByName(raw) ?? raw;
}

function phaseOf(layer: TextMessage): string | null {
  const inc = subMessage(layer, 'include');
  const f = inc ? firstField(inc, 'phase') : undefined;
  return f && typeof f.value === 'string' ? f.value : null;
}

/** Every data layer written in a prototxt, whatever its phase (the IR keeps one phase only). */
function dataLayersInText(text: string): DataLayerFacts[] {
  const { root } = parsePrototxt(text);
  const out: DataLayerFacts[] = [];
  for (const f of root.fields) {
    if ((f.name !== 'layer' && f.name !== 'layers') || f.kind !== 'message') continue;
    const layer = f.value as TextMessage;
    const typeField = firstField(layer, 'type');
    const type = typeField ? canonicalType(String(typeField.value)) : '';
    if (!DATA_TYPES.has(type)) continue;
    const name = String(firstField(layer, 'name')?.value ?? '');
    const tops = layer.fields.filter((x) => x.name === 'top' && x.kind !== 'message').map((x) => String(x.value));
    out.push(factsOf(name, tops, type, phaseOf(layer), fromTree(layer)));
  }
  return out;
}

// `# input_dim: 1` lines (one per dim or several on a line) and `# input_shape { dim: 1 dim: 3 … }`.
const COMMENT_DIMS = /(?:input_dim\s*:\s*\d+\s*){3,5}|input_shape\s*\{\s*(?:dim\s*:\s*\d+\s*){3,5}\}/g;

/** Shapes written in comments, with the line where the comment starts. */
export function commentShapes(text: string): { shape: Shape; line: number }[] {
  const out: { shape: Shape; line: number }[] = [];
  const scan = (comment: string, line: number) => {
    if (!/input_dim|input_shape/.test(comment)) return;
    for (const m of comment.matchAll(COMMENT_DIMS)) {
      const dims = [...m[0].matchAll(/\d+/g)].map((d) => Number(d[0]));
      if (dims.every((d) => d > 0)) out.push({ shape: dims, line });
    }
  };
  // Consecutive whole-line comments are read as one, so one `# input_dim: N` per line makes one shape.
  let block = '';
  let start = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hash = line.indexOf('#');
    if (hash >= 0 && line.slice(0, hash).trim() === '') {
      if (!block) start = i + 1;
      block += ` ${line.slice(hash + 1)}`;
      continue;
    }
    if (block) scan(block, start);
    block = '';
    if (hash >= 0) scan(line.slice(hash + 1), i + 1);
  }
  if (block) scan(block, start);
  return out;
}

function withBatch(batch: number, chw: Shape): Shape {
  return [batch, ...chw];
}

/**
 * Suggestions for one input: the facts of the layer declaring it (from the IR) and of every
 * other data layer in the text feeding the same top (other phases), then comments, then data sets.
 */
export function suggestShapes(graph: IRGraph, text: string, inputName: string): ShapeSuggestion[] {
  const input = graph.inputs.find((i) => i.name === inputName);
  const node = input?.node !== undefined ? graph.nodes[input.node] : undefined;
  const own = node ? factsOf(node.name, [inputName], node.type, null, fromAttrs(node.attrs)) : null;
  const others =
    graph.format === 'caffe' && text.length > 0 ? dataLayersInText(text).filter((l) => l.tops[0] === inputName) : [];
  const batch = own?.batch ?? others.find((o) => o.batch !== null)?.batch ?? 1;
  const gray = own?.gray ?? false;
  const out: ShapeSuggestion[] = [];
  const add = (shape: Shape, reason: string, from: ShapeSuggestion['from']) => {
    const same = out.find((s) => s.shape.length === shape.length && s.shape.every((d, i) => d === shape[i]));
    if (same) {
      if (!same.reasons.includes(reason)) (same.reasons as string[]).push(reason);
      return;
    }
    out.push({ shape, reasons: [reason], from });
  };
  for (const o of others) {
    if (!o.hw) continue;
    const c = o.gray || gray ? 1 : 3;
    add(
      withBatch(batch, [c, o.hw.h, o.hw.w]),
      `${o.hw.field} in layer "${o.name}"${o.phase ? ` (${o.phase})` : ''}`,
      'file',
    );
  }
  if (graph.format === 'caffe') {
    for (const c of commentShapes(text)) {
      const s =
        c.shape.length === 4
          ? withBatch(batch, c.shape.slice(1))
          : c.shape.length === 3
            ? withBatch(batch, c.shape)
            : null;
      if (s) add(s, `a comment on line ${c.line}`, 'file');
    }
  }
  const paths = [...(own?.paths ?? []), ...others.flatMap((o) => o.paths)];
  for (const d of DATASETS) {
    const path = paths.find((p) => d.test.test(p));
    if (!path) continue;
    for (const chw of d.chw) {
      const c = gray && chw[0] === 3 ? [1, chw[1]!, chw[2]!] : chw;
      add(withBatch(batch, c), `${d.name} (source "${path}")`, 'dataset');
    }
  }
  return out;
}

/** The inputs the file declares no shape for, each with its suggestions. */
export function inputNeeds(graph: IRGraph, text: string): InputNeed[] {
  const out: InputNeed[] = [];
  for (const inp of graph.inputs) {
    if (inp.shape) continue;
    const node = inp.node !== undefined ? graph.nodes[inp.node] : undefined;
    out.push({
      name: inp.name,
      ...(node ? { layer: node.name } : {}),
      kind: node?.type ?? 'input',
      suggestions: suggestShapes(graph, text, inp.name),
    });
  }
  return out;
}
