import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';

/**
 * What the result shares instead of copying (speed: a 175,000-layer result is mostly these
 * objects), with the figures checked so sharing can never change a value.
 */
const NET = `name: "share"
input: "data"
input_shape { dim: 1 dim: 8 dim: 16 dim: 16 }
layer { name: "a" type: "Convolution" bottom: "data" top: "a" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "a_relu" type: "ReLU" bottom: "a" top: "a" }
layer { name: "b" type: "Convolution" bottom: "a" top: "b" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }
layer { name: "p" type: "Convolution" bottom: "b" top: "p" convolution_param { num_output: 8 kernel_size: 1 } }
layer { name: "s" type: "Convolution" bottom: "p" top: "s" convolution_param { num_output: 8 kernel_size: 1 stride: 2 } }
`;

describe('what the analysis result shares', () => {
  const r = analyzeText(NET);
  const L = (name: string) => r.layers.find((l) => l.name === name)!;

  it('two convolutions with one geometry share their frozen algorithm figures', () => {
    expect(L('b').algorithms).toBe(L('a').algorithms);
    expect(Object.isFrozen(L('a').algorithms)).toBe(true);
    expect(L('a').algorithms!.gemm).toEqual({ m: 8, k: 72, n: 256, groups: 1 });
    expect(L('p').algorithms).not.toBe(L('a').algorithms);
    expect(L('p').algorithms!.gemm).toEqual({ m: 8, k: 8, n: 256, groups: 1 });
  });

  it('a 1×1 stride-1 convolution keeps its input field; a strided one makes its own', () => {
    expect(L('b').receptiveField).toEqual([
      { size: 5, jump: 1, start: 0 },
      { size: 5, jump: 1, start: 0 },
    ]);
    expect(L('p').receptiveField).toBe(L('b').receptiveField);
    // Equal axes share one object.
    expect(L('b').receptiveField![1]).toBe(L('b').receptiveField![0]);
    expect(L('s').receptiveField).toEqual([
      { size: 5, jump: 2, start: 0 },
      { size: 5, jump: 2, start: 0 },
    ]);
  });

  it('a one-top elementwise layer keeps its input list as its outputs', () => {
    const relu = L('a_relu');
    expect(relu.outputs).toBe(relu.inputShapes);
    expect(relu.outputs).toEqual([[1, 8, 16, 16]]);
    expect(L('b').outputs).toEqual([[1, 8, 16, 16]]);
    expect(L('s').outputs).toEqual([[1, 8, 8, 8]]);
  });
});
