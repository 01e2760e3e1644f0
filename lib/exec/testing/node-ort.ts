import fs from 'node:fs';
import type { Ort, PrintCapture } from '../engine';

let ortPromise: Promise<Ort> | null = null;

/** Test-only: onnxruntime-web's WASM backend in Node, single-threaded (Vitest workers share 2 cores). */
export function nodeOrt(): Promise<Ort> {
  ortPromise ??= import('onnxruntime-web').then((ort) => {
    ort.env.wasm.numThreads = 1;
    return ort as unknown as Ort;
  });
  return ortPromise;
}

/**
 * Test-only: in Node, Emscripten prints through fs.writeSync(1, …) (looked up at each call), so
 * swapping that function for the duration of a capture collects the profiler's output.
 */
export function nodePrintCapture(): PrintCapture {
  const original = fs.writeSync;
  let chunks: string[] = [];
  return {
    start() {
      chunks = [];
      (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd === 1 && typeof data === 'string') {
          chunks.push(data);
          return data.length;
        }
        return (original as (...a: unknown[]) => number)(fd, data, ...rest);
      };
    },
    stop() {
      (fs as { writeSync: unknown }).writeSync = original;
      return chunks.join('');
    },
  };
}
