// Part of `npm run bench:big`: the 20 MB model read + analysed in a dedicated worker of headless
// Chromium (Debian's /usr/bin/chromium), the engine the app's analysis runs in: Node's older V8
// is several times slower at inserting into a map of 100,000+ entries, which the read does once
// per name. Prints the first run and the median of the next ones, next to JSON.parse of the
// same model's Caffe JSON in the same worker, and the load average; asserts nothing.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function benchBigBrowser() {
  if (!existsSync('/usr/bin/chromium')) {
    console.log('  in Chromium: skipped (needs /usr/bin/chromium)');
    return;
  }
  const layers = Number(process.env.BENCH_BIG_LAYERS ?? 175_000);
  const runs = Number(process.env.BENCH_BIG_RUNS ?? 3);
  const bundle = await build({
    entryPoints: [path.join(here, 'bench-big-worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  const code = bundle.outputFiles[0].text;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    const r = await page.evaluate(
      ({ code, layers, runs }) =>
        new Promise((resolve, reject) => {
          const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
          const w = new Worker(url);
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage({ layers, runs });
        }),
      { code, layers, runs },
    );
    const load = loadavg().map((l) => l.toFixed(2));
    const version = /Chrome\/([\d.]+)/.exec(r.userAgent)?.[1] ?? '?';
    const anchor = median(r.anchor.slice(1));
    const row = (label, xs) => {
      const later = median(xs.slice(1));
      console.log(
        `  ${label.padEnd(44)} ${later.toFixed(0).padStart(6)} ms wall (first run ${xs[0].toFixed(0)} ms)  ${(later / anchor).toFixed(2).padStart(6)}× JSON.parse`,
      );
    };
    console.log(
      `20 MB model in a dedicated worker of Chromium ${version} (the app's engine): ${r.mb.toFixed(1)} MB, ${r.nodes} layers (median of ${runs} after a first run; target parse + analysis < 2,000 ms; load average ${load.join(' ')})`,
    );
    console.log(
      `  ${'JSON.parse of the Caffe JSON form (anchor)'.padEnd(44)} ${anchor.toFixed(0).padStart(6)} ms wall`,
    );
    row('read: parse + convert + build (readModel)', r.read);
    row('parse + analysis (the target)', r.full);
    row('worker → page copy (structuredClone)', r.copy);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchBigBrowser();
