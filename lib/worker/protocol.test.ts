import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type WorkerLike } from './client';
import { AnalysisQueue, handleAnalyze } from './handler';
import type { AnalyzeRequest, WorkerRequest, WorkerResponse } from './protocol';
import { isWorkerRequest, isWorkerResponse, MAX_TEXT_LENGTH } from './protocol';
import { analyzeText } from '../index';

const req = (id: number, text = 'name: "n"'): AnalyzeRequest => ({ kind: 'analyze', id, text, batch: 1, inputs: {} });

describe('message guards', () => {
  it('accepts well-formed requests and rejects malformed ones', () => {
    expect(isWorkerRequest(req(3))).toBe(true);
    expect(isWorkerRequest({ kind: 'cancel', id: 3 })).toBe(true);
    expect(isWorkerRequest({ ...req(3), batch: 'declared' })).toBe(true);
    expect(isWorkerRequest({ ...req(3), batch: 0 })).toBe(false);
    expect(isWorkerRequest({ ...req(3), batch: 2.5 })).toBe(false);
    expect(isWorkerRequest({ kind: 'analyze', id: 1, batch: 1, inputs: {} })).toBe(false);
    expect(isWorkerRequest({ ...req(3), phase: 'TRAIN', lenient: true })).toBe(true);
    expect(isWorkerRequest({ ...req(3), phase: 'train' })).toBe(false);
    expect(isWorkerRequest({ ...req(3), lenient: 'yes' })).toBe(false);
    expect(isWorkerRequest({ kind: 'nope', id: 1 })).toBe(false);
    expect(isWorkerRequest(null)).toBe(false);
    expect(isWorkerResponse({ kind: 'error', id: 1, message: 'x' })).toBe(true);
    expect(isWorkerResponse({ kind: 'error', id: 1 })).toBe(false);
    expect(isWorkerResponse({ kind: 'result', id: 1, analysis: null })).toBe(false);
  });
});

describe('handleAnalyze', () => {
  it('refuses a text over the size limit with its size in the message', () => {
    const res = handleAnalyze(req(7, 'x'.repeat(MAX_TEXT_LENGTH + 1)));
    expect(res).toEqual({ kind: 'error', id: 7, message: 'input is 20.0 MB; the limit is 20 MB' });
  });

  it('turns a throwing reader into an error response instead of killing the worker', () => {
    const res = handleAnalyze(
      req(8),
      () => 0,
      () => {
        throw new Error('boom at 3:4');
      },
    );
    expect(res).toEqual({ kind: 'error', id: 8, message: 'analysis failed: boom at 3:4' });
  });

  it('passes text, batch, format and input overrides to the analysis and times it', () => {
    let t = 100;
    const seen: unknown[] = [];
    const fake = ((text: string, opts: unknown) => {
      seen.push([text, opts]);
      t += 12.5;
      return analyzeTextShape(1);
    }) as unknown as typeof analyzeText;
    const res = handleAnalyze(
      { kind: 'analyze', id: 9, text: 'abc', from: 'caffe', batch: 'declared', inputs: { data: [2, 3, 8, 8] } },
      () => t,
      fake,
    );
    expect(seen).toEqual([['abc', { from: 'caffe', batch: 'declared', inputs: { data: [2, 3, 8, 8] } }]]);
    expect(res.kind).toBe('result');
    if (res.kind === 'result') {
      expect(res.elapsedMs).toBe(12.5);
      expect(res.tooLargeToDraw).toBe(false);
    }
  });

  it('reads in the requested Caffe phase and lenient mode', () => {
    const text =
      'layer { name: "d" type: "Input" top: "x" input_param { shape { dim: 1 dim: 2 } } include { phase: TRAIN } }\n' +
      'layer { name: "r" type: "ReLU" bottom: "x" top: "y" relu_param { slope: 1 } }';
    const errors = (r: WorkerResponse) =>
      r.kind === 'result' ? r.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) : [];
    const test = handleAnalyze(req(1, text));
    expect(errors(test)).toHaveLength(2);
    expect(errors(test)[0]).toContain('switch the phase to TRAIN');
    const train = handleAnalyze({ ...req(2, text), phase: 'TRAIN' });
    expect(errors(train)).toEqual(['r: unknown field "slope" in relu_param']);
    const lenient = handleAnalyze({ ...req(3, text), phase: 'TRAIN', lenient: true });
    expect(errors(lenient)).toEqual([]);
    expect(lenient.kind === 'result' && lenient.analysis.layers.map((l) => l.status)).toEqual(['ok', 'ok']);
  });

  it('flags models above the drawable size', () => {
    const res = handleAnalyze(req(10), () => 0, (() => analyzeTextShape(20001)) as unknown as typeof analyzeText);
    expect(res.kind === 'result' && res.tooLargeToDraw).toBe(true);
    const ok = handleAnalyze(req(11), () => 0, (() => analyzeTextShape(20000)) as unknown as typeof analyzeText);
    expect(ok.kind === 'result' && ok.tooLargeToDraw).toBe(false);
  });

  it('returns a structured-clone-able result for a real prototxt', () => {
    const text = [
      'name: "tiny"',
      'input: "data"',
      'input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }',
      'layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"',
      '  convolution_param { num_output: 16 kernel_size: 3 pad: 1 } }',
    ].join('\n');
    const res = handleAnalyze(req(12, text));
    expect(res.kind).toBe('result');
    if (res.kind !== 'result') return;
    const clone = structuredClone(res);
    const conv = clone.analysis.layers.find((l) => l.name === 'conv1');
    expect(conv?.outputs[0]).toEqual([1, 16, 32, 32]);
    // 16·3·3·3 weights + 16 biases; MACs = 432 × 32·32 output positions.
    expect(conv?.params).toBe(448);
    expect(conv?.macs).toBe(442_368);
    expect(clone.analysis.blobShapes.get('conv1')).toEqual([1, 16, 32, 32]);
  });
});

