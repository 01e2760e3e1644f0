// Copies the runtime assets the app self-hosts (no CDN, works offline) from node_modules into
// public/. Runs before `next build` and `next dev`. Each section belongs to one feature.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build, buildSync } from 'esbuild';
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
const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
// The ONNX reader and ops (~40% of the worker, protobufjs included) are a part of their own that
// the worker loads on its first ONNX file (lib/worker/onnx-lazy): a Caffe or Keras link's cold
// open fetches and compiles that much less before its picture.
const onnxPart = buildSync({ ...common, entryPoints: [path.join(root, 'lib/worker/onnx-lazy/part.ts')], write: false })
  .outputFiles[0].contents;
const onnxPartName = `onnx-part.${hashOf(onnxPart)}.js`;
writeFileSync(path.join(bootDir, onnxPartName), onnxPart);
/** Resolves lib/parse/index.ts's and lib/ops/registry.ts's `./onnx` to the stand-ins that load the part. */
const lazyOnnx = {
  name: 'lazy-onnx',
  setup(b) {
    const stand = {
      [path.join(root, 'lib/parse/index.ts')]: 'lib/worker/onnx-lazy/parse-onnx.ts',
      [path.join(root, 'lib/ops/registry.ts')]: 'lib/worker/onnx-lazy/ops-onnx.ts',
    };
    b.onResolve({ filter: /^\.\/onnx$/ }, (args) =>
      stand[args.importer] ? { path: path.join(root, stand[args.importer]) } : undefined,
    );
  },
};
// (Plugins need esbuild's asynchronous API.)
const workerBuild = await build({
  ...common,
  entryPoints: [path.join(root, 'lib/worker/analysis.worker.ts')],
  write: false,
  metafile: true,
  plugins: [lazyOnnx],
  define: { __LS_ONNX_PART__: JSON.stringify(`/boot/${onnxPartName}`) },
});
const leaked = Object.keys(workerBuild.metafile.inputs).filter((f) =>
  /protobufjs|lib\/(parse|ops)\/onnx\/index/.test(f),
);
if (leaked.length > 0) throw new Error(`copy-assets: the analysis worker bundles the ONNX part: ${leaked.join(', ')}`);
const worker = workerBuild.outputFiles[0].contents;
const hash = hashOf(worker);
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
