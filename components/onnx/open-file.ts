import { detectFormat } from '@/lib/parse';
import { utf8Text } from '@/lib/parse/onnx/text-bytes';
import type { BinaryModel } from '@/lib/worker/protocol';

/** A model file the user opened: text goes into the editor, a binary model (ONNX) is analysed in place. */
export type OpenedModel =
  | { readonly kind: 'text'; readonly text: string; readonly name: string }
  | { readonly kind: 'binary'; readonly model: BinaryModel };

let nextId = 1;

/**
 * Bytes in a SharedArrayBuffer when the page is cross-origin isolated (it is: next.config.js),
 * so the analysis and run workers read the same memory instead of each getting a copy of a
 * model that may be hundreds of MB. Filled chunk by chunk from the stream: the file is never
 * held twice.
 */
async function sharedBytes(
  size: number,
  chunks: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): Promise<Uint8Array> {
  const shared = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
  const out = new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  let offset = 0;
  const reader = 'getReader' in chunks ? chunks.getReader() : null;
  const take = (c: Uint8Array) => {
    if (offset + c.length > size) throw new Error('the file grew while it was read');
    out.set(c, offset);
    offset += c.length;
  };
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
  } else for await (const c of chunks as AsyncIterable<Uint8Array>) take(c);
  return offset === size ? out : out.subarray(0, offset);
}

/** A binary model, or the text of a text model, from raw bytes. */
export function classify(bytes: Uint8Array, name: string): OpenedModel {
  if (detectFormat(bytes) === 'onnx') return { kind: 'binary', model: { bytes, name, id: nextId++ } };
  return { kind: 'text', text: utf8Text(bytes), name };
}

/** Reads a dropped or chosen file. */
export async function openModelFile(file: File): Promise<OpenedModel> {
  const bytes = await sharedBytes(file.size, file.stream() as ReadableStream<Uint8Array>);
  return classify(bytes, file.name);
}

/** Human size of a file: `79.8 kB`, `512 MB` (SI, as every byte figure of the app). */
export function fileSize(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}
