import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LONG } from '../testing/long-lists';

/**
 * A list the input makes as long as it likes (layers, report rows, a node's inputs, an
 * attribute's values) must never become the arguments of one call: `layerscope analyze` of the
 * issue's 20 MB model (175,000 layers) died in `Math.max(...rows)` with "RangeError: Maximum call
 * stack size exceeded" after its analysis had succeeded. The checks run in a child process, on
 * Node's main thread as the CLI does (see lib/testing/long-lists.ts); the lint rule
 * no-restricted-syntax keeps such calls out of lib/, cli/ and components/.
 */
describe(`lists of ${LONG.toLocaleString('en')} items, on Node's main thread`, () => {
  let run: { status: number | null; stdout: string; stderr: string } = { status: null, stdout: '', stderr: '' };
  let facts: Record<string, Record<string, unknown>> = {};
  beforeAll(() => {
    const script = path.join(import.meta.dirname, '../testing/long-lists.ts');
    run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status === 0) facts = JSON.parse(run.stdout) as typeof facts;
  }, 120_000);

  it('the checks ran', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('reports: the text table, CSV and Markdown have a row per layer, columns as wide as the widest cell', () => {
    // The name column is as wide as "layer199999" (11 characters).
    expect(facts.table).toEqual({
      count: LONG,
      first: expect.stringMatching(/^layer0 {7}Convolution /),
      last: expect.stringMatching(/^layer199999 {2}ReLU /),
    });
    expect(facts.csv?.count).toBe(LONG);
    expect(facts.markdown?.count).toBe(LONG);
  });

  it('advise and diff: a row per suggestion, a row per changed layer', () => {
    expect(facts.advice).toEqual({ count: LONG, first: expect.stringMatching(/^s0 {7}\d/), last: expect.any(String) });
    expect(facts.diffTable).toEqual({
      count: LONG,
      first: expect.stringMatching(/^~ {2}other0 {7}Convolution .* renamed from layer0$/),
      last: expect.any(String),
    });
    expect(facts.diffMarkdown?.count).toBe(LONG);
  });

  it('ONNX: Max over 200,000 operands is folded; TfIdfVectorizer is max(ngram_indexes) + 1 wide; none empty', () => {
    expect(facts.onnxMax).toEqual({ bottoms: LONG, outputs: [[2]], value: [1, 5], errors: [] });
    expect(facts.onnxTfIdf).toEqual({ bottoms: 1, outputs: [[LONG]], value: null, errors: [] });
    expect(facts.onnxTfIdfEmpty).toEqual({
      bottoms: 1,
      outputs: [null],
      value: null,
      errors: [expect.stringMatching(/ngram_indexes is empty/)],
    });
  });
});
