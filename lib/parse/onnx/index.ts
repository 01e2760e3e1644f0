import type { Diagnostic, IRGraph, ReadResult, SourceSpan } from '../../ir';
import { finishNode, OnnxGraphBuilder } from './build';
import { OnnxPrinter } from './print';
import { OnnxReadError, WireWalker, type Decoded } from './wire';

export { OnnxReadError } from './wire';
export { looksBinary, looksLikeOnnx } from './detect';

/** Options of the ONNX reader. */
export interface OnnxReadOptions {
  /** File name, shown in the text form's first line. */
  readonly fileName?: string;
}

const START: SourceSpan = { offset: 0, length: 0, line: 1, column: 1 };

function emptyGraph(diagnostics: Diagnostic[], sourceText: string): IRGraph {
  return {
    format: 'onnx',
    name: '',
    layout: 'NCHW',
    nodes: [],
    blobs: new Map(),
    inputs: [],
    outputs: [],
    declaredBatch: null,
    diagnostics,
    sourceText,
  };
}

/** `byte 1,234: message`: how a binary position reads in every message. */
export function atByte(offset: number, message: string): string {
  return `byte ${offset.toLocaleString('en-US')}: ${message}`;
}

/**
 * Reads an ONNX model (ModelProto bytes) into the IR. Tensor data is never decoded or copied
 * (small integer tensors excepted: shapes, axes); the graph's `sourceText` is a read-only text
 * form whose positions the node spans use, and every node also has its byte range. Never throws:
 * malformed bytes give one error with the byte offset where reading stopped.
 */
export function readOnnx(bytes: Uint8Array, options: OnnxReadOptions = {}): ReadResult {
  if (bytes.length === 0) {
    const message = 'the file is empty (0 bytes): not an ONNX model';
    const diagnostics: Diagnostic[] = [{ severity: 'error', message, byteOffset: 0, span: START }];
    return { graph: emptyGraph(diagnostics, `# ${options.fileName || 'model'}: ${message}\n`), diagnostics };
  }
  let model: Decoded;
  try {
    model = new WireWalker(bytes).decode('ModelProto');
  } catch (err) {
    const offset = err instanceof OnnxReadError ? err.offset : 0;
    const message =
      err instanceof OnnxReadError ? err.message : `internal error: ${String((err as Error)?.message ?? err)}`;
    const text = `# ${options.fileName || 'model'}: could not be read as ONNX\n# ${atByte(offset, message)}\n`;
    const diagnostics: Diagnostic[] = [
      {
        severity: 'error',
        message: atByte(offset, message),
        byteOffset: offset,
        span: { ...START, line: 2, column: 3, offset: text.indexOf('\n') + 3, length: 4 },
      },
    ];
    return { graph: emptyGraph(diagnostics, text), diagnostics };
  }
  try {
    return build(bytes, model, options);
  } catch (err) {
    const message = `internal error while reading the model: ${String((err as Error)?.message ?? err)}`;
    const diagnostics: Diagnostic[] = [{ severity: 'error', message, span: START }];
    return { graph: emptyGraph(diagnostics, `# ${message}\n`), diagnostics };
  }
}

function build(bytes: Uint8Array, model: Decoded, options: OnnxReadOptions): ReadResult {
  const opsets: Record<string, number> = {};
  for (const o of (model.opset_import as Decoded[] | undefined) ?? []) {
    const domain = (o.domain as string | undefined) ?? '';
    opsets[domain === 'ai.onnx' ? '' : domain] = (o.version as number | undefined) ?? 0;
  }
  const functions = new Set(
    ((model.functions as Decoded[] | undefined) ?? []).map(
      (f) => `${(f.domain as string | undefined) ?? ''}::${(f.name as string | undefined) ?? ''}`,
    ),
  );
  const g = model.graph as Decoded | undefined;
  const diagnostics: Diagnostic[] = [];
  if (!g)
    diagnostics.push({
      severity: 'error',
      message: 'the model has no graph (ModelProto.graph is missing)',
      byteOffset: 0,
      span: START,
    });
  const builder = new OnnxGraphBuilder(bytes, functions);
  const built = builder.buildMain(g ?? ({ $start: 0, $end: 0 } as Decoded));
  const names = new Map(built.nodes.map((n) => [n.index, n.name]));
  const printer = new OnnxPrinter(bytes, built.nodeOf, names);
  const sourceText = printer.model(model, options.fileName ?? '');
  const nodes = built.nodes.map((d) => {
    const p = printer.nodes.get(d.index);
    return finishNode(d, p ? { span: p.span, nameSpan: p.nameSpan, attrSpans: p.attrSpans } : {});
  });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const d of built.diagnostics) {
    const node = d.layer !== undefined ? byName.get(d.layer) : undefined;
    const span = node?.nameSpan ?? START;
    diagnostics.push({ ...d, message: d.byteOffset !== undefined ? atByte(d.byteOffset, d.message) : d.message, span });
  }
  if (Object.keys(opsets).length === 0) {
    diagnostics.push({
      severity: 'warning',
      message: 'the model declares no opset_import; assuming the newest default opset',
      byteOffset: 0,
      span: START,
    });
  }
  const first = built.inputs[0]?.shape;
  const graph: IRGraph = {
    format: 'onnx',
    name: (g?.name as string | undefined) ?? '',
    layout: 'NCHW',
    nodes,
    blobs: built.blobs,
    inputs: built.inputs,
    outputs: built.outputs,
    declaredBatch: first && first.length > 0 && first[0]! > 0 ? first[0]! : null,
    diagnostics,
    sourceText,
    opsets,
  };
  return { graph, diagnostics };
}
