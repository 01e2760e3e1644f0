import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { GraphBuilder } from '../ir';
import { analyze } from './analyze';
import { indexGraph } from './graph-index';

const NET = `name: "net"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 4 kernel_size: 3 } }
layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
layer { name: "sum" type: "Eltwise" bottom: "conv" bottom: "conv" top: "sum" }
`;

describe('indexGraph', () => {
  it('numbers blobs in map order and lays out each node’s bottoms and tops', () => {
    const { graph } = analyzeText(NET);
    const ix = indexGraph(graph);
    expect(ix.ids).toEqual(['data', 'conv', 'conv@1', 'sum']);
    expect(ix.blobs.map((b) => b?.id)).toEqual(ix.ids);
    const range = (start: Int32Array, idx: Int32Array, n: number) =>
      Array.from(idx.subarray(start[n]!, start[n + 1]!), (i) => ix.ids[i]);
    expect(graph.nodes.map((_, n) => range(ix.bottomStart, ix.bottomIdx, n))).toEqual([
      ['data'],
      ['conv'],
      ['conv@1', 'conv@1'],
    ]);
    expect(graph.nodes.map((_, n) => range(ix.topStart, ix.topIdx, n))).toEqual([['conv'], ['conv@1'], ['sum']]);
  });

  it('gives ids the blob map lacks (hand-built graphs) their own index, and analysis still follows them', () => {
    const b = new GraphBuilder('keras', 'NHWC');
    b.addInput({ name: 'x', shape: [1, 4], source: 'keras' });
    b.addLayer({ name: 'a', type: 'Dense', attrs: { units: 6 }, bottoms: ['x'], tops: ['y'] });
    b.addLayer({ name: 'b', type: 'Dense', attrs: { units: 2 }, bottoms: ['y'], tops: ['z'] });
    const g = b.build('g');
    const blobs = new Map(g.blobs);
    blobs.delete('z'); // an output blob known only by the node that writes it
    const ix = indexGraph({ ...g, blobs });
    expect(ix.ids).toEqual(['x', 'y', 'z']);
    expect(ix.blobs[2]).toBeUndefined();
    expect(ix.indexOf('z')).toBe(2);
    expect(ix.indexOf('new')).toBe(3);
    const a = analyze({ ...g, blobs });
    expect(a.layers.map((l) => l.outputs[0])).toEqual([
      [1, 6],
      [1, 2],
    ]);
    expect(a.blobShapes.get('z')).toEqual([1, 2]);
    // x (16 B) and y (24 B) are both live when a has run; x is freed before z (8 B) exists.
    expect(a.totals.peakActivationBytes).toBe(16 + 24);
  });
});

describe('indexGraph: the index GraphBuilder makes while it builds', () => {
  it('is the same as the one computed from the blob map, also for the readers’ shallow copies', () => {
    const { graph } = analyzeText(NET);
    const built = indexGraph(graph);
    // A copy with a new blob map is indexed from scratch: the reference.
    const computed = indexGraph({ ...graph, blobs: new Map(graph.blobs) });
    expect(built).not.toBe(computed);
    expect(built.ids).toEqual(computed.ids);
    expect(built.blobs).toEqual(computed.blobs);
    for (const k of ['bottomStart', 'bottomIdx', 'topStart', 'topIdx'] as const)
      expect(Array.from(built[k])).toEqual(Array.from(computed[k]));
    expect(built.indexOf('conv@1')).toBe(2);
    // An id the graph lacks is added to this analysis' index only.
    expect(built.indexOf('elsewhere')).toBe(4);
    expect(indexGraph(graph).indexOf('elsewhere')).toBe(4);
    expect(indexGraph(graph).ids).toHaveLength(4);
  });

  it('fills each blob’s consumers, one per bottom reference, in node order', () => {
    const { graph } = analyzeText(NET);
    expect([...graph.blobs.values()].map((b) => [b.id, b.consumers])).toEqual([
      ['data', [0]],
      ['conv', [1]],
      ['conv@1', [2, 2]],
      ['sum', []],
    ]);
  });
});
