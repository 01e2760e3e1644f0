import { describe, expect, it } from 'vitest';
import { getOp } from '@/lib/ops';
import { fieldsFor, opMarkdown } from './prototxt-language';

describe('prototxt completion and hover content', () => {
  it('offers the fields of the op whose parameter block encloses the cursor', () => {
    const conv = fieldsFor(['layer', 'convolution_param']);
    expect(conv).toContain('num_output');
    expect(conv).toContain('kernel_size');
    expect(conv).toContain('group');
    expect(conv).not.toContain('pool');
    const pool = fieldsFor(['layer', 'pooling_param']);
    expect(pool).toContain('global_pooling');
    expect(pool).not.toContain('num_output');
  });
  it('offers layer fields and every parameter block inside a layer, net fields at top level', () => {
    const layer = fieldsFor(['layer']);
    expect(layer.slice(0, 4)).toEqual(['name', 'type', 'bottom', 'top']);
    expect(layer).toContain('convolution_param');
    expect(layer).toContain('pooling_param');
    expect(fieldsFor([])).toContain('input_shape');
    expect(fieldsFor(['input_shape'])).toEqual(['dim']);
    expect(fieldsFor(['layer', 'no_such_param'])).toEqual([]);
  });
  it('renders the doc and formula of a layer type for hover', () => {
    const md = opMarkdown(getOp('Convolution')!);
    expect(md.startsWith('**Convolution** · conv')).toBe(true);
    expect(md).toContain('MACs = N·C_out');
    expect(md).toContain('Parameters: `convolution_param`');
  });
});
