import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { corpusAvailable, readCorpus } from '../testing/corpus';
import { buildViewGraph, collapseGroups } from './view-graph';
import { proposeGroups } from './groups';

const SMALL = `
name: "small"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "bn1" type: "BatchNorm" bottom: "conv1" top: "conv1" }
layer { name: "scale1" type: "Scale" bottom: "conv1" top: "conv1" scale_param { bias_term: true } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "slice" type: "Slice" bottom: "pool1" top: "s1" top: "s2" slice_param { axis: 1 slice_point: 2 } }
layer { name: "cat" type: "Concat" bottom: "s2" bottom: "s1" top: "cat" }
layer { name: "sum" type: "Eltwise" bottom: "cat" bottom: "cat" top: "sum" }
layer { name: "fc" type: "InnerProduct" bottom: "sum" top: "fc" inner_product_param { num_output: 10 } }
`;

describe('buildViewGraph', () => {
  const a = analyzeText(SMALL);
  const view = buildViewGraph(a);
  const byName = new Map(view.nodes.map((n) => [n.name, n]));

  it('folds in-place BN/Scale/ReLU into the convolution and adds an input node', () => {
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(view.nodes.map((n) => n.name)).toEqual(['data', 'conv1', 'pool1', 'slice', 'cat', 'sum', 'fc']);
    const conv = byName.get('conv1')!;
    expect(conv.folded.map((f) => `${f.name}:${f.type}`)).toEqual(['bn1:BatchNorm', 'scale1:Scale', 'relu1:ReLU']);
    expect(conv.layerCount).toBe(4);
    expect(byName.get('data')!.kind).toBe('input');
    expect(byName.get('data')!.id).toBe('I:data');
  });

  it('sums the folded layers into the host costs', () => {
    const conv = byName.get('conv1')!;
    const layer = (n: string) => a.layers.find((l) => l.name === n)!;
    // 8 outputs × 3×3×3 weights × 32×32 positions.
    expect(layer('conv1').macs).toBe(221_184);
    const names = ['conv1', 'bn1', 'scale1', 'relu1'];
    expect(conv.costs.macs).toBe(names.reduce((s, n) => s + layer(n).macs, 0));
    expect(conv.costs.params).toBe(names.reduce((s, n) => s + layer(n).params, 0));
    expect(conv.costs.params).toBeGreaterThan(224); // the Scale's 8 + 8 come on top of conv's 216 + 8
    expect(conv.outShape).toEqual([1, 8, 32, 32]);
  });

  it('labels edges with blob shapes without the batch axis and merges parallel blobs', () => {
    const label = (from: string, to: string) =>
      view.edges.find((e) => e.source === byName.get(from)!.id && e.target === byName.get(to)!.id)?.label;
    expect(label('data', 'conv1')).toBe('3×32×32');
    expect(label('conv1', 'pool1')).toBe('8×32×32');
    expect(label('pool1', 'slice')).toBe('8×16×16');
    // Two tops of the slice into one concat: one edge with both shapes.
    const sc = view.edges.filter((e) => e.source === byName.get('slice')!.id);
    expect(sc).toHaveLength(1);
    expect(sc[0]!.blobs).toEqual(['s2', 's1']);
    expect(sc[0]!.label).toBe('6×16×16, 2×16×16');
    // Eltwise reading the same blob twice: one edge, one blob.
    const cs = view.edges.filter((e) => e.target === byName.get('sum')!.id);
    expect(cs.map((e) => e.blobs)).toEqual([['cat']]);
    expect(view.edges).toHaveLength(6);
  });

  it('maps every layer name (folded ones included) to the node showing it', () => {
    expect(view.nodeOfLayer.get('relu1')).toBe(byName.get('conv1')!.id);
    expect(view.nodeOfLayer.get('fc')).toBe(byName.get('fc')!.id);
    expect(view.nodeOfLayer.get('data')).toBe('I:data');
  });

  it('sizes cards from their text deterministically, taller with badges', () => {
    const conv = byName.get('conv1')!;
    const fc = byName.get('fc')!;
    expect(conv.height).toBeGreaterThan(fc.height);
    expect(conv.width % 16).toBe(0);
    expect(buildViewGraph(a).nodes.map((n) => [n.width, n.height])).toEqual(view.nodes.map((n) => [n.width, n.height]));
  });

  it('shows a dangling bottom as a broken "Missing" input', () => {
    const bad = analyzeText(`${SMALL}\nlayer { name: "x" type: "ReLU" bottom: "nowhere" top: "x" }`);
    const v = buildViewGraph(bad);
    const missing = v.nodes.find((n) => n.name === 'nowhere')!;
    expect(missing.type).toBe('Missing');
    expect(missing.status).toBe('broken');
    expect(v.edges.some((e) => e.source === missing.id)).toBe(true);
  });

  it('sums measured times by layer name', () => {
    const v = buildViewGraph(a, { measuredMs: { conv1: 1.5, relu1: 0.25, fc: 2 } });
    expect(v.nodes.find((n) => n.name === 'conv1')!.costs.measuredMs).toBe(1.75);
    expect(v.nodes.find((n) => n.name === 'pool1')!.costs.measuredMs).toBeNull();
  });
});

