/// <reference lib="webworker" />
// Worker entry: the fast layered layout of big graphs, off the main thread. Framework-free.
import { fastLayout } from './fast-layout';
import { isFastLayoutRequest, type FastLayoutResponse } from './fast-client';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (ev: MessageEvent<unknown>) => {
  if (!isFastLayoutRequest(ev.data)) return;
  const { id, input } = ev.data;
  try {
    const r = fastLayout(input);
    const res: FastLayoutResponse = { id, result: r };
    // Transferred, not copied: a 20,000-layer graph's positions are a few MB.
    const buffers = new Set([
      r.x.buffer,
      r.y.buffer,
      r.pointStart.buffer,
      r.points.buffer,
      r.labelX.buffer,
      r.labelY.buffer,
    ]);
    scope.postMessage(res, [...buffers] as ArrayBuffer[]);
  } catch (e) {
    const res: FastLayoutResponse = { id, error: e instanceof Error ? e.message : String(e) };
    scope.postMessage(res);
  }
};
