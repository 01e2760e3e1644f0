import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import type { AnalysisResult, LayerResult } from '../analysis/types';

/**
 * Inconsistent spatial parameters, read from real prototxt text: each gets an error on the
 * offending field's span, the layer is broken (not the model), layers downstream of it get
 * unknown shapes and no counts, and every other layer is still analysed.
 */

function L(r: AnalysisResult, name: string): LayerResult {
  const l = r.layers.find((x) => x.name === name);
  if (!l) throw new Error(`no layer ${name}`);
  return l;
}

const HEADER = `name: "bad"
input: "data"
input_shape { dim: 1 dim: 8 dim: 5 dim: 5 }
`;

/** A layer block whose parameter lines start at a known line: line of the layer + 5. */
function layer(name: string, type: string, bottom: string, block: string, params: string[]): string {
  return [
    'layer {',
    `  name: "${name}"`,
    `  type: "${type}"`,
    `  bottom: "${bottom}"`,
    `  top: "${name}"`,
    `  ${block} {`,
    ...params.map((p) => `    ${p}`),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Downstream and sibling layers shared by every case: relu + fc after the bad layer, a good conv beside it. */
function withNeighbours(bad: string, badName: string): string {
  return (
    HEADER +
    bad +
    `layer { name: "relu" type: "ReLU" bottom: "${badName}" top: "${badName}" }\n` +
    `layer { name: "fc" type: "InnerProduct" bottom: "${badName}" top: "fc" inner_product_param { num_output: 10 } }\n` +
    `layer { name: "good" type: "Convolution" bottom: "data" top: "good" convolution_param { num_output: 4 kernel_size: 3 } }\n`
  );
}

function expectContained(r: AnalysisResult, bad: string): void {
  expect(L(r, bad).status).toBe('broken');
  expect(L(r, bad).outputs).toEqual([null]);
  expect(L(r, bad).macs).toBe(0);
  // Downstream: unknown shapes, no counts, but no cascade of errors either.
  expect(L(r, 'relu').outputs).toEqual([null]);
  expect(L(r, 'fc').outputs).toEqual([null]);
  expect(L(r, 'fc').macs).toBe(0);
  expect(L(r, 'fc').status).toBe('ok');
  // The sibling is fully analysed and counted.
  expect(L(r, 'good').outputs[0]).toEqual([1, 4, 3, 3]);
  expect(L(r, 'good').macs).toBe(4 * 9 * 8 * 9);
  expect(r.totals.macs).toBe(4 * 9 * 8 * 9);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
}

describe('bad spatial parameters in prototxt', () => {
  it('kernel larger than the padded input → error on kernel_size', () => {
    // HEADER is 3 lines; the layer starts on line 4, its params on line 10.
    const text = withNeighbours(
      layer('big', 'Convolution', 'data', 'convolution_param', ['num_output: 4', 'kernel_size: 9', 'pad: 1']),
      'big',
    );
    const r = analyzeText(text);
    const d = L(r, 'big').diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.message).toBe('big: kernel 9 is larger than the padded input 7 (5 + 2·1) on axis H');
    expect(d.span).toMatchObject({ line: 11, column: 5 });
    expect(text.slice(d.span!.offset, d.span!.offset + d.span!.length)).toBe('kernel_size: 9');
    expectContained(r, 'big');
  });

  it('channels not divisible by group → error on group', () => {
    const text = withNeighbours(
      layer('grp', 'Convolution', 'data', 'convolution_param', ['num_output: 6', 'kernel_size: 3', 'group: 3']),
      'grp',
    );
    const r = analyzeText(text);
    const d = L(r, 'grp').diagnostics[0]!;
    expect(d.message).toBe('grp: input channels 8 are not divisible by group 3');
    expect(d.span).toMatchObject({ line: 12, column: 5 });
    expectContained(r, 'grp');
  });

  it('num_output not divisible by group → error on group', () => {
    const text = withNeighbours(
      layer('grp', 'Convolution', 'data', 'convolution_param', ['num_output: 6', 'kernel_size: 3', 'group: 4']),
      'grp',
    );
    const r = analyzeText(text);
    expect(L(r, 'grp').diagnostics[0]!.message).toBe('grp: num_output 6 is not divisible by group 4');
    expectContained(r, 'grp');
  });

  it('deconvolution output ≤ 0 → error on pad', () => {
    const text = withNeighbours(
      layer('up', 'Deconvolution', 'data', 'convolution_param', ['num_output: 4', 'kernel_size: 2', 'pad: 5']),
      'up',
    );
    const r = analyzeText(text);
    const d = L(r, 'up').diagnostics[0]!;
    expect(d.message).toBe('up: output size -4 on axis H is not positive (stride·(in−1) + kernel − 2·pad with pad 5)');
    expect(d.span).toMatchObject({ line: 12, column: 5 });
    expectContained(r, 'up');
  });

  it('pooling window larger than the padded input (output ≤ 0) → error on kernel_size', () => {
    const text = withNeighbours(
      layer('pool', 'Pooling', 'data', 'pooling_param', ['pool: MAX', 'kernel_size: 8', 'stride: 1']),
      'pool',
    );
    const r = analyzeText(text);
    const d = L(r, 'pool').diagnostics[0]!;
    expect(d.message).toBe('pool: kernel 8 is larger than the padded input 5 on axis H (output size -2)');
    expect(d.span).toMatchObject({ line: 11, column: 5 });
    expectContained(r, 'pool');
  });

  it('kernel_size 0 and a missing num_output point at their fields', () => {
    const k0 = analyzeText(
      withNeighbours(
        layer('k0', 'Convolution', 'data', 'convolution_param', ['num_output: 4', 'kernel_size: 0']),
        'k0',
      ),
    );
    expect(L(k0, 'k0').diagnostics[0]!.message).toBe(
      'k0: kernel_size 0 is not allowed (filter dimensions must be nonzero)',
    );
    expect(L(k0, 'k0').diagnostics[0]!.span).toMatchObject({ line: 11, column: 5 });
    expectContained(k0, 'k0');

    const noOut = analyzeText(
      withNeighbours(layer('n', 'Convolution', 'data', 'convolution_param', ['kernel_size: 3']), 'n'),
    );
    expect(L(noOut, 'n').diagnostics[0]!.message).toBe('n: num_output is missing (required for Convolution)');
    expect(L(noOut, 'n').diagnostics[0]!.span).toMatchObject({ line: 9, column: 3 });
    expectContained(noOut, 'n');
  });
});
