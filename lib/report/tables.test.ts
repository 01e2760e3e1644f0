import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { toCsv, toMarkdown, toTable } from './tables';
import { formatInt, formatSI } from './format';

const NET = `input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "=HYPERLINK(\\"x\\")" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 2 kernel_size: 3 } }
layer { name: "a|b" type: "ReLU" bottom: "c" top: "c" }`;

describe('report tables', () => {
  it('CSV quotes formula-like names as text and keeps exact totals', () => {
    const csv = toCsv(analyzeText(NET));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'name,type,bottoms,tops,output_shapes,params,buffers,macs,flops,activation_bytes,weight_bytes',
    );
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""x"")",Convolution,data,c,1x2x6x6,56,0,1944,`)).toBe(true);
    expect(lines.at(-1)!.startsWith('TOTAL,,,,,56,0,1944,')).toBe(true);
  });

  it('Markdown escapes pipes and the text table has a totals block', () => {
    const a = analyzeText(NET);
    expect(toMarkdown(a)).toContain('| a\\|b | ReLU |');
    const table = toTable(a);
    expect(table).toMatch(/^TOTAL\s+2 layers/m);
    expect(table).toContain('MACs');
  });

  it('formats SI headlines and exact integers', () => {
    expect(formatSI(15_470_264_320)).toBe('15.5 G');
    expect(formatSI(568_740_352)).toBe('569 M');
    expect(formatInt(15_470_264_320)).toBe('15,470,264,320');
  });
});

describe('report tables: unknown and approximate figures', () => {
  const BROKEN = `input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 1e308 kernel_size: 3 } }
layer { name: "fc" type: "InnerProduct" bottom: "c" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "big" type: "InnerProduct" bottom: "data" top: "big" inner_product_param { num_output: 1000000000000000 } }`;

  // Lenient: num_output beyond uint32 reaches the ops instead of being refused by the schema.
  const lenient = { lenient: true } as const;

  it('CSV: "?" for unknown figures, "≈" beyond 2^53, and a TOTAL row that says it is a lower bound', () => {
    const lines = toCsv(analyzeText(BROKEN, lenient)).trim().split('\n');
    expect(lines[1]).toBe('c,Convolution,data,c,?,?,?,?,?,?,?');
    expect(lines[2]).toBe(
      'big,InnerProduct,data,big,1x1000000000000000,≈1.930e+17,0,≈1.920e+17,≈3.850e+17,4000000000000000,≈7.720e+17',
    );
    expect(lines[3]).toBe('fc,InnerProduct,c,fc,?,?,?,?,?,?,?');
    expect(lines[4]).toBe(
      'TOTAL (2 layers unknown: totals are lower bounds),,,,,≈1.930e+17,0,≈1.920e+17,≈3.850e+17,4000000000000000,≈7.720e+17',
    );
  });

  it('table and Markdown mark lower bounds with ≥ and explain both marks', () => {
    const a = analyzeText(BROKEN, lenient);
    const table = toTable(a);
    expect(table).toMatch(/^c \(!\)\s+Convolution\s+\?\s+\?\s+\?\s+\?\s+\?$/m);
    expect(table).toMatch(/^MACs\s+≥ ≈192 P\s+≈1\.920e\+17$/m);
    expect(table).toContain('2 layers unknown: totals are lower bounds (marked ≥)');
    expect(table).toContain('≈ marks a figure beyond 2^53');
    const md = toMarkdown(a);
    expect(md).toContain('**2 layers unknown: totals are lower bounds** (marked ≥).');
    expect(md).toContain('| activation memory (sum) | ≥ 4.00 PB | 4,000,000,000,000,000 |');
  });

  it('exact totals beyond 2^53 print their exact digits', () => {
    const layers = [0, 1, 2]
      .map(
        (i) =>
          `layer { name: "c${i}" type: "Convolution" bottom: "data" top: "c${i}" convolution_param { num_output: 2048 kernel_size: 3 pad: 1 } }`,
      )
      .join('\n');
    const a = analyzeText(`input: "data"\ninput_shape { dim: 4096 dim: 3 dim: 4096 dim: 4096 }\n${layers}`, {
      batch: 'declared',
    });
    const exact = (3n * 4096n * 2048n * 4096n * 4096n * 27n).toString();
    expect(toCsv(a).trim().split('\n').at(-1)!.split(',')[7]).toBe(exact);
    expect(toTable(a)).toContain(exact.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  });
});
