// Copies the runtime assets the app self-hosts (no CDN, works offline) from node_modules into
// public/. Runs before `next build` and `next dev`. Each section belongs to one feature.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
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

// --- cold open (lib/boot) ---
// The analysis worker and the boot script, each one self-contained file (the worker a classic
// script, so it starts without a module graph to fetch). Built on every build and dev start, so
// they can never be stale. The worker is also written under its content hash, the name the boot
// script starts it by (cached for good, see next.config.js); the unhashed copy serves a page
// without the boot script's global. The boot script is inlined into the page (app/boot-script.ts).
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
};
const bootDir = path.join(pub, 'boot');
rmSync(bootDir, { recursive: true, force: true });
mkdirSync(bootDir, { recursive: true });
const worker = buildSync({ ...common, entryPoints: [path.join(root, 'lib/worker/analysis.worker.ts')], write: false })
  .outputFiles[0].contents;
const hash = createHash('sha256').update(worker).digest('hex').slice(0, 12);
const workerName = `analysis-worker.${hash}.js`;
writeFileSync(path.join(bootDir, 'analysis-worker.js'), worker);
writeFileSync(path.join(bootDir, workerName), worker);
buildSync({
  ...common,
  entryPoints: [path.join(root, 'lib/boot/boot.ts')],
  outfile: path.join(bootDir, 'boot.js'),
  define: { __LS_ANALYSIS_WORKER__: JSON.stringify(`/boot/${workerName}`) },
});

void copy;
