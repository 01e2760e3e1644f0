// Copies the runtime assets the app self-hosts (no CDN, works offline) from node_modules into
// public/. Runs before `next build` and `next dev`. Each section belongs to one feature.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pub = path.join(root, 'public');
const nm = path.join(root, 'node_modules');

function copy(from, to) {
  const src = path.join(nm, from);
  if (!existsSync(src)) throw new Error(`copy-assets: missing ${src} (run npm install)`);
  mkdirSync(path.dirname(path.join(pub, to)), { recursive: true });
  cpSync(src, path.join(pub, to), { recursive: true });
}

// --- editor (Monaco) ---
// The AMD build ("min") loads at run time from /monaco/vs with its own loader and blob-URL
// workers, so the editor never goes through the app bundler.
copy('monaco-editor/min/vs', 'monaco/vs');
// --- graph (ELK worker) ---
// elkjs's prebuilt worker runs the layout off the main thread (lib/layout/layout-client.ts loads /elk/elk-worker.min.js).
copy('elkjs/lib/elk-worker.min.js', 'elk/elk-worker.min.js');
// --- run (onnxruntime-web .wasm) ---
// The run worker imports /ort/ort.min.mjs at run time (never bundled); that build loads the
// JSEP (WASM + WebGPU) runtime from the same folder via ort.env.wasm.wasmPaths = '/ort/'.
for (const f of ['ort.min.mjs', 'ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm']) {
  copy(`onnxruntime-web/dist/${f}`, `ort/${f}`);
}

void copy;
