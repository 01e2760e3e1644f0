import { describe, expect, it } from 'vitest';
import { getPreset } from '../../presets';
import { AdvisorQueue } from './handler';
import type { AdvisorRequest, AdvisorResponse } from './protocol';

const TEXT = getPreset('demo-bottleneck')!.text;
const model = { text: TEXT, batch: 1 as const, inputs: {} };

function queue() {
  const out: AdvisorResponse[] = [];
  const jobs: (() => void)[] = [];
  const q = new AdvisorQueue(
    (r) => out.push(r),
    (run) => jobs.push(run),
  );
  const flush = () => {
    while (jobs.length) jobs.shift()!();
  };
  return { q, out, flush };
}

describe('advisor worker queue', () => {
  it('answers advice, similar layers and apply for the text it is given', () => {
    const { q, out, flush } = queue();
    q.receive({ kind: 'advise', id: 1, layer: 'direct_5x5', options: { bottleneck: { width: 16 } }, ...model });
    flush();
    const advice = out[0]!;
    expect(advice.kind).toBe('advice');
    if (advice.kind !== 'advice') return;
    const s = advice.advice!.suggestions.find((x) => x.kind === 'bottleneck')!;
    expect([s.after.params, s.after.macs]).toEqual([15_872, 12_443_648]);
    q.receive({ kind: 'similar', id: 2, items: [{ suggestion: s, options: { width: 16 } }], ...model });
    q.receive({
      kind: 'apply',
      id: 3,
      requests: [{ layer: 'direct_5x5', kind: 'bottleneck', options: { width: 16 } }],
      ...model,
    });
    flush();
    // bottleneck_5x5 is also a 5×5, but it reads 16 channels: a width of 16 does not squeeze it.
    expect(out[1]).toEqual({ kind: 'similar', id: 2, layers: { 'bottleneck:direct_5x5': ['direct_5x5'] } });
    const applied = out[2]!;
    expect(applied.kind === 'applied' && applied.text.includes('name: "direct_5x5_reduce"')).toBe(true);
  });

  it('a newer advice request supersedes one not started; apply requests always run', () => {
    const { q, out, flush } = queue();
    const advise = (id: number, layer: string): AdvisorRequest => ({
      kind: 'advise',
      id,
      layer,
      options: {},
      ...model,
    });
    q.receive(advise(1, 'direct_5x5'));
    q.receive({ kind: 'apply', id: 2, requests: [{ layer: 'direct_5x5', kind: 'dilate' }], ...model });
    q.receive(advise(3, 'bottleneck_5x5'));
    flush();
    expect(out.map((r) => `${r.id}:${r.kind}`)).toEqual(['1:error', '2:applied', '3:advice']);
    expect(out[0]).toEqual({ kind: 'error', id: 1, message: 'superseded' });
  });

  it('says why a layer gets no advice, and never throws on a broken text', () => {
    const { q, out, flush } = queue();
    q.receive({ kind: 'advise', id: 1, layer: 'reduce_relu', options: {}, ...model });
    q.receive({ kind: 'apply', id: 2, requests: [{ layer: 'nope', kind: 'dilate' }], ...model, text: 'layer {' });
    flush();
    expect(out[0]).toEqual({
      kind: 'advice',
      id: 1,
      advice: null,
      why: 'only 2-D Convolution layers are rewritten (this one is ReLU)',
    });
    expect(out[1]).toMatchObject({ kind: 'applied', id: 2, errors: ['there is no layer "nope"'] });
  });
});
