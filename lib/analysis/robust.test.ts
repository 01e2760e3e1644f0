import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { toCsv, toMarkdown, toReportJson, toTable } from '../report';
import { exactDigits, isApprox, MAX_EXACT, TOTAL_KEYS } from './figures';
import type { AnalysisResult } from './types';

/** Every count figure of a result: layers and totals. */
function allFigures(a: AnalysisResult): number[] {
  const out: number[] = [];
  for (const l of a.layers) out.push(l.params, l.buffers, l.macs, l.flops, l.activationBytes, l.weightBytes);
  for (const k of TOTAL_KEYS) out.push(a.totals[k]);
  return out;
}

const conv = (blob: string, out = 'c') =>
  `layer { name: "conv" type: "Convolution" bottom: "${blob}" top: "${out}" convolution_param { num_output: 2 kernel_size: 3 } }`;

describe('analysis: names that are Object.prototype members', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'a blob named %s (top of an Input layer, a net input, a middle blob) is an ordinary blob',
    (name) => {
      const viaInput = `layer { name: "in" type: "Input" top: "${name}" input_param { shape { dim: 1 dim: 3 dim: 8 dim: 8 } } }\n${conv(name)}`;
      const viaNetInput = `input: "${name}"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n${conv(name)}`;
      const middle = `input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "${name}" type: "ReLU" bottom: "data" top: "${name}" }\n${conv(name)}`;
      for (const text of [viaInput, viaNetInput, middle]) {
        const a = analyzeText(text);
        expect(a.diagnostics).toEqual([]);
        const c = a.layers.find((l) => l.name === 'conv')!;
        expect(c.outputs).toEqual([[1, 2, 6, 6]]);
        expect(c.macs).toBe(2 * 36 * 27);
      }
      // As a shape override key too (CLI --input, the input-shape control).
      const a = analyzeText(viaNetInput, { inputs: { [name]: [1, 3, 10, 10] } });
      expect(a.layers.find((l) => l.name === 'conv')!.outputs).toEqual([[1, 2, 8, 8]]);
    },
  );

  it('an override for a name the model lacks, or an unusable one, changes nothing silently', () => {
    const text = `input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n${conv('data')}`;
    const a = analyzeText(text, { inputs: { data: [1, 3, 1e300, 8] } });
    expect(a.diagnostics).toMatchObject([
      {
        severity: 'error',
        message: `shape override for "data" ignored: dimension 2 is beyond 2^53 (${MAX_EXACT}), too large to count exactly`,
        span: { line: 1, column: 1 },
      },
    ]);
    expect(a.layers[0]!.outputs).toEqual([[1, 2, 6, 6]]);
  });
});

