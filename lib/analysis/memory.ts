import type { IRGraph, Shape } from '../ir';
import type { GraphIndex } from './graph-index';
import type { LayerResult } from './types';

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
  // A buffer is named by the blob that first allocated it (its index); bufferOf maps each blob to
  // its buffer. Flat typed arrays: no object per blob. Resolve every id first (an id the blob map
  // lacks gets an index), then size the tables.
  const outputIdx = graph.outputs.map((id) => index.indexOf(id));
  const inputIdx = graph.inputs.map((inp) => (inp.node === undefined ? index.indexOf(inp.blob) : -1));
  const count = index.ids.length;
  const bufferOf = new Int32Array(count).fill(-1);
  const bufSize = new Float64Array(count);
  const pending = new Int32Array(count);
  const alive = new Uint8Array(count);
  const isOutput = new Uint8Array(count);
  for (const i of outputIdx) isOutput[i] = 1;
  const size = (blob: number) => {
    const s = shapes[blob];
    if (!s) return 0;
    let n = 1;
    for (let i = 0; i < s.length; i++) n *= s[i]!;
    return n * bytesPerElement;
  };

  let live = 0;
  let peak = 0;
  const allocate = (blob: number, buf: number) => {
    bufferOf[blob] = buf;
    if (!alive[buf]) {
      bufSize[buf] = size(blob);
      alive[buf] = 1;
      live += bufSize[buf]!;
    }
    pending[buf]! += (blobs[blob]?.consumers.length ?? 0) + isOutput[blob]!;
  };
  const release = (buf: number) => {
    if (pending[buf]! <= 0 && alive[buf]) {
      live -= bufSize[buf]!;
      alive[buf] = 0;
    }
  };
  for (const i of inputIdx) if (i >= 0) allocate(i, i);
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
        let buf = -1;
        for (let b = b0; b < b1; b++) {
          const bottom = bottomIdx[b]!;
          if (blobs[bottom]?.name === name) {
            buf = bufferOf[bottom]!;
            break;
          }
        }
        if (buf >= 0) {
          allocate(top, buf);
          continue;
        }
      }
      allocate(top, top);
    }
    if (live > peak) peak = live;
    for (let b = b0; b < b1; b++) {
      const buf = bufferOf[bottomIdx[b]!]!;
      if (buf < 0) continue;
      pending[buf]! -= 1;
      release(buf);
    }
    // Tops nobody reads (e.g. an unused second top) are freed at once.
    for (let t = t0; t < t1; t++) {
      const buf = bufferOf[topIdx[t]!]!;
      if (buf >= 0) release(buf);
    }
  }
  return peak;
}