/** A minimal AnalysisResult-shaped object with n layers (only what the handler reads). */
function analyzeTextShape(n: number): ReturnType<typeof analyzeText> {
  return { layers: new Array(n).fill({}), graph: { nodes: [] } } as unknown as ReturnType<typeof analyzeText>;
}

describe('AnalysisQueue (worker side)', () => {
  it('collapses a burst into the newest request and honours cancel', () => {
    const posted: WorkerResponse[] = [];
    const runs: (() => void)[] = [];
    const seenIds: number[] = [];
    const q = new AnalysisQueue(
      (r) => posted.push(r),
      (run) => runs.push(run),
      () => 0,
    );
    // Use a text over the limit so the answer is deterministic without a reader.
    const big = 'x'.repeat(MAX_TEXT_LENGTH + 1);
    q.receive(req(1, big));
    q.receive(req(2, big));
    q.receive(req(3, big));
    expect(runs).toHaveLength(1);
    runs.shift()!();
    for (const p of posted) seenIds.push(p.id);
    expect(seenIds).toEqual([3]);

    q.receive(req(4, big));
    q.receive({ kind: 'cancel', id: 4 });
    runs.shift()!();
    expect(posted).toHaveLength(1);
  });
});

class FakeWorker implements WorkerLike {
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(msg: WorkerRequest): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(res: WorkerResponse): void {
    this.onmessage?.({ data: res });
  }
}

function result(id: number, layers = 1): WorkerResponse {
  return { kind: 'result', id, analysis: analyzeTextShape(layers), elapsedMs: 1, tooLargeToDraw: false };
}

