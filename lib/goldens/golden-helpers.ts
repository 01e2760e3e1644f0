import type { Shape } from '../ir';
import { analyzeText } from '../index';
import type { AnalysisResult } from '../analysis/types';
import { readCorpus } from '../testing/corpus';

const cache = new Map<string, AnalysisResult>();

/**
 * Test-only: analyses one corpus file (cached per file, batch and input override so the
 * large models are read once per test file).
 */
export function analyzeCorpus(
  kind: 'caffe' | 'keras',
  file: string,
  batch: number | 'declared' = 1,
  input?: Shape,
): AnalysisResult {
  const key = `${kind}/${file}@${batch}@${input?.join('x') ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const text = readCorpus(kind, file);
  let result = analyzeText(text, { batch });
  if (input) {
    const first = result.inputs[0];
    if (first) result = analyzeText(text, { batch, inputs: { [first.name]: input } });
  }
  cache.set(key, result);
  return result;
}

/** Error diagnostics formatted with their positions, for readable failures. */
export function errorsOf(result: AnalysisResult): string[] {
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.span ? `${d.span.line}:${d.span.column} ` : ''}${d.message}`);
}
