import { describe, expect, it } from 'vitest';
import { readModel } from '@/lib/parse';
import { analyze } from '@/lib/analysis';
import { corpusAvailable, listCorpus, readCorpus } from '@/lib/testing/corpus';
import { restructurePrototxt } from './prototxt-format';
import { formatPrototxt } from './prototxt-text';

describe('prototxt format', () => {
  it('splits a one-line model into one field per line', () => {
    const one =
      'name: "n" input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 } layer { name: "r" type: "ReLU" bottom: "data" top: "data" }';
    expect(formatPrototxt(one)).toBe(
      [
        'name: "n"',
        'input: "data"',
        'input_shape {',
        '  dim: 1',
        '  dim: 3',
        '  dim: 8',
        '  dim: 8',
        '}',
        'layer {',
        '  name: "r"',
        '  type: "ReLU"',
        '  bottom: "data"',
        '  top: "data"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps strings, lists, comments, colons before blocks and one blank line', () => {
    const text = [
      '# header comment',
      'layer { name: "a { b } # c" type: "Data" # trailing',
      '  include: { phase: TEST } top: "x" shape: [1, 3,',
      '    224, 224]',
      '',
      '',
      '  param { lr_mult: 1 }; param { lr_mult: 2 }, }',
      'layer{name:\'q\\\'s\' bottom:"x""y"}',
    ].join('\n');
    expect(formatPrototxt(text)).toBe(
      [
        '# header comment',
        'layer {',
        '  name: "a { b } # c"',
        '  type: "Data" # trailing',
        '  include: {',
        '    phase: TEST',
        '  }',
        '  top: "x"',
        '  shape: [1, 3, 224, 224]',
        '',
        '  param {',
        '    lr_mult: 1',
        '  }',
        '  param {',
        '    lr_mult: 2',
        '  }',
        '}',
        'layer {',
        "  name: 'q\\'s'",
        '  bottom: "x" "y"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('only re-indents text it cannot restructure safely (a syntax error)', () => {
    expect(restructurePrototxt('layer { name: "a }')).toBeNull();
    expect(restructurePrototxt('layer { name: "a" } }')).toBeNull();
    expect(restructurePrototxt('layer { name: "a"')).toBeNull();
    expect(formatPrototxt('layer {\nname: "a"\n')).toBe('layer {\n  name: "a"\n');
  });

  describe.runIf(corpusAvailable())('corpus: formatting never changes the model', () => {
    it.each(listCorpus('caffe'))('%s', (file) => {
      const text = readCorpus('caffe', file);
      const formatted = formatPrototxt(text);
      expect(formatPrototxt(formatted)).toBe(formatted);
      const before = analyze(readModel(text).graph);
      const after = analyze(readModel(formatted).graph);
      expect(after.layers.map((l) => [l.name, l.type, l.outputs, l.macs, l.params])).toEqual(
        before.layers.map((l) => [l.name, l.type, l.outputs, l.macs, l.params]),
      );
      expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The whole corpus file folded onto one line formats to the same text (comments aside).
      if (!text.includes('#')) expect(formatPrototxt(text.replace(/\n/g, ' '))).toBe(formatted.replace(/\n\n/g, '\n'));
    });
  });
});
