import type { IRGraph, Shape } from '../ir';
import type { LayerResult } from './types';

/**
 * Peak activation memory of a forward pass in the given layer order: a buffer is allocated
 * when its blob is produced (in-place tops share their bottom's buffer) and freed after its
 * last reader has run. Graph outputs stay live to the end.
 */
export function peakActivationBytes(
  graph: IRGraph,
  layers: readonly LayerResult[],
  blobShapes: ReadonlyMap<string, Shape | null>,
  bytesPerElement: number,
): number {
  const bufferOf = new Map<string, string>(); // blob id → buffer id
  const bufferSize = new Map<string, number>();
  const pending = new Map<string, number>(); // buffer id → remaining reads
  const outputs = new Set(graph.outputs);
  const size = (blob: string) => {
    const s = blobShapes.get(blob);
    if (!s) return 0;
    let n = 1;
    for (const d of s) n *= d;
    return n * bytesPerElement;
  };
  const readsOf = (blob: string) => (graph.blobs.get(blob)?.consumers.length ?? 0) + (outputs.has(blob) ? 1 : 0);

  let live = 0;
  let peak = 0;
  const allocate = (blob: string, buffer: string) => {
    bufferOf.set(blob, buffer);
    if (!bufferSize.has(buffer)) {
      const bytes = size(blob);
      bufferSize.set(buffer, bytes);
      live += bytes;
    }
    pending.set(buffer, (pending.get(buffer) ?? 0) + readsOf(blob));
  };
  for (const inp of graph.inputs) if (inp.node === undefined) allocate(inp.blob, inp.blob);
  peak = live;

  for (const layer of layers) {
    const node = graph.nodes[layer.index]!;
    node.tops.forEach((top, i) => {
      if (node.inPlace[i]) {
        const name = graph.blobs.get(top)?.name;
        const src = node.bottoms.find((b) => graph.blobs.get(b)?.name === name);
        const buf = src !== undefined ? bufferOf.get(src) : undefined;
        if (buf !== undefined) {
          allocate(top, buf);
          return;
        }
      }
      allocate(top, top);
    });
    peak = Math.max(peak, live);
    for (const b of node.bottoms) {
      const buf = bufferOf.get(b);
      if (buf === undefined) continue;
      const left = (pending.get(buf) ?? 0) - 1;
      pending.set(buf, left);
      if (left <= 0) {
        live -= bufferSize.get(buf) ?? 0;
        bufferSize.delete(buf);
      }
    }
    // Tops nobody reads (e.g. an unused second top) are freed at once.
    for (const top of node.tops) {
      const buf = bufferOf.get(top);
      if (buf !== undefined && (pending.get(buf) ?? 0) <= 0 && bufferSize.has(buf)) {
        live -= bufferSize.get(buf) ?? 0;
        bufferSize.delete(buf);
      }
    }
  }
  return peak;
}
