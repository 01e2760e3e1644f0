import { describe, expect, it } from 'vitest';
import type { ReadOptions, ReadResult } from '../../ir';
import { corpusAvailable, listCorpus, readCorpus } from '../../testing/corpus';
import { readPrototxt } from '../prototxt/parser';
import { readCaffe, readStreamed } from './index';
import { convertNet } from './net';
import { NetBuilder } from './net-builder';

/** The two-pass read: every layer kept, then converted (what readCaffe falls back to). */
function readTwoPass(text: string, options: ReadOptions = {}): ReadResult {
  const builder = new NetBuilder({ json: false, lenient: options.lenient === true, lazySpansOf: text });
  const syntax = readPrototxt(text, builder);
  return convertNet({ net: builder.net, syntax, format: 'caffe', text }, options);
}

/** The whole result as the page would get it (a structured clone: Maps kept, the span source left out). */
const plain = (r: ReadResult) => structuredClone(r);

/** readCaffe equals the two-pass read; `oneGo`: whether it got there in one pass. */
function expectSame(text: string, options: ReadOptions = {}, oneGo = true): ReadResult {
  expect(readStreamed(text, options) !== null).toBe(oneGo);
  const streamed = readCaffe(text, options);
  expect(plain(streamed)).toEqual(plain(readTwoPass(text, options)));
  return streamed;
}

const HEAD = 'name: "s"\ninput: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n';
const conv = (name: string, bottom: string) =>
  `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: 4 kernel_size: 1 } }\n`;

describe('readCaffe converts each layer as its block closes', () => {
  it.skipIf(!corpusAvailable())('with the two-pass result on every corpus model, in both phases', () => {
    for (const f of listCorpus('caffe')) {
      const text = readCorpus('caffe', f);
      expectSame(text);
      expectSame(text, { phase: 'TRAIN' });
    }
  });

  it('reads a net-level input given after the layers as a two-pass read does', () => {
    const late = conv('c1', 'data') + HEAD;
    const r = expectSame(late, {}, false);
    expect(r.graph.inputs.map((i) => [i.name, i.shape])).toEqual([['data', [1, 3, 8, 8]]]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // A state after the layers decides their phase all the same.
    const rules =
      HEAD +
      conv('c1', 'data') +
      'layer { name: "d" type: "Dropout" bottom: "c1" top: "c1" include { phase: TRAIN } }\nstate { phase: TRAIN }\n';
    expect(expectSame(rules, {}, false).graph.nodes.map((n) => n.name)).toEqual(['c1', 'd']);
  });

  it('names the other-phase producer of a dangling bottom, even one further down', () => {
    const text =
      HEAD +
      conv('c1', 'data') +
      conv('c2', 'aux') +
      'layer { name: "aux" type: "Convolution" bottom: "data" top: "aux" include { phase: TRAIN } convolution_param { num_output: 4 kernel_size: 1 } }\n';
    const r = expectSame(text, {}, false);
    const msg = r.diagnostics.find((d) => d.message.includes('bottom "aux"'));
    expect(msg?.message).toMatch(/layer "aux" \(line 6\) produces it in phase TRAIN/);
    expect(msg?.span).toMatchObject({ line: 5 });
  });

  it('keeps what a syntax error leaves, as the two-pass read does', () => {
    const text =
      HEAD +
      conv('c1', 'data') +
      'layer { name: "c2" type: "Convolution" bottom: "c1" top: "c2" convolution_param { num_output: }\n' +
      conv('c3', 'c1');
    const r = expectSame(text);
    expect(r.graph.nodes.map((n) => n.name)).toEqual(['c1', 'c2', 'c3']);
    expect(r.diagnostics.some((d) => d.syntax === true && d.span?.line === 5)).toBe(true);
  });

  it('counts excluded layers and reports an empty or layer-less file as before', () => {
    const excluded = 'layer { name: "d" type: "Data" top: "data" include { phase: TRAIN } }\n';
    expect(expectSame(excluded).diagnostics.map((d) => d.message)).toContain('all 1 layers are excluded in phase TEST');
    expect(expectSame('').diagnostics.map((d) => d.message)).toEqual(['the model is empty']);
    expectSame('name: "only"\n');
  });
});
