import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../ir/graph-builder';
import { FUZZ_FORMATS, mutationFormat, type FuzzFormat, type FuzzInput } from './formats';
import { describeFailure, generateCase, runFuzz } from './run';

/**
 * The fuzz run inside `npm test`: a fixed seed and case count, so a failure reproduces with
 * `npm run fuzz -- --seed 20261 --case N`. Long runs: `npm run fuzz -- --cases 100000`.
 * The hang bound here is generous (a loaded 2-core CI machine); real hangs take minutes.
 */
const SEED = 20261;
const CASES = 1000;

describe('fuzz: damaged corpus models through every reader, the analysis and the report formats', () => {
  it(`${CASES} seeded cases: no throw, no hang, no NaN/Infinity, every error positioned, big figures marked`, () => {
    const summary = runFuzz({ seed: SEED, count: CASES, hangMs: 10_000 });
    const report = summary.failures.map((f) => describeFailure(SEED, f)).join('\n');
    expect(report).toBe('');
    expect(summary.cases).toBe(CASES);
    expect(Object.values(summary.byKind).every((n) => n === 0)).toBe(true);
  }, 240_000);

  it('cases cycle through the formats, are damaged, and reproduce from seed and index', () => {
    expect(FUZZ_FORMATS.map((f) => f.name)).toEqual(['prototxt', 'caffe-json', 'keras', 'onnx']);
    const cases = Array.from({ length: 30 }, (_, i) => generateCase(7, i).fuzzCase);
    expect(cases.slice(0, 4).map((c) => c.format)).toEqual(['prototxt', 'caffe-json', 'keras', 'onnx']);
    expect(new Set(cases.map((c) => c.input)).size).toBe(30);
    expect(new Set(cases.flatMap((c) => c.mutators)).size).toBeGreaterThan(8);
    expect(generateCase(7, 12).fuzzCase.input).toBe(cases[12]!.input);
  });

  it('catches a reader that throws, hangs, or reports an error without a position', () => {
    const spec = {
      name: 'planted',
      ext: 'txt',
      seeds: () => [{ name: 'one', input: 'layer { name: "a" }' }],
      mutators: [{ name: 'same', apply: (t: string) => t }],
      accept: (i: FuzzInput) => String(i),
      read: (text: string) => {
        const graph = new GraphBuilder('caffe', 'NCHW').build('x', [{ severity: 'error', message: 'no position' }]);
        if (text.includes('a')) throw new TypeError('planted bug');
        return { graph, diagnostics: graph.diagnostics };
      },
    };
    const planted: FuzzFormat = mutationFormat(spec);
    const s = runFuzz({ seed: 1, count: 2, formats: [planted] });
    expect(s.byKind.crash).toBe(2);
    expect(describeFailure(1, s.failures[0]!)).toMatch(
      /^case 0 \(planted, seed model one, same(\+same)*, batch .*\)\n {2}crash: TypeError: planted bug/,
    );
    expect(describeFailure(1, s.failures[0]!)).toContain('reproduce: npm run fuzz -- --seed 1 --case 0');
    const quiet = mutationFormat({ ...spec, name: 'quiet', mutators: [{ name: 'blank', apply: () => 'b' }] });
    const q = runFuzz({ seed: 1, count: 1, formats: [quiet], hangMs: -1 });
    expect(q.byKind.unpositioned).toBe(1);
    expect(q.byKind.hang).toBe(1);
  });
});
