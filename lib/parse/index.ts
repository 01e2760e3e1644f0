import type { Diagnostic, ModelFormat, ReadOptions, ReadResult } from '../ir';
import { GraphBuilder } from '../ir/graph-builder';
import { readCaffe } from './caffe';
import { readCaffeJson } from './json';
import { readKeras } from './keras';
import { detectFormat as detectTextFormat } from './detect-format';
import { looksBinary, looksLikeOnnx, readOnnx } from './onnx';
import { utf8Text } from './onnx/text-bytes';

export interface ReadModelOptions extends ReadOptions {
  /** Force a format instead of detecting it from the content. */
  readonly from?: ModelFormat;
  /** Name of the file the model came from (binary models show it in their text form). */
  readonly fileName?: string;
}

/** A model as the user gave it: text, or the bytes of a file (binary formats: ONNX). */
export type ModelInput = string | Uint8Array;

/**
 * Guesses the format from content: ONNX protobuf bytes (or any binary data, so a damaged .onnx
 * file gets the ONNX reader's positioned error) → onnx; text by `detect-format` (kept apart from
 * the readers so the page's first script can use it without them).
 */
export function detectFormat(input: ModelInput): ModelFormat {
  if (typeof input !== 'string') {
    return looksLikeOnnx(input) || looksBinary(input) ? 'onnx' : detectTextFormat(utf8Text(input));
  }
  return detectTextFormat(input);
}

/** Reads a model in any supported format into the IR. Never throws. */
export function readModel(input: ModelInput, options: ReadModelOptions = {}): ReadResult & { format: ModelFormat } {
  const format = options.from ?? detectFormat(input);
  if (format === 'onnx') {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    return { ...readOnnx(bytes, options.fileName !== undefined ? { fileName: options.fileName } : {}), format };
  }
  const text = typeof input === 'string' ? input : utf8Text(input);
  try {
    const result =
      format === 'caffe'
        ? readCaffe(text, options)
        : format === 'caffe-json'
          ? readCaffeJson(text, options)
          : readKeras(text, options);
    return { ...result, format };
  } catch (err) {
    // A reader bug must not take the caller down: the model becomes one positioned error.
    const message = err instanceof Error ? err.message : String(err);
    const diagnostics: Diagnostic[] = [
      {
        severity: 'error',
        message: `internal error while reading the model (${message.slice(0, 200)}); please report it with this file`,
        span: { offset: 0, length: Math.min(1, text.length), line: 1, column: 1 },
      },
    ];
    const graph = new GraphBuilder(format, format === 'keras' ? 'NHWC' : 'NCHW').build('', diagnostics);
    return { graph, diagnostics, format };
  }
}
