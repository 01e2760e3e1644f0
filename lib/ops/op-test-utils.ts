import type { AttrMap, Shape, SourceSpan } from '../ir';
import { GraphBuilder } from '../ir/graph-builder';
import { analyze } from '../analysis/analyze';
import type { AnalysisResult, LayerResult } from '../analysis/types';

/** One hand-written layer of a test graph. */
export interface TestLayer {
  readonly name: string;
  readonly type: string;
  readonly bottoms?: readonly string[];
  readonly tops?: readonly string[];
  readonly attrs?: AttrMap;
  /** Dotted attr paths that get a synthetic span (line = index + 10, column = 5) for marker tests. */
  readonly spanFields?: readonly string[];
}

/** A test net's analysis with lookups by layer name and blob name. */
export interface TestNet {
  readonly result: AnalysisResult;
  layer(name: string): LayerResult;
  /** Shape of the latest version of a blob name. */
  shape(blob: string): Shape | null | undefined;
}

/** Synthetic span used for `spanFields`, so tests can assert that markers land on the field. */
export function fieldSpan(layerIndex: number): SourceSpan {
  return { offset: 100 * layerIndex, length: 4, line: layerIndex + 10, column: 5 };
}

/**
 * Builds a Caffe-format IR graph by hand (inputs as `input:` declarations) and analyses it,
 * so op tests do not depend on the prototxt reader.
 */
export function runNet(
  inputs: Readonly<Record<string, Shape>>,
  layers: readonly TestLayer[],
  options: { batch?: number } = {},
): TestNet {
  const b = new GraphBuilder('caffe', 'NCHW');
  for (const [name, shape] of Object.entries(inputs)) b.addInput({ name, shape, source: 'input_shape' });
  layers.forEach((l, i) => {
    const attrSpans: Record<string, SourceSpan> = {};
    for (const f of l.spanFields ?? []) attrSpans[f] = fieldSpan(i);
    b.addLayer({
      name: l.name,
      type: l.type,
      attrs: l.attrs ?? {},
      attrSpans,
      bottoms: l.bottoms ?? [],
      tops: l.tops ?? [l.name],
      nameSpan: { offset: 100 * i + 50, length: l.name.length, line: i + 10, column: 9 },
    });
  });
  const graph = b.build('test');
  const first = Object.values(inputs)[0];
  const result = analyze(graph, { batch: options.batch ?? first?.[0] ?? 1 });
  return {
    result,
    layer(name) {
      const l = result.layers.find((x) => x.name === name);
      if (!l) throw new Error(`no layer ${name}`);
      return l;
    },
    shape(blob) {
      let found: Shape | null | undefined;
      for (const [id, s] of result.blobShapes) {
        if (id === blob || id.startsWith(`${blob}@`)) found = s;
      }
      return found;
    },
  };
}
