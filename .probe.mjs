import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const { encodeShare } = await import('/tmp/cold/h.mjs');
const name = process.argv[2] ?? 'googlenet';
const text = readFileSync(`/work/shared/models/caffe/${name}.prototxt`, 'utf8');
const src = readFileSync('scripts/bench-paint.mjs', 'utf8');
const probeSrc = src.slice(src.indexOf('function paintProbe()'), src.indexOf('/** In-page: long tasks'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
page.on('console', (m) => m.type() === 'error' && console.log(`${m.type()}: ${m.text().slice(0, 500)}`));
page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
await page.addInitScript(`${probeSrc}\npaintProbe();`);
await page.addInitScript(() => { const W = window.Worker; window.Worker = class extends W { constructor(...a) { super(...a); window.__wt ??= []; window.__wt.push([String(a[0]).slice(-30), Math.round(performance.now())]); this.addEventListener('message', (e) => { if (e.data?.kind === 'boot-paint') window.__bp = { at: Math.round(performance.now()), times: e.data.times }; }); } }; });
await page.goto(`http://127.0.0.1:3130/#${encodeShare({ text })}`);
await page.waitForFunction(() => window.__paint?.at != null, null, { timeout: 60000, polling: 100 });
console.log(JSON.stringify(await page.evaluate(() => ({
  res: performance.getEntriesByType('resource').filter((e) => /analysis-worker/.test(e.name)).map((e) => [Math.round(e.startTime), Math.round(e.responseEnd)]),
  nav: Math.round(performance.getEntriesByType('navigation')[0].responseEnd),
  wt: window.__wt, bp: window.__bp, boot: Math.round(window.__paint.bootAt), react: Math.round(window.__paint.at) }))));
if (i === 0) await page.screenshot({ path: `/tmp/cold/${name}-after.png` });
await ctx.close();
}
await browser.close();