const BLOCKS = `
input: "data"
input_shape { dim: 1 dim: 16 dim: 8 dim: 8 }
layer { name: "res2a_branch1" type: "Convolution" bottom: "data" top: "b1" convolution_param { num_output: 16 kernel_size: 1 } }
layer { name: "res2a_branch2a" type: "Convolution" bottom: "data" top: "b2" convolution_param { num_output: 16 kernel_size: 3 pad: 1 } }
layer { name: "res2a_branch2a_relu" type: "ReLU" bottom: "b2" top: "b2" }
layer { name: "res2a" type: "Eltwise" bottom: "b1" bottom: "b2" top: "res2a" }
layer { name: "res2b_branch2a" type: "Convolution" bottom: "res2a" top: "c2" convolution_param { num_output: 16 kernel_size: 3 pad: 1 } }
layer { name: "res2b" type: "Eltwise" bottom: "res2a" bottom: "c2" top: "res2b" }
layer { name: "concat_1" type: "Concat" bottom: "res2b" bottom: "res2b" top: "k1" }
layer { name: "mid" type: "Convolution" bottom: "k1" top: "mid" convolution_param { num_output: 8 kernel_size: 1 } }
layer { name: "concat_2" type: "Concat" bottom: "mid" bottom: "k1" top: "k2" }
layer { name: "fc" type: "InnerProduct" bottom: "k2" top: "fc" inner_product_param { num_output: 10 } }
`;

