import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder';

/** A chain of `n` in-place layers on one blob name, as BatchNorm/Scale/ReLU stacks write it. */
function inPlaceChain(name: string, n: number) {
  const b = new GraphBuilder('caffe', 'NCHW');
  b.addInput({ name, shape: [1, 3], source: 'input_shape' });
  for (let i = 0; i < n; i++) b.addLayer({ name: `l${i}`, type: 'ReLU', attrs: {}, bottoms: [name], tops: [name] });
  return b.build('chain');
}

describe('GraphBuilder blob versions', () => {
  it('names every rewrite name@version, the same on every build (ids are cached between builds)', () => {
    for (let pass = 0; pass < 2; pass++) {
      const g = inPlaceChain('conv1', 3);
      expect([...g.blobs.keys()]).toEqual(['conv1', 'conv1@1', 'conv1@2', 'conv1@3']);
      expect(g.nodes.map((n) => [n.bottoms[0], n.tops[0]])).toEqual([
        ['conv1', 'conv1@1'],
        ['conv1@1', 'conv1@2'],
        ['conv1@2', 'conv1@3'],
      ]);
      expect(g.outputs).toEqual(['conv1@3']);
    }
  });

  it('keeps ids exact past the cached range and for long names', () => {
    const g = inPlaceChain('x', 70);
    expect(g.nodes[69]!.tops[0]).toBe('x@70');
    expect(g.nodes[63]!.tops[0]).toBe('x@64');
    const long = 'n'.repeat(100);
    const h = inPlaceChain(long, 2);
    expect([...h.blobs.keys()]).toEqual([long, `${long}@1`, `${long}@2`]);
  });
});
