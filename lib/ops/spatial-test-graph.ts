import type { AttrMap, Shape, SourceSpan } from '../ir';
import { GraphBuilder } from '../ir/graph-builder';
import { analyze } from '../analysis/analyze';
import type { AnalysisResult, LayerResult } from '../analysis/types';

/** One hand-written Caffe layer for op unit tests (bottom defaults to the previous layer's top). */
export interface TestLayer {
  name: string;
  type: string;
  attrs?: AttrMap;
  bottoms?: string[];
  tops?: string[];
  attrSpans?: Record<string, SourceSpan>;
}

/** Test-only: builds a Caffe-style graph with one input blob `data` (plus `extra` inputs) and analyses it. */
export function analyzeLayers(
  input: Shape,
  layers: readonly TestLayer[],
  extra: Record<string, Shape> = {},
  batch: number | 'declared' = 'declared',
): AnalysisResult {
  const b = new GraphBuilder('caffe', 'NCHW');
  b.addInput({ name: 'data', shape: input, source: 'input_shape' });
  for (const [name, shape] of Object.entries(extra)) b.addInput({ name, shape, source: 'input_shape' });
  let prev = 'data';
  for (const l of layers) {
    const tops = l.tops ?? [l.name];
    b.addLayer({
      name: l.name,
      type: l.type,
      attrs: l.attrs ?? {},
      bottoms: l.bottoms ?? [prev],
      tops,
      ...(l.attrSpans ? { attrSpans: l.attrSpans } : {}),
    });
    prev = tops[0]!;
  }
  return analyze(b.build('test'), { batch });
}

/** The named layer's result; throws (a test failure) when absent. */
export function layer(result: AnalysisResult, name: string): LayerResult {
  const l = result.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name}`);
  return l;
}

/** A span at line:column, for diagnostics tests. */
export function spanAt(line: number, column: number, length = 1): SourceSpan {
  return { offset: 0, length, line, column };
}
