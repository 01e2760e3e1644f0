/**
 * `node --import tsx lib/testing/long-lists.ts`: builds reports and models whose lists are
 * longer than one call's arguments can be on Node's main thread, and prints what came out as
 * JSON (lib/analysis/long-lists.test.ts runs it and checks the figures). A separate process,
 * because vitest runs tests in worker threads, whose larger stack (4 MB) takes ~500,000
 * arguments: there `Math.max(...rows)` of 200,000 rows passes, where the CLI's main thread
 * (~1 MB) overflowed at ~125,000.
 */
import { adviceToTable, adviseModel } from '../advisor';
import { analyze, type AnalysisResult } from '../analysis';
import { diffAnalyses, diffToMarkdown, diffToTable } from '../diff';
import { analyzeText } from '../index';
import { readModel } from '../parse';
import { toCsv, toMarkdown, toTable } from '../report';
import { buildModel, node } from './onnx-build';

export const LONG = 200_000;

export const SMALL_MODEL = `input: "data"
input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
`;

/** Text lines matching `re`: how many, and the first and last. */
function lines(text: string, re: RegExp): { count: number; first?: string; last?: string } {
  const hits = text.split('\n').filter((l) => re.test(l));
  return { count: hits.length, ...(hits.length > 0 ? { first: hits[0], last: hits.at(-1) } : {}) };
}

function attempt<T>(fn: () => T): T | { threw: string } {
  try {
    return fn();
  } catch (err) {
    return { threw: String(err) };
  }
}

export function longListFacts(): Record<string, unknown> {
  const a0 = analyzeText(SMALL_MODEL);
  // The small model's layers repeated, each with a name of its own.
  const layers = Array.from({ length: LONG }, (_, i) => ({ ...a0.layers[i % a0.layers.length]!, name: `layer${i}` }));
  const a: AnalysisResult = { ...a0, layers };
  const suggestions = adviseModel({ text: SMALL_MODEL, analysis: a0 }, { all: true });
  const many = Array.from({ length: LONG }, (_, i) => ({ ...suggestions[i % suggestions.length]!, id: `s${i}` }));
  // Every layer renamed: each is matched to its old self, one changed row.
  const b: AnalysisResult = { ...a, layers: layers.map((l, i) => ({ ...l, name: `other${i}` })) };
  const max = buildModel({
    inputs: [],
    outputs: ['float[2] y'],
    // One constant named as every operand: a node with LONG inputs in a small file.
    nodes: [node('Max', Array<string>(LONG).fill('c'), ['y'])],
    initializers: [{ name: 'c', dtype: 'float', dims: [2], values: [1, 5] }],
  });
  const tfidf = (ngramIndexes: number[]) =>
    buildModel({
      inputs: ['int64[12] x'],
      outputs: ['float y'],
      nodes: [
        node('TfIdfVectorizer', ['x'], ['y'], {
          mode: 'TF',
          min_gram_length: 1,
          max_gram_length: 1,
          max_skip_count: 0,
          ngram_counts: [0],
          ngram_indexes: ngramIndexes,
          pool_int64s: ngramIndexes.map((_, i) => i),
        }),
      ],
    });
  const onnxFacts = (bytes: Uint8Array) => {
    const r = analyze(readModel(bytes).graph);
    const l = r.layers[0]!;
    return {
      bottoms: l.bottoms.length,
      outputs: l.outputs,
      value: r.blobFacts?.get(l.tops[0]!)?.value ?? null,
      errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    };
  };
  return {
    table: attempt(() => lines(toTable(a), /^layer\d+ /)),
    csv: attempt(() => lines(toCsv(a), /^layer\d+,/)),
    markdown: attempt(() => lines(toMarkdown(a), /^\| layer\d+ /)),
    advice: attempt(() => lines(adviceToTable(many), /^s\d+ /)),
    ...attempt(() => {
      const d = diffAnalyses(a, b);
      return {
        diffTable: attempt(() => lines(diffToTable(d), /^~ /)),
        diffMarkdown: attempt(() => lines(diffToMarkdown(d), /renamed from/)),
      };
    }),
    onnxMax: attempt(() => onnxFacts(max)),
    onnxTfIdf: attempt(() => onnxFacts(tfidf(Array.from({ length: LONG }, (_, i) => LONG - 1 - i)))),
    onnxTfIdfEmpty: attempt(() => onnxFacts(tfidf([]))),
  };
}

if (process.argv[1] && /long-lists\.ts$/.test(process.argv[1])) console.log(JSON.stringify(longListFacts()));