describe('AnalysisClient', () => {
  let workers: FakeWorker[];
  let results: number[];
  let errors: string[];
  let busy: boolean[];
  let client: AnalysisClient;
  const params = (text: string) => ({ text, batch: 1 as const, inputs: {} });

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    results = [];
    errors = [];
    busy = [];
    client = new AnalysisClient(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      {
        onResult: (r) => results.push(r.id),
        onError: (m) => errors.push(m),
        onBusy: (b) => busy.push(b),
      },
      { timeoutMs: 1000, now: () => 0 },
    );
  });
  afterEach(() => {
    client.dispose();
    vi.useRealTimers();
  });

  it('sends an edit made while idle at once, and coalesces the edits made while busy into the newest text', () => {
    client.request(params('a'));
    // No timer stands between the keystroke and the worker.
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual([{ kind: 'analyze', id: 1, text: 'a', batch: 1, inputs: {} }]);
    client.request(params('ab'));
    client.request(params('abc'));
    vi.advanceTimersByTime(500);
    expect(workers[0]!.sent).toHaveLength(1);
    workers[0]!.reply(result(1));
    expect(results).toEqual([1]);
    expect(workers[0]!.sent[1]).toEqual({ kind: 'analyze', id: 2, text: 'abc', batch: 1, inputs: {} });
    workers[0]!.reply(result(2));
    expect(results).toEqual([1, 2]);
    expect(busy).toEqual([true, true, true, false]);
  });

  it('keeps one request in flight, coalesces edits made meanwhile, and ignores unknown ids', () => {
    client.request(params('v1'));
    const w = workers[0]!;
    client.request(params('v2'));
    client.request(params('v3'));
    vi.advanceTimersByTime(30);
    expect(w.sent.map((m) => m.id)).toEqual([1]); // v2, v3 wait for the worker
    w.reply(result(99)); // not the request in flight: dropped
    expect(results).toEqual([]);
    w.reply(result(1));
    expect(results).toEqual([1]);
    expect(w.sent).toHaveLength(2);
    expect(w.sent[1]).toMatchObject({ id: 2, text: 'v3' });
    w.reply(result(1)); // a duplicate of an answered request: dropped
    w.reply(result(2));
    expect(results).toEqual([1, 2]);
    expect(busy.at(-1)).toBe(false);
  });

  it('terminates and restarts a worker stuck on a huge input, and drops its late answer', () => {
    client.request(params('huge'));
    const stuck = workers[0]!;
    vi.advanceTimersByTime(1000);
    expect(stuck.terminated).toBe(true);
    expect(errors).toEqual([
      'analysis stopped after 1 s (input too large or too complex); the last good result is kept',
    ]);
    stuck.reply(result(1)); // a terminated worker's answer never counts
    expect(results).toEqual([]);
    client.request(params('small'));
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent[0]).toMatchObject({ id: 2, text: 'small' });
    workers[1]!.reply(result(2));
    expect(results).toEqual([2]);
    expect(client.startedWorkers).toBe(2);
  });

  it('reports a worker crash and recovers on the next edit', () => {
    client.request(params('x'));
    workers[0]!.onerror?.({ message: 'out of memory' });
    expect(errors).toEqual(['analysis worker failed: out of memory']);
    expect(workers[0]!.terminated).toBe(true);
    client.request(params('y'));
    expect(workers).toHaveLength(2);
    workers[1]!.reply({ kind: 'error', id: 2, message: 'analysis failed: bad' });
    expect(errors.at(-1)).toBe('analysis failed: bad');
  });
});

describe('forThePage', () => {
  it('drops attribute spans and keeps every node, span and figure', async () => {
    const { analyzeText } = await import('../index');
    const { forThePage } = await import('./handler');
    const text =
      'name: "t"\ninput: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\nlayer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 } }\n';
    const a = analyzeText(text, { batch: 1, inputs: {} });
    const { attrSpansOf } = await import('../ir');
    // Caffe prototxt: the spans are made on demand, from the text the node's span source holds.
    expect(a.graph.nodes[0]!.attrSpans).toBeUndefined();
    expect(attrSpansOf(a.graph.nodes[0]!)?.['convolution_param.kernel_size']).toMatchObject({
      line: 4,
      column: text.split('\n')[3]!.indexOf('kernel_size') + 1,
    });
    const p = structuredClone(forThePage(a));
    expect(p.graph.nodes).toHaveLength(1);
    expect(attrSpansOf(p.graph.nodes[0]!)).toBeUndefined();
    expect(p.graph.nodes[0]!.span).toEqual(a.graph.nodes[0]!.span);
    expect(p.graph.nodes[0]!.attrs).toEqual({ convolution_param: { num_output: 4, kernel_size: 3 } });
    expect(p.layers[0]!.macs).toBe(4 * 6 * 6 * 3 * 9);
    expect(p.layers).toEqual(a.layers);
  });
});
