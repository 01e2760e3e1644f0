import { expect, test } from '@playwright/test';
import { getPreset } from '../lib/presets';
import { encodeShare } from '../lib/share/codec';
import { syntheticPrototxt } from '../lib/testing/synthetic';
import { analyzeText } from '../lib';

/** What the boot picture showed when it was put on screen (recorded in the page: it lives for a few hundred ms). */
interface BootRecord {
  at: number;
  nodeCount: number;
  status: string;
  cards: { name: string; costs: string; x: number; y: number; w: number; h: number }[];
  removedAt: number | null;
}

/** In-page: records the boot picture as it is appended, and when it is removed. */
function recordBoot() {
  const w = window as unknown as { __bootRecord?: BootRecord };
  new MutationObserver((list) => {
    for (const m of list) {
      for (const n of m.addedNodes) {
        if (!(n instanceof HTMLElement) || n.dataset.testid !== 'graph-boot') continue;
        w.__bootRecord = {
          at: performance.now(),
          nodeCount: Number(n.dataset.nodeCount),
          status: n.querySelector('[data-testid=graph-boot-status]')?.textContent ?? '',
          cards: [...n.querySelectorAll('g.boot-node')].map((g) => {
            const r = g.querySelector('rect')!.getBoundingClientRect();
            return {
              name: g.getAttribute('data-node-name') ?? '',
              costs: g.querySelector('.boot-node-costs')?.textContent ?? '',
              x: r.x,
              y: r.y,
              w: r.width,
              h: r.height,
            };
          }),
          removedAt: null,
        };
      }
      for (const n of m.removedNodes)
        if (n instanceof HTMLElement && n.dataset.testid === 'graph-boot' && w.__bootRecord)
          w.__bootRecord.removedAt = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** In-page: records the kind of every request posted to a worker. */
function countRequests() {
  const w = window as unknown as { __requests: string[] };
  w.__requests = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: [StructuredSerializeOptions?]) {
    const kind = (msg as { kind?: unknown } | null)?.kind;
    if (kind === 'analyze' || kind === 'boot') w.__requests.push(String(kind));
    return post.call(this, msg, ...rest);
  } as typeof Worker.prototype.postMessage;
}

test.describe('cold open of a share link', () => {
  test('the graph is painted before the app starts, then the interactive view replaces it in place', async ({
    browser,
  }) => {
    const preset = getPreset('squeezenet1.1')!;
    const fragment = encodeShare({ text: preset.text });
    // A fresh context: nothing cached, nothing stored (a cold open).
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
    await page.addInitScript(recordBoot);
    await page.addInitScript(countRequests);
    await page.goto(`/#${fragment}`);

    // The app's own view: laid out, its cards painted, the boot picture gone.
    const graph = page.getByTestId('graph-view');
    await expect(graph).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
    await expect(page.locator('g.graph-node').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('graph-boot')).toHaveCount(0, { timeout: 30_000 });

    const boot = await page.evaluate(() => (window as unknown as { __bootRecord?: BootRecord }).__bootRecord ?? null);
    expect(boot, 'the boot picture was drawn').not.toBeNull();
    // A small model is read, analysed and drawn on the page itself (lib/boot/main-boot), and the
    // app takes that result: the worker was never asked to analyse this text, by the boot or the app.
    expect(await page.evaluate(() => window.__lsBoot?.mode)).toBe('main');
    expect(await page.evaluate(() => (window as unknown as { __requests: string[] }).__requests)).toEqual([]);
    const b = boot!;
    expect(b.removedAt).not.toBeNull();
    expect(b.status).toBe('Loading the app…');
    // The same view graph as the app's (same node count), with real names and figures.
    expect(b.nodeCount).toBe(Number(await graph.getAttribute('data-node-count')));
    expect(b.cards.length).toBeGreaterThan(5);
    const names = b.cards.map((c) => c.name);
    expect(names).toContain('conv1');
    expect(names).toContain('fire2/squeeze1x1');

    // Every card the app shows where the boot picture showed one: same place, same size, same figures.
    let compared = 0;
    for (const c of b.cards) {
      const card = page.locator(`g.graph-node[data-node-name="${c.name}"]`);
      if ((await card.count()) === 0) continue;
      const r = await card.locator('rect').first().boundingBox();
      if (!r) continue;
      expect(Math.abs(r.x - c.x), `${c.name} x`).toBeLessThan(1.5);
      expect(Math.abs(r.y - c.y), `${c.name} y`).toBeLessThan(1.5);
      expect(Math.abs(r.width - c.w), `${c.name} width`).toBeLessThan(1.5);
      expect(await card.locator('.graph-node-costs').textContent()).toBe(c.costs);
      compared++;
    }
    expect(compared).toBeGreaterThan(5);
    const conv1 = b.cards.find((c) => c.name === 'conv1')!;
    expect(conv1.costs).toMatch(/^[\d.]+[kMGT]? MACs {2}[\d.]+[kMGT]? params$/);

    // The interactive view: a card click selects the layer.
    await page.locator('g.graph-node[data-node-name="conv1"]').click();
    await expect(page.locator('g.graph-node[data-node-name="conv1"]')).toHaveAttribute('data-selected', 'true');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a longer model is analysed by the worker instead, and the app takes that result', async ({ browser }) => {
    // 163,237 characters: over the main thread's share (lib/boot/main-boot MAIN_BOOT_MAX_CHARS).
    const text = syntheticPrototxt(1500);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.addInitScript(countRequests);
    await page.goto(`/#${encodeShare({ text })}`);
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 120_000 });
    const layers = analyzeText(text).layers.length;
    await expect(page.getByRole('tab', { name: `Layers (${layers})`, exact: true })).toBeVisible();
    expect(await page.evaluate(() => window.__lsBoot?.mode)).toBe('worker');
    // One request: the boot's. The app took its answer instead of asking again.
    expect(await page.evaluate(() => (window as unknown as { __requests: string[] }).__requests)).toEqual(['boot']);
    await ctx.close();
  });

  test('a link that asks for a selection opens without a boot picture, straight to the app', async ({ browser }) => {
    const preset = getPreset('squeezenet1.1')!;
    const fragment = encodeShare({
      text: preset.text,
      view: { selected: 'fire5/expand3x3', direction: 'TB', colorMode: 'category', batch: 1 },
    });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(recordBoot);
    await page.goto(`/#${fragment}`);
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
    await expect(page.locator('g.graph-node[data-node-name="fire5/expand3x3"]')).toHaveAttribute(
      'data-selected',
      'true',
    );
    expect(
      await page.evaluate(() => (window as unknown as { __bootRecord?: unknown }).__bootRecord ?? null),
    ).toBeNull();
    await ctx.close();
  });
});

test('the analysis worker script carries the worker policy however it is fetched (the page preloads it ahead of the worker)', async ({
  request,
}) => {
  const variants: Record<string, string>[] = [{}, { 'Sec-Fetch-Dest': 'empty' }, { 'Sec-Fetch-Dest': 'worker' }];
  for (const headers of variants) {
    const res = await request.get('/boot/analysis-worker.js', { headers });
    expect(res.ok()).toBe(true);
    const csp = res.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';");
    expect(csp).not.toContain('sha256-');
  }
});

test('every page preloads the analysis worker, which leaves the ONNX reader to a part it loads on demand', async ({
  request,
}) => {
  const html = await (await request.get('/')).text();
  const link = /<link rel="preload"[^>]*\/boot\/analysis-worker\.[0-9a-f]{12}\.js[^>]*>/.exec(html)?.[0];
  expect(link, 'the head preloads the hashed worker script').toBeTruthy();
  expect(link).toContain('as="script"');
  expect(link).toContain('fetchPriority="high"');
  const href = /\/boot\/analysis-worker\.[0-9a-f]{12}\.js/.exec(link!)![0];
  const worker = await request.get(href);
  expect(worker.headers()['cache-control']).toContain('immutable');
  const code = await worker.text();
  // protobufjs's decoder message: in the ONNX part only.
  expect(code).not.toContain('invalid wire type');
  const partUrl = /\/boot\/onnx-part\.[0-9a-f]{12}\.js/.exec(code)?.[0];
  expect(partUrl, 'the worker names its ONNX part').toBeTruthy();
  const part = await request.get(partUrl!);
  expect(part.ok()).toBe(true);
  expect(part.headers()['cache-control']).toContain('immutable');
  expect(await part.text()).toContain('invalid wire type');
});
