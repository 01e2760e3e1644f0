import { describe, expect, test } from 'vitest';
import { layerOfNode, median, parseProfileText, perLayerMedians, perLayerMediansByRun } from './profile';

const TEXT = `[
{"cat" : "Session","pid" :1,"tid" :1,"dur" :14366,"ts" :325,"ph" : "X","name" :"model_loading_array","args" : {}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :5000,"ts" :1,"ph" : "X","name" :"conv1_kernel_time","args" : {"op_name" : "Conv"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :300,"ts" :2,"ph" : "X","name" :"fc_kernel_time","args" : {"op_name" : "Flatten"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :1000,"ts" :3,"ph" : "X","name" :"fc/Gemm_1_kernel_time","args" : {"op_name" : "Gemm"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :3000,"ts" :4,"ph" : "X","name" :"conv1_kernel_time","args" : {"op_name" : "Conv"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :500,"ts" :5,"ph" : "X","name" :"fc_kernel_time","args" : {"op_name" : "Flatten"}},
{"cat" : "Node","pid" :1,"tid" :1,"dur" :1500,"ts" :6,"ph" : "X","name" :"fc/Gemm_1_kernel_time","args" : {"op_name" : "Gemm"}},
{"cat" : "Session","pid" :1,"tid" :1,"dur" :9689,"ts" :7,"ph" : "X","name" :"SequentialExecutor::Execute","args" : {}}
]`;
const NODE_LAYER = { conv1: 'conv1', fc: 'fc', 'fc/Gemm_1': 'fc' };

describe('profile events → layers', () => {
  test('parses node kernel events in order, skipping session events', () => {
    const ev = parseProfileText(TEXT);
    expect(ev.map((e) => [e.node, e.durUs, e.opType])).toEqual([
      ['conv1', 5000, 'Conv'],
      ['fc', 300, 'Flatten'],
      ['fc/Gemm_1', 1000, 'Gemm'],
      ['conv1', 3000, 'Conv'],
      ['fc', 500, 'Flatten'],
      ['fc/Gemm_1', 1500, 'Gemm'],
    ]);
  });

  test('sums a layer’s nodes per run and keeps only the last runs (warm-up dropped)', () => {
    const ev = parseProfileText(TEXT);
    expect(perLayerMedians(ev, NODE_LAYER, 1)).toEqual({ conv1: 3, fc: 2 });
    expect(perLayerMedians(ev, NODE_LAYER, 2)).toEqual({ conv1: 4, fc: 1.65 });
  });

  test('WebGPU renamed nodes map back; runtime transposes are reported apart', () => {
    expect(layerOfNode('conv1_token_10', NODE_LAYER)).toBe('conv1');
    expect(layerOfNode('Transpose_token_3', NODE_LAYER)).toBeUndefined();
    const run = (conv: number) => [
      { node: 'conv1_token_10', durUs: conv, opType: 'Conv' },
      { node: 'conv1_token_10', durUs: 100, opType: 'Conv' },
      { node: 'Transpose_token_3', durUs: 50, opType: 'Transpose' },
      { node: 'fc/Gemm_1', durUs: 20, opType: 'Gemm' },
    ];
    const r = perLayerMediansByRun([run(1000), run(3000), run(2000)], NODE_LAYER);
    expect(r.perLayer).toEqual({ conv1: 2.1, fc: 0.02 });
    expect(r.unattributedMs).toBe(0.05);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
