/** Public entry points of the framework-free core, shared by the app, workers, CLI and tests. */
export * from './ir';
export * from './analysis';
export { readModel, detectFormat } from './parse';
export type { ReadModelOptions, ModelInput } from './parse';
export { getOp, opTypeNames, OPS } from './ops';
export type { OpDefinition, OpCategory, RFAxis, ConvAlgorithms } from './ops';

import type { AnalysisResult, AnalyzeOptions } from './analysis';
import { analyze } from './analysis';
import { readModel, type ModelInput, type ReadModelOptions } from './parse';

/** Reads and analyses a model (text, or the bytes of a binary model) in one call. Never throws. */
export function analyzeText(text: ModelInput, options: ReadModelOptions & AnalyzeOptions = {}): AnalysisResult {
  const { graph } = readModel(text, options);
  return analyze(graph, options);
}
