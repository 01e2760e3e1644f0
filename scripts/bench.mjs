// `npm run bench`: bundles the benchmark with esbuild (as the browser gets the code: no tsx
// name-keeping wrappers) and runs it in this Node process. Prints medians; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-'));
for (const entry of ['bench-core.ts', 'bench-layout.ts']) {
  const outfile = path.join(outDir, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // elkjs's bundled build references optional web-worker support it never loads in Node.
    external: ['web-worker'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  process.env.LAYERSCOPE_REPO = path.resolve(here, '..');
  const mod = await import(pathToFileURL(outfile).href);
  if (mod.benchLayout) {
    console.log('ELK layout in Node (median of 5 runs after a warm-up)');
    mod.printLayoutBench(await mod.benchLayout(5));
  }
  console.log('');
}

// Headless Chromium against the built app: paste → first graph paint, keystroke → figures.
const { benchPaint } = await import('./bench-paint.mjs');
await benchPaint();
