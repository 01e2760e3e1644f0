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
    expect(lines[0]).toBe('name,type,bottoms,tops,output_shapes,params,buffers,macs,flops,activation_bytes,weight_bytes');
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
