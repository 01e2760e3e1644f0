import { describe, expect, it } from 'vitest';
import type { IRNode } from '@/lib/ir';
import { layerAtOffset } from './selection';

const node = (name: string, offset: number, length: number) =>
  ({ name, span: { offset, length, line: 1, column: offset + 1 } }) as unknown as IRNode;

describe('layerAtOffset', () => {
  const nodes = [
    node('conv1', 10, 40),
    node('relu1', 60, 20),
    node('outer', 100, 100),
    node('inner', 120, 10),
    { name: 'nospan' } as IRNode,
  ];
  it('finds the layer under the cursor, innermost first', () => {
    expect(layerAtOffset(nodes, 10)).toBe('conv1');
    expect(layerAtOffset(nodes, 50)).toBe('conv1');
    expect(layerAtOffset(nodes, 55)).toBeNull();
    expect(layerAtOffset(nodes, 70)).toBe('relu1');
    expect(layerAtOffset(nodes, 125)).toBe('inner');
    expect(layerAtOffset(nodes, 150)).toBe('outer');
    expect(layerAtOffset([], 3)).toBeNull();
  });
});
