import type { IRGraph, Shape } from '../ir';
import type { GraphIndex } from './graph-index';
import type { LayerResult } from './types';

/** One activation buffer: its bytes, reads still to come, and whether it is currently held. */
interface Buffer {
  size: number;
  pending: number;
  alive: boolean;
}

/**
 * Peak activation memory of a forward pass in the given layer order: a buffer is allocated
 * when its blob is produced (in-place tops share their bottom's buffer) and freed after its
 * last reader has run. Graph outputs stay live to the end. `shapes` holds each blob's shape
 * by index (undefined or null when unknown).
 */
export function peakActivationBytes(
  graph: IRGraph,
  index: GraphIndex,
  layers: readonly LayerResult[],
  shapes: readonly (Shape | null | undefined)[],
  bytesPerElement: number,
): number {
  const { blobs, bottomStart, bottomIdx, topStart, topIdx } = index;
  // A buffer is named by the blob that first allocated it; bufferOf maps each blob to its buffer.
  // Resolve every id first (an id the blob map lacks gets an index), then size the tables.
  const outputIdx = graph.outputs.map((id) => index.indexOf(id));
  const inputIdx = graph.inputs.map((inp) => (inp.node === undefined ? index.indexOf(inp.blob) : -1));
  const count = index.ids.length;
  const bufferNamed = new Array<Buffer | undefined>(count).fill(undefined);
  const bufferOf = new Array<Buffer | undefined>(count).fill(undefined);
  const isOutput = new Uint8Array(count);
  for (const i of outputIdx) isOutput[i] = 1;
  const size = (blob: number) => {
    const s = shapes[blob];
    if (!s) return 0;
    let n = 1;
    for (const d of s) n *= d;
    return n * bytesPerElement;
  };

  let live = 0;
  let peak = 0;
  const named = (id: number) => (bufferNamed[id] ??= { size: 0, pending: 0, alive: false });
  const allocate = (blob: number, buf: Buffer) => {
    bufferOf[blob] = buf;
    if (!buf.alive) {
      buf.size = size(blob);
      buf.alive = true;
      live += buf.size;
    }
    buf.pending += (blobs[blob]?.consumers.length ?? 0) + isOutput[blob]!;
  };
  for (const i of inputIdx) if (i >= 0) allocate(i, named(i));
  peak = live;

  for (const layer of layers) {
    const node = graph.nodes[layer.index]!;
    const n = layer.index;
    const b0 = bottomStart[n]!;
    const b1 = bottomStart[n + 1]!;
    const t0 = topStart[n]!;
    const t1 = topStart[n + 1]!;
    for (let t = t0; t < t1; t++) {
      const top = topIdx[t]!;
      if (node.inPlace[t - t0]) {
        const name = blobs[top]?.name;
        let buf: Buffer | undefined;
        for (let b = b0; b < b1; b++) {
          const bottom = bottomIdx[b]!;
          if (blobs[bottom]?.name === name) {
            buf = bufferOf[bottom];
            break;
          }
        }
        if (buf !== undefined) {
          allocate(top, buf);
          continue;
        }
      }
      allocate(top, named(top));
    }
    peak = Math.max(peak, live);
    for (let b = b0; b < b1; b++) {
      const buf = bufferOf[bottomIdx[b]!];
      if (buf === undefined) continue;
      buf.pending -= 1;
      if (buf.pending <= 0 && buf.alive) {
        live -= buf.size;
        buf.alive = false;
      }
    }
    // Tops nobody reads (e.g. an unused second top) are freed at once.
    for (let t = t0; t < t1; t++) {
      const buf = bufferOf[topIdx[t]!];
      if (buf !== undefined && buf.pending <= 0 && buf.alive) {
        live -= buf.size;
        buf.alive = false;
      }
    }
  }
  return peak;
}