describe('proposeGroups / collapseGroups', () => {
  const a = analyzeText(BLOCKS);
  const view = buildViewGraph(a);
  const groups = proposeGroups(view);
  const id = (name: string) => view.nodes.find((n) => n.name === name)!.id;

  it('groups res2a_… and res2b_… blocks and rejects the non-convex concat_ prefix', () => {
    expect(groups.map((g) => g.key)).toEqual(['res2a', 'res2b']);
    expect(groups[0]!.members).toEqual([id('res2a_branch1'), id('res2a_branch2a'), id('res2a')]);
    expect(groups[0]!.layerCount).toBe(4); // the folded ReLU counts
    // concat_1 → mid → concat_2 leaves the prefix and comes back: collapsing would make a cycle.
    expect(groups.some((g) => g.key === 'concat')).toBe(false);
  });

  it('collapses a group into one node with summed costs and remapped edges', () => {
    const c = collapseGroups(view, groups, new Set(['res2a']), a.blobShapes);
    const g = c.nodes.find((n) => n.id === 'G:res2a')!;
    const members = ['res2a_branch1', 'res2a_branch2a', 'res2a_branch2a_relu', 'res2a'].map((n) =>
      a.layers.find((l) => l.name === n)!,
    );
    expect(g.kind).toBe('group');
    expect(g.costs.macs).toBe(members.reduce((s, l) => s + l.macs, 0));
    expect(g.costs.macs).toBe(16 * 16 * 64 + 16 * 16 * 9 * 64); // 1×1 + 3×3; Eltwise SUM and ReLU are FLOPs, not MACs
    expect(g.costs.params).toBe(members.reduce((s, l) => s + l.params, 0));
    expect(g.layerCount).toBe(4);
    expect(g.outShape).toEqual([1, 16, 8, 8]);
    expect(c.nodes).toHaveLength(view.nodes.length - 2);
    // data → group (two blobs merged into one edge), group → res2b_branch2a and → res2b.
    expect(c.edges.filter((e) => e.target === 'G:res2a').map((e) => [e.source, e.label])).toEqual([
      ['I:data', '16×8×8'],
    ]);
    expect(c.edges.filter((e) => e.source === 'G:res2a').map((e) => e.target)).toEqual([
      id('res2b_branch2a'),
      id('res2b'),
    ]);
    expect(c.nodeOfLayer.get('res2a_branch2a_relu')).toBe('G:res2a');
    expect(c.nodes.find((n) => n.name === 'res2b')!.group).toBe('res2b');
  });

  it('leaves the view unchanged (but annotated) when nothing is collapsed', () => {
    const c = collapseGroups(view, groups, new Set(), a.blobShapes);
    expect(c.nodes.map((n) => n.id)).toEqual(view.nodes.map((n) => n.id));
    expect(c.edges.map((e) => e.id)).toEqual(view.edges.map((e) => e.id));
    expect(c.nodes.find((n) => n.name === 'res2a_branch1')!.group).toBe('res2a');
  });
});

describe.runIf(corpusAvailable())('corpus models', () => {
  it('resnet50: 53 conv + 16 eltwise + 2 pool + fc + prob + input node; 155 BN/Scale/ReLU folded', () => {
    const a = analyzeText(readCorpus('caffe', 'resnet50.prototxt'));
    const view = buildViewGraph(a);
    expect(view.nodes).toHaveLength(74);
    expect(view.nodes.reduce((s, n) => s + n.folded.length, 0)).toBe(155);
    expect(view.nodes.filter((n) => n.type === 'Convolution')).toHaveLength(53);
    const conv1 = view.nodes.find((n) => n.name === 'conv1')!;
    expect(conv1.folded.map((f) => f.type)).toEqual(['BatchNorm', 'Scale', 'ReLU']);
    const groups = proposeGroups(view);
    expect(groups.map((g) => g.key)).toEqual([
      ...['a', 'b', 'c'].map((s) => `res2${s}`),
      ...['a', 'b', 'c', 'd'].map((s) => `res3${s}`),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((s) => `res4${s}`),
      ...['a', 'b', 'c'].map((s) => `res5${s}`),
    ]);
    const all = collapseGroups(view, groups, new Set(groups.map((g) => g.key)), a.blobShapes);
    expect(all.nodes.reduce((s, n) => s + n.costs.macs, 0)).toBe(a.totals.macs);
    expect(all.nodes.reduce((s, n) => s + n.costs.params, 0)).toBe(a.totals.params);
  });

  it('googlenet: nine inception blocks of 8 boxes, each collapsing to the 4-branch concat output', () => {
    const a = analyzeText(readCorpus('caffe', 'googlenet.prototxt'));
    const view = buildViewGraph(a);
    const groups = proposeGroups(view).filter((g) => g.key.startsWith('inception_'));
    expect(groups.map((g) => g.key)).toEqual(
      ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b'].map((s) => `inception_${s}`),
    );
    for (const g of groups) expect(g.members).toHaveLength(8);
    const c = collapseGroups(view, groups, new Set(['inception_3a']), a.blobShapes);
    expect(c.nodes.find((n) => n.id === 'G:inception_3a')!.outShape).toEqual([1, 256, 28, 28]);
  });
});
