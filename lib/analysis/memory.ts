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
  // One record per buffer (keyed by the blob id that first allocated it), so each step is a
  // single map lookup instead of one per bookkeeping table.
  const buffers = new Map<string, Buffer>();
  const bufferOf = new Map<string, Buffer>(); // blob id → its buffer
  const outputs = new Set(graph.outputs);
  const blobs = graph.blobs;
  const size = (blob: string) => {
    const s = blobShapes.get(blob);
    if (!s) return 0;
    let n = 1;
    for (const d of s) n *= d;
    return n * bytesPerElement;
  };

  let live = 0;
  let peak = 0;
  const bufferNamed = (id: string) => {
    let buf = buffers.get(id);
    if (buf === undefined) {
      buf = { size: 0, pending: 0, alive: false };
      buffers.set(id, buf);
    }
    return buf;
  };
  const allocate = (blob: string, buf: Buffer) => {
    bufferOf.set(blob, buf);
    if (!buf.alive) {
      buf.size = size(blob);
      buf.alive = true;
      live += buf.size;
    }
    buf.pending += (blobs.get(blob)?.consumers.length ?? 0) + (outputs.has(blob) ? 1 : 0);
  };
  for (const inp of graph.inputs) if (inp.node === undefined) allocate(inp.blob, bufferNamed(inp.blob));
  peak = live;

  for (const layer of layers) {
    const node = graph.nodes[layer.index]!;
    const tops = node.tops;
    for (let i = 0; i < tops.length; i++) {
      const top = tops[i]!;
      if (node.inPlace[i]) {
        const name = blobs.get(top)?.name;
        const src = node.bottoms.find((b) => blobs.get(b)?.name === name);
        const buf = src !== undefined ? bufferOf.get(src) : undefined;
        if (buf !== undefined) {
          allocate(top, buf);
          continue;
        }
      }
      allocate(top, bufferNamed(top));
    }
    peak = Math.max(peak, live);
    for (const b of node.bottoms) {
      const buf = bufferOf.get(b);
      if (buf === undefined) continue;
      buf.pending -= 1;
      if (buf.pending <= 0 && buf.alive) {
        live -= buf.size;
        buf.alive = false;
      }
    }
    // Tops nobody reads (e.g. an unused second top) are freed at once.
    for (const top of tops) {
      const buf = bufferOf.get(top);
      if (buf !== undefined && buf.pending <= 0 && buf.alive) {
        live -= buf.size;
        buf.alive = false;
      }
    }
  }
  return peak;
}

/** One activation buffer: its bytes, reads still to come, and whether it is currently held. */
interface Buffer {
  size: number;
  pending: number;
  alive: boolean;
}
