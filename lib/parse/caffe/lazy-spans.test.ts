import { describe, expect, it } from 'vitest';
import { attrSpansOf, type ReadResult, type SourceSpan } from '../../ir';
import { corpusAvailable, listCorpus, readCorpus } from '../../testing/corpus';
import { readPrototxt } from '../prototxt/parser';
import { readCaffe } from './index';
import { convertNet } from './net';
import { NetBuilder } from './net-builder';

/** readCaffe as it was before spans were made on demand: every layer keeps its field spans. */
function readEager(text: string): ReadResult {
  const builder = new NetBuilder({ json: false, lenient: false });
  const syntax = readPrototxt(text, builder);
  return convertNet({ net: builder.net, syntax, format: 'caffe', text });
}

/** Every node's spans as made on demand must equal the eager read's, key for key. */
function expectSameSpans(text: string): number {
  const lazy = readCaffe(text);
  const eager = readEager(text);
  expect(lazy.diagnostics).toEqual(eager.diagnostics);
  expect(lazy.graph.nodes.length).toBe(eager.graph.nodes.length);
  let fields = 0;
  lazy.graph.nodes.forEach((n, i) => {
    const e = eager.graph.nodes[i]!;
    expect(n.attrSpans).toBeUndefined();
    const spans: Readonly<Record<string, SourceSpan>> = attrSpansOf(n) ?? {};
    expect(spans).toEqual(e.attrSpans);
    fields += Object.keys(spans).length;
  });
  return fields;
}

describe('field spans made on demand (Caffe prototxt)', () => {
  it('equal the eager spans, occurrence keys included, and point at the field in the text', () => {
    const text = [
      'name: "t"',
      'input: "data"',
      'input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }',
      'layer {',
      '  name: "c" type: "Convolution" bottom: "data" top: "c"',
      '  param { lr_mult: 1 } param { lr_mult: 2 }',
      '  convolution_param { num_output: 4 kernel_size: 3 weight_filler { type: "xavier" } }',
      '}',
      'layers { name: "r" type: RELU bottom: "c" top: "c" }',
      '',
    ].join('\n');
    // conv: type, param, param#1, their lr_mult, convolution_param and its 4 fields; relu: type.
    expect(expectSameSpans(text)).toBe(11);
    const conv = readCaffe(text).graph.nodes[0]!;
    const k = attrSpansOf(conv)!['convolution_param.kernel_size']!;
    expect(k).toEqual({ offset: text.indexOf('kernel_size'), length: 14, line: 7, column: 37 });
    const line6 = text.split('\n')[5]!;
    expect(attrSpansOf(conv)!['param.lr_mult#1']).toMatchObject({ line: 6, column: line6.lastIndexOf('lr_mult') + 1 });
    // Made once per layer: asking again gives the same record.
    expect(attrSpansOf(conv)).toBe(attrSpansOf(conv));
  });

  it('equal the eager spans in damaged files (a block cut short, a field given twice)', () => {
    const cut =
      'input: "data"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\nlayer { name: "c" type: "Convolution" bottom: "data" top: "c"\n  convolution_param { num_output: 4 kernel_size: 3 pad: }\n}\nlayer { name: "p" type: "Pooling" bottom: "c" top: "p" pooling_param { pool: MAX kernel_size: 2 } }\n';
    expectSameSpans(cut);
    const twice =
      'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\nlayer { name: "c" type: "Convolution" bottom: "data" top: "c"\n  convolution_param { num_output: 4 kernel_size: 3\n    num_output: 8 } }\n';
    expectSameSpans(twice);
    // The "first at" of a field given twice is found by reading the block again.
    const msg = readCaffe(twice).diagnostics.find((d) => d.message.includes('more than once'));
    expect(msg?.message).toBe(
      'c: convolution_param.num_output is given more than once (first at 4:23); it is not a repeated field',
    );
    expect(msg?.span).toMatchObject({ line: 5, column: 5 });
  });

  it.skipIf(!corpusAvailable())('equal the eager spans on every corpus model', () => {
    let fields = 0;
    for (const f of listCorpus('caffe')) fields += expectSameSpans(readCorpus('caffe', f));
    expect(fields).toBeGreaterThan(10_000);
  });

  it('are left out of a structured clone (the page copy), with the source text they read', () => {
    const text = 'input: "x"\ninput_shape { dim: 1 dim: 2 }\nlayer { name: "r" type: "ReLU" bottom: "x" top: "y" }\n';
    const node = readCaffe(text).graph.nodes[0]!;
    const at = text.indexOf('type:');
    expect(attrSpansOf(node)).toEqual({
      type: { offset: at, length: 12, line: 3, column: at - text.indexOf('layer') + 1 },
    });
    const copy = structuredClone(node);
    expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
    expect(attrSpansOf(copy)).toBeUndefined();
  });
});
