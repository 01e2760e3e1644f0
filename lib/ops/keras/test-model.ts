import type { AnalysisResult, AnalyzeOptions, LayerResult } from '../../analysis';
import { analyze } from '../../analysis';
import { readKeras } from '../../parse/keras';

/** A layer for `sequentialJson`: class name and config (its name defaults to `l<index>`). */
export type LayerSpec = readonly [cls: string, config?: Record<string, unknown>];

/**
 * Test helper: the `to_json()` text of a Keras Sequential model with an InputLayer of
 * `batchShape` (batch None) followed by `layers`, pretty-printed one key per line.
 */
export function sequentialJson(batchShape: readonly number[], layers: readonly LayerSpec[]): string {
  const entries = [
    { class_name: 'InputLayer', config: { batch_input_shape: [null, ...batchShape], name: 'input' } },
    ...layers.map(([cls, config], i) => ({ class_name: cls, config: { name: `l${i + 1}`, ...config } })),
  ];
  return JSON.stringify({ class_name: 'Sequential', config: { name: 'test', layers: entries } }, null, 2);
}

/** Test helper: reads and analyses Keras JSON text. */
export function analyzeKerasText(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyze(readKeras(text).graph, options);
}

/** Test helper: analyses a Sequential of `layers` and returns the result of the layer named `l<n>` (default: the last). */
export function runLayers(
  batchShape: readonly number[],
  layers: readonly LayerSpec[],
  n = layers.length,
): { layer: LayerResult; result: AnalysisResult } {
  const result = analyzeKerasText(sequentialJson(batchShape, layers));
  const layer = result.layers.find((l) => l.name === `l${n}`);
  if (!layer) throw new Error(`no layer l${n}`);
  return { layer, result };
}
