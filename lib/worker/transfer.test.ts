import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { syntheticPrototxt } from '../testing/synthetic';
import { AnalysisClient, type WorkerLike } from './client';
import type { AnalyzeResultResponse, WorkerRequest } from './protocol';
import { isPartResponse, PART_ITEMS, PartCollector, splitResponse } from './transfer';

// As the worker posts it: a structured clone, without the nodes' span source (a symbol key).
const result = (layers: number): AnalyzeResultResponse => ({
  kind: 'result',
  id: 5,
  analysis: structuredClone(analyzeText(syntheticPrototxt(layers))),
  elapsedMs: 1,
  tooLargeToDraw: false,
});

describe('result transfer in parts', () => {
  it('sends a small result as it is', () => {
    const res = result(100);
    expect(splitResponse(res)).toEqual([res]);
  });

  it('splits a 4,000-layer result into parts and rebuilds an equal one', () => {
    const res = result(4000);
    const msgs = splitResponse(structuredClone(res));
    const parts = msgs.filter(isPartResponse);
    // layers 4,001 → 3 parts; every part at most PART_ITEMS items.
    expect(parts.filter((p) => p.field === 'layers')).toHaveLength(Math.ceil(res.analysis.layers.length / PART_ITEMS));
    for (const p of parts) expect(p.items.length).toBeLessThanOrEqual(PART_ITEMS);
    const last = msgs.at(-1) as AnalyzeResultResponse;
    expect(last.parts).toBe(parts.length);
    expect(last.analysis.layers).toHaveLength(0);
    const c = new PartCollector();
    for (const p of parts) c.add(structuredClone(p));
    const whole = c.assemble(structuredClone(last))!;
    expect(whole.analysis).toEqual(res.analysis);
    expect(whole.parts).toBeUndefined();
  });

  it('parts of an abandoned older result leave nothing behind in the newer one (items are kept as parts arrive)', () => {
    const older = splitResponse({ ...result(1200), id: 4 }).filter(isPartResponse);
    const res = result(4000);
    const msgs = splitResponse(structuredClone(res));
    const c = new PartCollector();
    for (const p of older.slice(0, 3)) c.add(p);
    for (const p of msgs.filter(isPartResponse)) c.add(p);
    const whole = c.assemble(msgs.at(-1) as AnalyzeResultResponse)!;
    expect(whole.analysis).toEqual(res.analysis);
    expect(whole.analysis.graph.blobs.size).toBe(res.analysis.graph.blobs.size);
    // The collector starts empty again: a second assemble of the same shell has no parts.
    expect(c.assemble(msgs.at(-1) as AnalyzeResultResponse)).toBeNull();
  });

  it('refuses to rebuild when a part is missing', () => {
    const msgs = splitResponse(result(4000));
    const c = new PartCollector();
    for (const p of msgs.filter(isPartResponse).slice(1)) c.add(p);
    expect(c.assemble(msgs.at(-1) as AnalyzeResultResponse)).toBeNull();
  });

  it('the client reports the rebuilt result once, after its parts', () => {
    let worker: WorkerLike | null = null;
    const sent: WorkerRequest[] = [];
    const fake: WorkerLike = {
      postMessage: (m) => sent.push(m),
      terminate: () => undefined,
      onmessage: null,
      onerror: null,
    };
    const got: AnalyzeResultResponse[] = [];
    const client = new AnalysisClient(
      () => (worker = fake),
      { onResult: (r) => got.push(r), onError: (m) => expect.fail(m) },
      { timeoutMs: 60_000 },
    );
    client.request({ text: 'x', batch: 1, inputs: {} });
    const res = { ...result(4000), id: sent[0]!.id };
    for (const m of splitResponse(res)) worker!.onmessage!({ data: structuredClone(m) });
    expect(got).toHaveLength(1);
    expect(got[0]!.analysis.layers).toHaveLength(res.analysis.layers.length);
    client.dispose();
  });
});
