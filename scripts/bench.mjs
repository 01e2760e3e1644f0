// `npm run bench`: bundles the benchmark with esbuild (as the browser gets the code: no tsx
// name-keeping wrappers) and runs it in this Node process. Prints medians; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-'));
const only = process.argv[2]; // `node scripts/bench.mjs big`: the 20 MB model alone (npm run bench:big)
for (const entry of only === 'big' ? ['bench-big.ts'] : ['bench-core.ts', 'bench-big.ts', 'bench-layout.ts']) {
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
  if (mod.benchBig) mod.benchBig();
  if (mod.benchLayout) {
    console.log('ELK layout in Node (median of 5 runs after a warm-up)');
    mod.printLayoutBench(await mod.benchLayout(5));
  }
  console.log('');
}

// Headless Chromium against the built app: paste → first graph paint, keystroke → figures.
if (only !== 'big') {
  const { benchPaint } = await import('./bench-paint.mjs');
  await benchPaint();
}
