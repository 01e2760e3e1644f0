import { describe, expect, it } from 'vitest';
import { getPreset } from '../presets';
import { encodeShare } from '../share/codec';
import { syntheticPrototxt } from '../testing/synthetic';
import { AnalysisClient, type WorkerLike } from '../worker/client';
import type { AnalyzeResultResponse, WorkerRequest } from '../worker/protocol';
import { handleAnalyze } from '../worker/handler';
import { buildViewGraph } from '../layout/view-graph';
import { layoutFastNow } from '../layout/fast-view';
import { markAnalysis } from '../workspace/partial';
import { openShareFragment } from './link';
import { BOOT_REQUEST_ID, isBootPaint, type BootPaint, type BootRequest } from './protocol';
import { bootAnalyzeRequest, handleBoot } from './worker-boot';

const squeezenet = getPreset('squeezenet1.1')!.text;
const request = (fragment: string, read: string | null = null): BootRequest => ({
  kind: 'boot',
  fragment,
  read,
  paint: true,
  theme: 'light',
  viewport: { width: 1280, height: 800 },
});

function boot(req: BootRequest) {
  const posted: unknown[] = [];
  const res = handleBoot(req, (m) => posted.push(m));
  return { posted, res };
}

describe('boot worker', () => {
  it('opens a link as the workspace does, analyses it with the first request the page sends, and draws its first view', () => {
    const { posted, res } = boot(request(encodeShare({ text: squeezenet })));
    expect(res?.kind).toBe('result');
    const page = handleAnalyze(bootAnalyzeRequest(squeezenet, 1, null), () => 0) as AnalyzeResultResponse;
    const r = res as AnalyzeResultResponse;
    expect(r.id).toBe(BOOT_REQUEST_ID);
    // The same analysis as the page's own request for that text.
    expect(r.analysis.totals).toEqual(page.analysis.totals);
    expect(r.analysis.layers.map((l) => l.name)).toEqual(page.analysis.layers.map((l) => l.name));
    const paint = posted.find(isBootPaint) as BootPaint;
    expect(paint).toBeDefined();
    // As many boxes as the graph view's view graph, the first one at the top of the flow.
    const view = buildViewGraph(markAnalysis(page.analysis).analysis);
    expect(paint.nodeCount).toBe(view.nodes.length);
    const graph = layoutFastNow(view, 'DOWN');
    expect(paint.frame.width).toBe(graph.width);
    expect(paint.frame.height).toBe(graph.height);
    // Real names and figures, each card as the graph view draws it.
    const conv1 = graph.nodes.find((n) => n.name === 'conv1')!;
    expect(paint.markup).toContain(
      `<g class="boot-node" transform="translate(${conv1.x},${conv1.y})" data-node-name="conv1"`,
    );
    expect(paint.markup).toMatch(
      /data-node-name="conv1"[^]*?class="boot-node-costs"[^>]*>[\d.]+[kMG]? MACs {2}[\d.]+[kMG]? params</,
    );
    expect(paint.groups).toBeGreaterThan(0);
  });

  it('draws only what the first view can show of a long model', () => {
    const { posted } = boot(request(encodeShare({ text: syntheticPrototxt(600) })));
    const paint = posted.find(isBootPaint) as BootPaint;
    expect(paint.nodeCount).toBeGreaterThan(100);
    expect(paint.drawn).toBeGreaterThan(3);
    expect(paint.drawn).toBeLessThan(paint.nodeCount / 4);
  });

  it('uses the stored read settings as the page does', () => {
    expect(bootAnalyzeRequest('x', 1, '{"phase":"TRAIN","lenient":true}')).toMatchObject({
      phase: 'TRAIN',
      lenient: true,
    });
    expect(bootAnalyzeRequest('x', 'declared', 'garbage')).toMatchObject({ phase: 'TEST', batch: 'declared' });
    expect(bootAnalyzeRequest('x', 1, null).lenient).toBeUndefined();
  });

  it('analyses but draws nothing when the page will show the result otherwise (selection, heat map, left-to-right, input shapes)', () => {
    const views = [
      { selected: 'conv1', direction: 'TB' as const, colorMode: 'category', batch: 1 },
      { direction: 'TB' as const, colorMode: 'macs', batch: 1 },
      { direction: 'LR' as const, colorMode: 'category', batch: 1 },
      { direction: 'TB' as const, colorMode: 'category', batch: 1, inputs: { data: [1, 3, 227, 227] } },
    ];
    for (const view of views) {
      const { posted, res } = boot(request(encodeShare({ text: squeezenet, view })));
      expect(res?.kind).toBe('result');
      expect(posted.filter(isBootPaint)).toEqual([]);
    }
  });

  it('analyses but draws nothing when the page restores pane sizes (the view will move)', () => {
    const { posted, res } = boot({ ...request(encodeShare({ text: squeezenet })), paint: false });
    expect(res?.kind).toBe('result');
    expect(posted.filter(isBootPaint)).toEqual([]);
  });

  it('skips a damaged link (the page shows its message and opens its own text)', () => {
    const { posted, res } = boot(request('v1.AAAAAAAA'));
    expect(res).toBeNull();
    expect(posted).toEqual([{ kind: 'boot-skip', id: BOOT_REQUEST_ID }]);
    expect(openShareFragment('v1.AAAAAAAA').kind).toBe('error');
  });

  it('a text that cannot be read gets its errors and no picture', () => {
    const { posted, res } = boot(request(encodeShare({ text: 'layer { name: "a" type: "Convolution" bottom: ' })));
    expect(res?.kind).toBe('result');
    expect(posted.filter(isBootPaint)).toEqual([]);
  });
});

describe('analysis client adopting a started worker', () => {
  it('takes the running boot request as its own: its result is reported, the same request is not sent again', () => {
    const sent: WorkerRequest[] = [];
    const fake: WorkerLike = { postMessage: (m) => sent.push(m), terminate() {}, onmessage: null, onerror: null };
    const results: number[] = [];
    const busy: boolean[] = [];
    const client = new AnalysisClient(
      () => {
        throw new Error('no second worker');
      },
      { onResult: (r) => results.push(r.id), onError: (m) => results.push(Number(m)), onBusy: (b) => busy.push(b) },
    );
    const { res } = boot(request(encodeShare({ text: squeezenet })));
    // The result arrived before the app took the worker: replayed on adoption.
    client.adopt(fake, { id: BOOT_REQUEST_ID, textLength: squeezenet.length }, [res]);
    expect(results).toEqual([BOOT_REQUEST_ID]);
    expect(busy).toEqual([true, false]);
    expect(client.startedWorkers).toBe(1);
    // The next request goes to the same worker with a fresh id.
    client.request({ text: 'x', batch: 1, inputs: {} });
    expect(sent).toHaveLength(1);
    expect((sent[0] as { id: number }).id).toBe(1);
    fake.onmessage?.({
      data: {
        kind: 'result',
        id: BOOT_REQUEST_ID,
        analysis: (res as AnalyzeResultResponse).analysis,
        elapsedMs: 1,
        tooLargeToDraw: false,
      },
    });
    // A stale id after the adopted one is dropped.
    expect(results).toEqual([BOOT_REQUEST_ID]);
    client.dispose();
  });
});
