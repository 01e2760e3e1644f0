import { describe, expect, it } from 'vitest';
import { allMessages } from '@/lib/parse/caffe/schema';
import {
  fieldMarkdown,
  fieldsAt,
  fieldSnippet,
  hoverMarkdown,
  valueContext,
  valueSuggestions,
} from './prototxt-schema';

const NET = [
  'name: "n"',
  'layer {',
  '  name: "c" type: "Convolution"',
  '  convolution_param { num_output: 8 kernel_size: 3 weight_filler { type: "xavier" } }',
  '}',
  'layer {',
  '  name: "p" type: "Pooling"',
  '  pooling_param { pool: MAX kernel_size: 3 ceil_mode: false }',
  '}',
  'layers { name: "v" type: CONVOLUTION3D }',
].join('\n');

/** Hover text for the `n`-th occurrence of `word` in NET. */
function hoverOn(word: string, n = 0): string | null {
  let at = -1;
  for (let i = 0; i <= n; i++) at = NET.indexOf(word, at + 1);
  const lineEnd = NET.indexOf('\n', at);
  return hoverMarkdown(NET.slice(0, at), word, NET.slice(at + word.length, lineEnd < 0 ? undefined : lineEnd));
}

describe('prototxt editor: completion and hover from the Caffe schema', () => {
  it('has a hover doc for every field of every message', () => {
    for (const m of allMessages())
      for (const f of m.fields) expect(fieldMarkdown(f), `${m.name}.${f.name}`).toContain(f.doc);
  });

  it('hovers on fields at every depth: num_output, kernel_size, weight_filler.type, pool, name', () => {
    expect(hoverOn('num_output')).toBe(
      '**num_output** · `uint32` · field 1 of ConvolutionParameter\n\nNumber of filters: the output channels.',
    );
    expect(hoverOn('kernel_size')).toContain('`repeated uint32` · field 4 of ConvolutionParameter');
    expect(hoverOn('kernel_size', 1)).toContain('`uint32` · field 2 of PoolingParameter');
    expect(hoverOn('type', 1)).toContain('field 1 of FillerParameter');
    expect(hoverOn('pool', 1)).toContain('Default: `MAX`\n\nOne of: `MAX`, `AVE`, `STOCHASTIC`');
    expect(hoverOn('name')).toContain('field 1 of NetParameter');
    expect(hoverOn('name', 1)).toContain('field 1 of LayerParameter');
    expect(hoverOn('name', 3)).toContain('field 4 of V1LayerParameter');
  });

  it('names the fork of a fork field, and documents enum values', () => {
    expect(hoverOn('ceil_mode')).toContain('From the **ceil_mode** fork (BVLC/caffe pull request #3057');
    expect(hoverOn('MAX')).toContain('**MAX** · value 0 of `PoolingParameter.PoolMethod`');
    expect(hoverOn('CONVOLUTION3D')).toContain('C3D 3-D convolution');
    expect(hoverOn('CONVOLUTION3D')).toContain('From the **C3D** fork');
    expect(hoverOn('nope_field_that_is_absent')).toBeNull();
  });

  it('completes fields type-aware: blocks for messages, quotes for strings', () => {
    const conv = fieldsAt(['layer', 'convolution_param']);
    expect(conv.map((f) => f.name).slice(0, 3)).toEqual(['num_output', 'bias_term', 'pad']);
    expect(fieldSnippet(conv.find((f) => f.name === 'weight_filler')!)).toBe('weight_filler {\n\t$0\n}');
    expect(fieldSnippet(conv.find((f) => f.name === 'num_output')!)).toBe('num_output: ');
    expect(fieldSnippet(fieldsAt(['layer']).find((f) => f.name === 'type')!)).toBe('type: "$0"');
    expect(fieldsAt(['layer', 'nope'])).toEqual([]);
  });

  it('completes enum values and booleans after field:', () => {
    expect(valueContext('  pooling_param { pool: MA')).toEqual({ field: 'pool', partial: 'MA' });
    expect(valueContext('  name: "x"')).toBeNull();
    expect(valueSuggestions(['layer', 'pooling_param'], 'pool')?.map((v) => v.label)).toEqual([
      'MAX',
      'AVE',
      'STOCHASTIC',
    ]);
    expect(valueSuggestions(['layer', 'pooling_param'], 'global_pooling')).toEqual([
      { label: 'true', doc: '' },
      { label: 'false', doc: 'the default' },
    ]);
    expect(valueSuggestions(['layer', 'pooling_param'], 'kernel_size')).toBeNull();
    const v1 = valueSuggestions(['layers'], 'type')!;
    expect(v1.find((v) => v.label === 'POOLING3D')?.doc).toContain('C3D');
  });
});
