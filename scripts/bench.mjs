// `npm run bench`: bundles the benchmark with esbuild (as the browser gets the code: no tsx
// name-keeping wrappers) and runs it in this Node process. Prints medians; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-'));
// `node scripts/bench.mjs big`: the 20 MB model alone (npm run bench:big); `core`: the corpus
// parse + analysis table alone (npm run bench:core), both without the browser part.
const only = process.argv[2];
const entries =
  only === 'big'
    ? ['bench-big.ts']
    : only === 'core'
      ? ['bench-core.ts']
      : ['bench-core.ts', 'bench-big.ts', 'bench-layout.ts'];
for (const entry of entries) {
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
    const { loadavg } = await import('node:os');
    console.log(
      `Graph layout in Node: the page's fast layout, median of 5 runs after a warm-up (load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${(await import('node:os')).cpus().length} cores)`,
    );
    mod.printLayoutBench(mod.benchLayout(5));
    const elk = await mod.benchElkCold(5);
    if (elk)
      console.log(
        `  ELK (no longer used by the page) on resnet152, ${elk.nodes} boxes: first layout of the process ${elk.firstMs.toFixed(0)} ms, ` +
          `then median ${elk.warmMs.toFixed(0)} ms: a fresh page pays the first figure (cold JIT), which is why it took seconds in the browser`,
      );
  }
  console.log('');
}

// The 20 MB model in Chromium's engine, where the app analyses it (bench:big and the full bench).
if (only !== 'core') {
  const { benchBigBrowser } = await import('./bench-big-browser.mjs');
  await benchBigBrowser();
  console.log('');
}

// Headless Chromium against the built app: paste → first graph paint, keystroke → figures.
if (only !== 'big' && only !== 'core') {
  const { benchPaint } = await import('./bench-paint.mjs');
  await benchPaint();
}
