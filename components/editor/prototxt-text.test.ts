import { describe, expect, it } from 'vitest';
import {
  braceFoldingRanges,
  enclosingMessages,
  formatPrototxt,
  inTypeString,
  reindentPrototxt,
  wordAt,
} from './prototxt-text';

const NET = [
  'name: "n" # a { comment',
  'layer {',
  '  name: "conv{1}"',
  '  type: "Convolution"',
  '  convolution_param {',
  '    num_output: 8',
  '  }',
  '}',
  'layer { name: "r" type: "ReLU" }',
].join('\n');

describe('prototxt editor helpers', () => {
  it('finds the enclosing messages, ignoring braces in strings and comments', () => {
    const at = (needle: string) => NET.slice(0, NET.indexOf(needle));
    expect(enclosingMessages(at('num_output'))).toEqual(['layer', 'convolution_param']);
    expect(enclosingMessages(at('type: "Conv'))).toEqual(['layer']);
    expect(enclosingMessages(at('layer { name: "r"'))).toEqual([]);
    expect(enclosingMessages('layer { param: { lr_mult: 1 ')).toEqual(['layer', 'param']);
  });

  it('detects a cursor inside a type string', () => {
    expect(inTypeString('  type: "Con')).toBe(true);
    expect(inTypeString('  type: "Conv" ')).toBe(false);
    expect(inTypeString('  name: "Con')).toBe(false);
  });

  it('folds multi-line blocks only, keeping the closing brace visible', () => {
    expect(braceFoldingRanges(NET)).toEqual([
      { start: 2, end: 7 },
      { start: 5, end: 6 },
    ]);
  });

  it('re-indents by depth without touching strings or joining lines', () => {
    const messy = 'layer {\nname: "a{"\n   convolution_param {\nnum_output: 1   \n}\n\n\n\n}\n';
    expect(reindentPrototxt(messy)).toBe('layer {\n  name: "a{"\n  convolution_param {\n    num_output: 1\n  }\n\n}\n');
    expect(formatPrototxt(messy)).toBe('layer {\n  name: "a{"\n  convolution_param {\n    num_output: 1\n  }\n}\n');
    expect(formatPrototxt(formatPrototxt(NET))).toBe(formatPrototxt(NET));
  });

  it('finds the word under a column', () => {
    expect(wordAt('  type: "Convolution"', 12)).toEqual({ word: 'Convolution', start: 9, end: 20 });
    expect(wordAt('  : ', 2)).toBeNull();
  });
});
