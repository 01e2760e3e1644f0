import type { Diagnostic, ModelFormat, ReadOptions, ReadResult } from '../ir';
import { GraphBuilder } from '../ir/graph-builder';
import { readCaffe } from './caffe';
import { readCaffeJson } from './json';
import { readKeras } from './keras';
import { detectFormat } from './detect-format';

export { detectFormat };

export interface ReadModelOptions extends ReadOptions {
  /** Force a format instead of detecting it from the content. */
  readonly from?: ModelFormat;
}

/** Reads a model in any supported format into the IR. Never throws. */
export function readModel(text: string, options: ReadModelOptions = {}): ReadResult & { format: ModelFormat } {
  const format = options.from ?? detectFormat(text);
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
