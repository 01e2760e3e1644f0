/**
 * Stands in for lib/parse/onnx in the analysis worker's script (scripts/copy-assets.mjs resolves
 * lib/parse/index.ts's `./onnx` here): the same functions, which load the ONNX part on first use.
 * Only binary input reaches them (text goes to the text readers), and binary input is ONNX.
 */
import type { Diagnostic } from '../../ir';
import { GraphBuilder } from '../../ir/graph-builder';
import type { looksLikeOnnx as LooksLikeOnnx, readOnnx as ReadOnnx } from '../../parse/onnx';
import { onnxPart } from './load';
import type { OnnxPart } from './part';

function tryPart(): OnnxPart | string {
  try {
    return onnxPart();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Binary data goes to readOnnx, which says so when the reader cannot be loaded. */
export const looksBinary = (bytes: Uint8Array): boolean => {
  const p = tryPart();
  return typeof p === 'string' ? true : p.looksBinary(bytes);
};

export const looksLikeOnnx: typeof LooksLikeOnnx = (bytes) => {
  const p = tryPart();
  return typeof p === 'string' ? true : p.looksLikeOnnx(bytes);
};

/** Never throws, as the reader it stands for: a reader that cannot be loaded is the model's one error. */
export const readOnnx: typeof ReadOnnx = (bytes, options) => {
  const p = tryPart();
  if (typeof p !== 'string') return p.readOnnx(bytes, options);
  const diagnostics: Diagnostic[] = [
    {
      severity: 'error',
      message: `byte 0: the ONNX reader could not be loaded (${p.slice(0, 200)}); reload the page`,
      byteOffset: 0,
      span: { offset: 0, length: 0, line: 1, column: 1 },
    },
  ];
  return { graph: new GraphBuilder('onnx', 'NCHW').build('', diagnostics), diagnostics };
};