describe('analysis: big numbers are exact, marked approximate, or an error; never NaN or Infinity', () => {
  const input = `input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n`;
  // A num_output beyond uint32 is a schema error that breaks the layer before any op runs;
  // lenient reading hands the value to the ops, which is what these tests exercise.
  const lenient = { lenient: true } as const;

  it('num_output: 1e308 is an error at the layer, and no figure anywhere is NaN or Infinity', () => {
    const text = `${input}layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 1e308 kernel_size: 3 } }
layer { name: "fc" type: "InnerProduct" bottom: "c" top: "fc" inner_product_param { num_output: 1e308 } }
layer { name: "fc2" type: "InnerProduct" bottom: "data" top: "fc2" inner_product_param { num_output: 1e308 } }`;
    const a = analyzeText(text, lenient);
    for (const v of allFigures(a)) expect(Number.isFinite(v)).toBe(true);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.message, d.span?.line, d.span?.column])).toEqual([
      [
        `c: output c has shape 1×1e+308×6×6: dimension 1 is beyond 2^53 (${MAX_EXACT}), too large to count exactly`,
        3,
        9,
      ],
      ['c: params figure is beyond the range of a double (~1.8e308); counted as unknown', 3, 9],
      [
        `fc2: output fc2 has shape 1×1e+308: dimension 1 is beyond 2^53 (${MAX_EXACT}), too large to count exactly`,
        5,
        9,
      ],
      ['fc2: params figure is beyond the range of a double (~1.8e308); counted as unknown', 5, 9],
    ]);
    // c and fc2 are broken; fc reads c's unknown output: three layers' figures are unknown.
    expect(a.totals.unknownLayers).toBe(3);
    expect(a.totals.activationBytes).toBe(0);
    expect(a.totals.peakActivationBytes).toBe(3 * 64 * 4);
    // Every view renders, with no NaN or Infinity in it.
    for (const out of [toTable(a), toCsv(a), toMarkdown(a), JSON.stringify(toReportJson(a))]) {
      expect(out).not.toMatch(/NaN|Infinity|null,\s*"buffers"/);
    }
  });

  it('figures beyond 2^53 are kept and marked approximate, in the result and the JSON report', () => {
    // 10^15 outputs × 193 inputs: params 1.93e17 and MACs 1.92e17, beyond 2^53 ≈ 9.007e15.
    const text = `${input}layer { name: "fc" type: "InnerProduct" bottom: "data" top: "fc" inner_product_param { num_output: 1000000000000000 } }`;
    const a = analyzeText(text, lenient);
    const fc = a.layers[0]!;
    // Only the schema's warning that 10^15 is out of uint32's range.
    expect(a.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(fc.macs).toBe(192e15);
    expect(fc.approx).toEqual(['params', 'macs', 'flops', 'weightBytes']);
    expect(isApprox(fc, 'activationBytes')).toBe(false);
    expect(fc.activationBytes).toBe(4e15);
    expect(a.totals.approx).toEqual(['params', 'macs', 'flops', 'weightBytes']);
    expect(exactDigits(a.totals, 'macs', a.totals.macs)).toBeUndefined();
    expect(exactDigits(a.totals, 'activationBytes', a.totals.activationBytes)).toBe('4000000000000000');
    const json = toReportJson(a);
    expect(json.totals.approx).toEqual(['params', 'macs', 'flops', 'weightBytes']);
    expect(json.layers[0]!.approx).toEqual(['params', 'macs', 'flops', 'weightBytes']);
  });

  it('totals beyond 2^53 made of exact layer figures are summed exactly (BigInt digits)', () => {
    // Each conv: 4096 × 4096 × 2048 × 3 × 9 MACs ≈ 9.28e11 at batch 2^12 ≈ 3.8e15, below 2^53; three exceed it.
    const layers = [0, 1, 2]
      .map(
        (i) =>
          `layer { name: "c${i}" type: "Convolution" bottom: "data" top: "c${i}" convolution_param { num_output: 2048 kernel_size: 3 pad: 1 } }`,
      )
      .join('\n');
    const text = `input: "data"\ninput_shape { dim: 4096 dim: 3 dim: 4096 dim: 4096 }\n${layers}`;
    const a = analyzeText(text, { batch: 'declared' });
    const per = 4096n * 2048n * 4096n * 4096n * 27n;
    expect(a.layers[0]!.macs).toBe(Number(per));
    expect(a.layers[0]!.approx).toBeUndefined();
    expect(a.totals.macs).toBeGreaterThan(MAX_EXACT);
    expect(a.totals.exact?.macs).toBe((3n * per).toString());
    expect(exactDigits(a.totals, 'macs', a.totals.macs)).toBe((3n * per).toString());
    expect(toReportJson(a).totals.exact?.macs).toBe((3n * per).toString());
  });

  it('a batch of 2^31 pushes figures past 2^53: marked, never NaN', () => {
    const net = `input: "data"\ninput_shape { dim: 1 dim: 3 dim: 224 dim: 224 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 64 kernel_size: 3 } }`;
    const a = analyzeText(net, { batch: 2 ** 31 });
    const c = a.layers[0]!;
    expect(c.macs).toBe(2 ** 31 * 64 * 222 * 222 * 27);
    expect(c.approx).toEqual(['macs', 'flops', 'activationBytes']);
    for (const v of allFigures(a)) expect(Number.isFinite(v)).toBe(true);
  });
});
