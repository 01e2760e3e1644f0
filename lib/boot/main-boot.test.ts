import { describe, expect, it } from 'vitest';
import { getPreset } from '../presets';
import { encodeShare, encodeShareBinary } from '../share/codec';
import { syntheticPrototxt } from '../testing/synthetic';
import type { AnalyzeResultResponse, WorkerResponse } from '../worker/protocol';
import { bootOnMain, MAIN_BOOT_MAX_CHARS } from './main-boot';
import type { BootPaint, BootRequest } from './protocol';
import { handleBoot } from './worker-boot';

const request = (fragment: string): BootRequest => ({
  kind: 'boot',
  fragment,
  read: null,
  paint: true,
  theme: 'dark',
  viewport: { width: 1280, height: 800 },
});

/** Runs the main-thread boot with its tasks queued, counting them. */
function onMain(req: BootRequest) {
  const out: { paint: BootPaint | null; result: WorkerResponse | null; toWorker: boolean; tasks: number } = {
    paint: null,
    result: null,
    toWorker: false,
    tasks: 1,
  };
  const queue: (() => void)[] = [];
  bootOnMain(
    req,
    { paint: (p) => (out.paint = p), result: (r) => (out.result = r), toWorker: () => (out.toWorker = true) },
    (fn) => queue.push(fn),
    () => 0,
  );
  while (queue.length > 0) {
    out.tasks++;
    queue.shift()!();
  }
  return out;
}

describe('boot analysis on the main thread', () => {
  it('gives the picture and the result the worker would, in four tasks', () => {
    const text = getPreset('squeezenet1.1')!.text;
    const req = request(encodeShare({ text }));
    const main = onMain(req);
    const posted: unknown[] = [];
    const worker = handleBoot(
      req,
      (m) => posted.push(m),
      () => 0,
    ) as AnalyzeResultResponse;
    expect(main.toWorker).toBe(false);
    expect(main.tasks).toBe(4);
    const r = main.result as AnalyzeResultResponse;
    expect(r.kind).toBe('result');
    expect(r.id).toBe(0);
    // The same analysis, field for field, as the worker's answer to the same link (as posted:
    // a structured clone, without the nodes' span source).
    expect({ ...r, elapsedMs: 0 }).toEqual({ ...structuredClone(worker), elapsedMs: 0 });
    expect(r.analysis.layers.length).toBeGreaterThan(20);
    const workerPaint = posted.find((m) => (m as { kind: string }).kind === 'boot-paint') as BootPaint;
    expect(main.paint).not.toBeNull();
    expect(main.paint!.markup).toBe(workerPaint.markup);
    expect(main.paint!.nodeCount).toBe(workerPaint.nodeCount);
    expect(main.paint!.theme).toBe('dark');
  });

  it('hands the result over as a structured clone, as a worker message would be', () => {
    const main = onMain(request(encodeShare({ text: getPreset('squeezenet1.1')!.text })));
    const r = main.result as AnalyzeResultResponse;
    // Nothing frozen or shared with the analysis's own objects: the app may treat it as its own.
    expect(Object.isFrozen(r.analysis.layers)).toBe(false);
    for (const l of r.analysis.layers) expect(Object.isFrozen(l.inputShapes)).toBe(false);
  });

  it('leaves a long text and a binary link to the worker', () => {
    const long = syntheticPrototxt(3000);
    expect(long.length).toBeGreaterThan(MAIN_BOOT_MAX_CHARS);
    const a = onMain(request(encodeShare({ text: long })));
    expect(a).toMatchObject({ toWorker: true, paint: null, result: null, tasks: 1 });
    const b = onMain(request(encodeShareBinary({ name: 'm.onnx', bytes: new Uint8Array([8, 7, 18, 0]) })));
    expect(b).toMatchObject({ toWorker: true, paint: null, result: null });
  });

  it('still hands the result over when drawing the picture fails (the app is waiting for it)', () => {
    const queue: (() => void)[] = [];
    const results: WorkerResponse[] = [];
    bootOnMain(
      request(encodeShare({ text: getPreset('squeezenet1.1')!.text })),
      {
        paint: () => {
          throw new Error('no graph view');
        },
        result: (r) => results.push(r),
        toWorker: () => undefined,
      },
      (fn) => queue.push(fn),
    );
    expect(() => {
      while (queue.length > 0) queue.shift()!();
    }).toThrow('no graph view');
    expect(results.map((r) => r.kind)).toEqual(['result']);
  });

  it('sends no picture for a link the page would show otherwise, but still the result', () => {
    const text = getPreset('squeezenet1.1')!.text;
    const main = onMain(
      request(
        encodeShare({ text, view: { direction: 'TB', colorMode: 'category', batch: 1, selected: 'fire2/squeeze1x1' } }),
      ),
    );
    expect(main.paint).toBeNull();
    expect(main.result?.kind).toBe('result');
  });
});
