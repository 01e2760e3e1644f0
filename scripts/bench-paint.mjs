// Headless-Chromium part of `npm run bench`: time from pasting resnet152 into the editor to the
// first painted graph (layout done, cards on screen) and to the table, plus keystroke → figures
// on screen, against the built app (`npm run build` first). Prints medians; asserts nothing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.LAYERSCOPE_SHARED ?? path.resolve(repo, '../shared');
const model = path.join(shared, 'models/caffe/resnet152.prototxt');
const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);
const PORT = 3310;

export async function benchPaint() {
  if (!existsSync(path.join(repo, '.next/BUILD_ID'))) {
    console.log('paste → first graph paint: skipped (no build; run `npm run build` first)');
    return;
  }
  if (!existsSync('/usr/bin/chromium') || !existsSync(model)) {
    console.log('paste → first graph paint: skipped (needs /usr/bin/chromium and ../shared)');
    return;
  }
  const text = readFileSync(model, 'utf8');
  const server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], { cwd: repo, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const graph = [];
    const table = [];
    const keys = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/#/preset/demo-depthwise-separable`);
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${base}/#/preset/demo-depthwise-separable`);
      await page.waitForSelector('[data-testid=editor-host] .monaco-editor', { timeout: 90_000 });
      await page.waitForSelector('[data-testid=graph-view][data-layout-state=done]', { timeout: 90_000 });
      // Record each layout completion after the paste (the demo's stale "done" must not count).
      await page.evaluate(() => {
        const v = document.querySelector('[data-testid=graph-view]');
        window.__benchDone = [];
        new window.MutationObserver(() => {
          if (v.getAttribute('data-layout-state') === 'done') window.__benchDone.push(Number(v.getAttribute('data-node-count')));
        }).observe(v, { attributes: true, attributeFilter: ['data-layout-state'] });
      });
      const t0 = Date.now();
      await page.evaluate((t) => window.monaco.editor.getEditors()[0].getModel().setValue(t), text);
      await page.waitForFunction(() => /of \d{3,} layers/.test(document.querySelector('[data-testid=table-count]')?.textContent ?? ''), null, { timeout: 60_000 });
      table.push(Date.now() - t0);
      await page.waitForFunction(
        // The new graph, not the demo's: resnet152 folds to ~210 boxes.
        () => window.__benchDone.some((n) => n > 100) && document.querySelectorAll('g.graph-node').length > 0,
        null,
        { timeout: 120_000 },
      );
      graph.push(Date.now() - t0);
      if (run === 0) {
        await page.evaluate(() => {
          window.__layerscope.updates = [];
        });
        for (let i = 0; i < 9; i++) {
          await page.evaluate((t) => window.monaco.editor.getEditors()[0].getModel().setValue(t), i % 2 === 0 ? text.replace('num_output: 64', 'num_output: 65') : text);
          await page.waitForFunction((n) => (window.__layerscope?.updates.length ?? 0) >= n, i + 1, { timeout: 20_000 });
        }
        keys.push(...(await page.evaluate(() => window.__layerscope.updates.slice())));
      }
      await page.close();
    }
    await browser.close();
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`headless Chromium, resnet152 (${RUNS} pastes, fresh page each)`);
    console.log(`  paste → table            median ${med(table)} ms  (all ${table.join(', ')})`);
    console.log(`  paste → first graph paint median ${med(graph)} ms  (all ${graph.join(', ')})`);
    console.log(`  edit → figures on screen  median ${med(keys).toFixed(0)} ms over ${keys.length} edits (target 100 ms)`);
  } finally {
    try {
      process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchPaint();
