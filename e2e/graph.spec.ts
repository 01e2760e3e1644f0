import { expect, test, type Page } from '@playwright/test';
import { analyzeText } from '../lib/index';
import { formatSI } from '../lib/layout/format';
import { getPreset } from '../lib/presets';

/** Graph view e2e: selection, badges, search, heat map legend, blocks, direction, escaping, and a 1,000-layer model. */

async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
}

/**
 * `blocks` residual blocks of 4 layers (two branches joined by an Eltwise) with no in-place
 * layers, so every layer is its own box: 4 × blocks + 1 boxes, below the app's draw limit.
 */
function branchyPrototxt(blocks: number): string {
  const lines = ['input: "data"', 'input_shape { dim: 1 dim: 16 dim: 32 dim: 32 }'];
  let prev = 'data';
  for (let i = 0; i < blocks; i++) {
    const conv = (name: string, bottom: string, k: number) =>
      `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: 16 kernel_size: ${k} pad: ${(k - 1) / 2} } }`;
    lines.push(conv(`b${i}_a`, prev, 3), conv(`b${i}_b`, prev, 1), conv(`b${i}_c`, `b${i}_b`, 3));
    lines.push(`layer { name: "b${i}" type: "Eltwise" bottom: "b${i}_a" bottom: "b${i}_c" top: "b${i}" }`);
    prev = `b${i}`;
  }
  return lines.join('\n');
}

/** The part of a Chromium trace event these tests read. */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

/**
 * Top-level tasks of the renderer main thread: wall and thread-CPU ms, and what ran in them
 * (the longest script call and its file, e.g. `script in editor.api-….js`).
 */
function mainThreadTasks(events: readonly TraceEvent[]): { wallMs: number; cpuMs: number; what: string }[] {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const calls = onMain.filter((e) => e.name === 'FunctionCall');
  return onMain
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => {
      const end = e.ts + (e.dur ?? 0);
      const call = calls
        .filter((c) => c.ts >= e.ts && c.ts + (c.dur ?? 0) <= end)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
      const file = call?.args?.data?.url?.split('/').pop() ?? '';
      const what = call ? `${call.args?.data?.functionName || 'script'} in ${file || '?'}` : 'no script';
      return { wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000, what };
    });
}

const node = (page: Page, name: string) => page.locator(`g.graph-node[data-node-name="${name}"]`);

test.describe('graph view', () => {
  test('click selects a node (inspector follows), a badge selects the folded in-place layer', async ({ page }) => {
    await open(page, '#/preset/resnet50');
    const view = page.getByTestId('graph-view');
    // ResNet-50: 53 conv + 16 Eltwise + 2 pool + fc + prob + input = 74 boxes; 155 BN/Scale/ReLU are badges.
    await expect(view).toHaveAttribute('data-node-count', '74');
    const conv1 = node(page, 'conv1');
    await expect(conv1).toBeVisible();
    await expect(conv1.locator('.graph-node-costs')).toHaveText(/^118M MACs/);
    await conv1.click();
    await expect(conv1).toHaveAttribute('data-selected', 'true');
    await expect(page.getByTestId('inspector-name')).toHaveText('conv1');
    const badges = conv1.locator('g.graph-badge');
    await expect(badges).toHaveCount(3);
    const bnName = await badges.first().getAttribute('data-badge-name');
    await badges.first().click();
    await expect(page.getByTestId('inspector-name')).toHaveText(bnName!);
    // The host card stays highlighted for its folded layer.
    await expect(conv1).toHaveAttribute('data-selected', 'true');
    await page.screenshot({ path: 'test-results/graph-resnet50-selected.png' });
  });

  test('search jumps to a layer far down the graph and selects it', async ({ page }) => {
    await open(page, '#/preset/googlenet');
    const search = page.locator('input[data-testid=graph-search]');
    await search.fill('inception_5b/pool_proj');
    await expect(page.getByTestId('graph-search-results')).toContainText('inception_5b/pool_proj');
    await search.press('Enter');
    await expect(page.getByTestId('inspector-name')).toHaveText('inception_5b/pool_proj');
    const target = node(page, 'inception_5b/pool_proj');
    await expect(target).toHaveAttribute('data-selected', 'true');
    await expect(target).toBeInViewport();
    // Search by type lists layers of that type.
    await search.fill('LRN');
    await expect(page.getByTestId('graph-search-results').getByRole('option')).toHaveCount(2);
  });

  test('heat map legend shows the MACs range; blocks collapse with summed costs and expand again', async ({ page }) => {
    await open(page, '#/preset/googlenet');
    const view = page.getByTestId('graph-view');
    await page.getByTestId('color-mode').selectOption('macs');
    const legend = page.getByTestId('graph-legend');
    await expect(legend).toHaveAttribute('data-mode', 'macs');
    // Largest single box: conv2/3x3, 192·64·9 × 56·56 = 346,816,512 MACs.
    await expect(page.getByTestId('graph-legend-max')).toHaveText('347M');
    await page.screenshot({ path: 'test-results/graph-googlenet-macs.png' });
    await page.getByTestId('color-mode').selectOption('category');
    await expect(legend).toHaveAttribute('data-mode', 'category');

    const before = Number(await view.getAttribute('data-node-count'));
    await page.getByTestId('graph-collapse-all').click();
    await expect(view).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    const after = Number(await view.getAttribute('data-node-count'));
    // 9 inception blocks of 8 boxes + conv2 (3) + pool1 (2) become 11 boxes.
    expect(before - after).toBe(9 * 8 + 3 + 2 - 11);
    const block = node(page, 'inception_3a');
    await expect(block).toBeAttached();
    // The collapsed card sums every inception_3a/… layer (the library's figures, shown with SI prefixes).
    const sum = analyzeText(getPreset('googlenet')!.text)
      .layers.filter((l) => l.name.startsWith('inception_3a/'))
      .reduce((s, l) => s + l.macs, 0);
    expect(sum).toBeGreaterThan(100e6);
    await expect(block.locator('.graph-node-costs')).toHaveText(
      new RegExp(`^${formatSI(sum).replace('.', '\\.')} MACs`),
    );
    // The ⊕ button on the card (dispatched: the card may sit under the toolbar after the relayout).
    await block.locator('.graph-group-toggle').dispatchEvent('click');
    await expect(view).toHaveAttribute('data-node-count', String(after + 7), { timeout: 60_000 });
    await page.screenshot({ path: 'test-results/graph-googlenet-collapsed.png' });
  });

  test('layer names with markup stay text; direction toggle relays out left-to-right', async ({ page }) => {
    await open(page, '#/preset/demo-depthwise-separable');
    const evil = '<img src=x onerror="window.__pwned=1">';
    await setEditorText(
      page,
      [
        'input: "data"',
        'input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }',
        `layer { name: "${evil.replace(/"/g, '\\"')}" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 } }`,
        'layer { name: "after" type: "Pooling" bottom: "c" top: "p" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }',
      ].join('\n'),
    );
    const view = page.getByTestId('graph-view');
    await expect(view).toHaveAttribute('data-node-count', '3', { timeout: 30_000 });
    await expect(view).toHaveAttribute('data-layout-state', 'done');
    const card = page.locator('g.graph-node').filter({ hasText: '<img' });
    await expect(card).toHaveAttribute('data-node-name', evil);
    await expect(card.locator('.graph-node-name')).toHaveText(/^<img src=x/); // shown as text (ellipsized to the card)
    await expect(card.locator('title').first()).toContainText(evil);
    expect(await page.locator('[data-testid=graph-view] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const box = async (name: string) => (await node(page, name).boundingBox())!;
    const down = [await box('data'), await box('after')];
    expect(down[1]!.y).toBeGreaterThan(down[0]!.y + down[0]!.height);
    await page.getByTestId('direction-toggle').click();
    await expect(view).toHaveAttribute('data-layout-state', 'done', { timeout: 30_000 });
    await expect
      .poll(async () => {
        const [a, b] = [await box('data'), await box('after')];
        return b.x > a.x + a.width && Math.abs(b.y - a.y) < a.height;
      })
      .toBe(true);
  });

  test('a 1,200-box generated model lays out off the main thread with staged progress; pan/zoom stays smooth (timings logged)', async ({
    page,
  }) => {
    await open(page, '#/preset/demo-depthwise-separable');
    const view = page.getByTestId('graph-view');
    // Long tasks (with Long Animation Frame script attribution) and the layout stages as they happen.
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const long: { start: number; ms: number }[] = [];
      const frames: { start: number; ms: number; scripts: { src: string; fn: string; ms: number }[] }[] = [];
      const stages: { t: number; stage: string; percent: string | null }[] = [];
      w.__long = long;
      w.__frames = frames;
      w.__stages = stages;
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => long.push({ start: e.startTime, ms: e.duration })),
      ).observe({
        type: 'longtask',
        buffered: false,
      });
      try {
        new PerformanceObserver((l) =>
          l.getEntries().forEach((e) => {
            const f = e as PerformanceEntry & {
              scripts?: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }[];
            };
            const scripts = (f.scripts ?? []).map((s) => ({
              src: s.sourceURL,
              fn: s.sourceFunctionName || s.invoker,
              ms: s.duration,
            }));
            frames.push({ start: e.startTime, ms: e.duration, scripts });
          }),
        ).observe({ type: 'long-animation-frame', buffered: false });
      } catch {
        // No LoAF in this browser: attribution is left out of the log.
      }
      const v = document.querySelector('[data-testid=graph-view]')!;
      const stageNow = () => `${v.getAttribute('data-layout-state')}/${v.getAttribute('data-layout-stage') ?? ''}`;
      // Only changes count: the small model's 'done' before the paste is not a stage of this layout.
      let last = stageNow();
      new MutationObserver(() => {
        const stage = stageNow();
        const percent = document.querySelector('[data-testid=graph-progress]')?.getAttribute('data-percent') ?? null;
        if (stage !== last) stages.push({ t: performance.now(), stage, percent });
        last = stage;
      }).observe(v, { attributes: true, subtree: true });
    });
    // A Chromium trace gives each main-thread task's wall time and its thread CPU time: on a loaded
    // machine a task's wall time is mostly time the thread waited for a core, its CPU time is our work.
    const cdp = await page.context().newCDPSession(page);
    const traceEvents: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => traceEvents.push(...(d.value as unknown as TraceEvent[])));
    const traced = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
    const t0 = Date.now();
    const p0 = await page.evaluate(() => performance.now());
    await setEditorText(page, branchyPrototxt(300));
    await expect(view).toHaveAttribute('data-layout-state', 'running', { timeout: 30_000 });
    const progress = page.getByTestId('graph-progress');
    await expect(progress).toHaveAttribute('data-stage', 'layout', { timeout: 30_000 });
    await expect(progress).toContainText('1,201 boxes');
    // The estimate moves while ELK works (the worker never blocks the page's timers).
    const firstPct = Number(await progress.getAttribute('data-percent'));
    await expect
      .poll(async () => Number((await progress.getAttribute('data-percent')) ?? 100), { timeout: 30_000 })
      .toBeGreaterThan(firstPct);
    await expect(view).toHaveAttribute('data-layout-state', 'done', { timeout: 110_000 });
    const tGraph = Date.now() - t0;
    const nodes = Number(await view.getAttribute('data-node-count'));
    const layoutMs = await view.getAttribute('data-layout-ms');
    expect(nodes).toBe(1201);
    await page.waitForTimeout(500);
    await cdp.send('Tracing.end');
    await traced;
    const tasks = mainThreadTasks(traceEvents);
    const m = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        long: w.__long as { start: number; ms: number }[],
        frames: w.__frames as { start: number; ms: number; scripts: { src: string; fn: string; ms: number }[] }[],
        stages: w.__stages as { t: number; stage: string; percent: string | null }[],
      };
    });
    const seen = m.stages.map((s) => s.stage);
    // Building the boxes, ELK, then drawing, in this order (each may be too short to be observed except ELK).
    expect(seen).toContain('running/layout');
    expect(seen.at(-1)).toBe('done/');
    const order = ['running/building', 'running/layout', 'running/drawing', 'done/'];
    const idx = seen.map((s) => order.indexOf(s)).filter((i) => i >= 0);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    const layoutStart = m.stages.find((s) => s.stage === 'running/layout')?.t ?? p0;
    const max = (xs: number[]) => Math.round(Math.max(0, ...xs));
    // Script time per source over all long frames: tells the page's own work from Monaco's and the workers' messages.
    const bySource = new Map<string, number>();
    let worstOwn = { ms: 0, fn: '' };
    for (const f of m.frames)
      for (const s of f.scripts) {
        const src = s.src.includes('/monaco/') ? 'monaco' : s.src.includes('/_next/') ? 'app' : s.src || s.fn || '?';
        bySource.set(src, (bySource.get(src) ?? 0) + s.ms);
        if (src === 'app' && s.ms > worstOwn.ms) worstOwn = { ms: s.ms, fn: s.fn };
      }

    // Zoom out to the whole graph, then pan and zoom; frames are timed by rAF.
    await page.getByTestId('graph-fit').click();
    const canvas = page.getByTestId('graph-canvas');
    const rendered = Number(await canvas.getAttribute('data-rendered-nodes'));
    const b = (await canvas.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -240);
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 20 && Number(await canvas.getAttribute('data-zoom')) < 0.5; i++) await zoomIn.click();
    expect(Number(await canvas.getAttribute('data-zoom'))).toBeGreaterThan(0.45);
    const culled = Number(await canvas.getAttribute('data-rendered-nodes'));
    const gaps = await page.evaluate(async () => {
      const out: number[] = [];
      let last = performance.now();
      let n = 0;
      await new Promise<void>((done) => {
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (++n < 30) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      return out;
    });
    const t1 = Date.now();
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 - 300, b.y + b.height / 2 - 200, { steps: 20 });
    await page.mouse.up();
    const tPan = Date.now() - t1;
    expect(culled).toBeLessThan(nodes);
    console.log(
      `[e2e timing] graph 1,200 layers → ${nodes} boxes: paste → laid out ${tGraph} ms (ELK worker ${layoutMs} ms); ` +
        `stages ${m.stages.map((s) => `${s.stage}@${Math.round(s.t - p0)}`).join(' ')}; ` +
        `longest main-thread task ${max(m.long.map((l) => l.ms))} ms wall over ${m.long.length} long tasks, ` +
        `longest task by CPU ${max(tasks.map((t) => t.cpuMs))} ms (${tasks.filter((t) => t.cpuMs > 50).length} tasks over 50 ms CPU, ` +
        `${tasks.filter((t) => t.wallMs > 50).length} over 50 ms wall; top by CPU: ` +
        `${[...tasks]
          .sort((x, y) => y.cpuMs - x.cpuMs)
          .slice(0, 4)
          .map((t) => `${Math.round(t.cpuMs)} ms ${t.what}`)
          .join(' | ')}), ` +
        `${max(m.long.filter((l) => l.start >= layoutStart).map((l) => l.ms))} ms from ELK start to done; ` +
        `longest app script in a long frame ${Math.round(worstOwn.ms)} ms (${worstOwn.fn}); long-frame script ms by source ` +
        `${[...bySource].map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}; ` +
        `rendered at fit ${rendered}, after zoom ${culled}; frame gap max ${max(gaps)} ms; 20-step pan ${tPan} ms`,
    );
    await page.screenshot({ path: 'test-results/graph-1000.png' });
  });

  test('cancel stops a large layout and "Lay out again" finishes it', async ({ page }) => {
    await open(page, '#/preset/demo-depthwise-separable');
    const view = page.getByTestId('graph-view');
    await setEditorText(page, branchyPrototxt(200));
    const progress = page.getByTestId('graph-progress');
    await expect(progress).toHaveAttribute('data-stage', 'layout', { timeout: 30_000 });
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(view).toHaveAttribute('data-layout-state', 'cancelled');
    await expect(progress).toContainText('Layout cancelled.');
    await progress.getByRole('button', { name: 'Lay out again' }).click();
    await expect(view).toHaveAttribute('data-layout-state', 'done', { timeout: 110_000 });
    await expect(view).toHaveAttribute('data-node-count', '801');
    await expect(progress).toHaveCount(0);
  });

  test('above 3,000 layers the graph is not laid out: the view says so with the limit, the table lists every layer', async ({
    page,
  }) => {
    await open(page, '#/preset/demo-depthwise-separable');
    const view = page.getByTestId('graph-view');
    await setEditorText(page, branchyPrototxt(751)); // 4 × 751 = 3,004 layers
    await expect(view).toHaveAttribute('data-layout-state', 'too-large', { timeout: 60_000 });
    const banner = page.getByTestId('graph-too-large');
    await expect(banner).toContainText('Too large to draw — showing the table');
    await expect(banner).toContainText('3,004 layers. Models above 3,000 layers are not laid out');
    // One limit, one banner: the workspace no longer adds its own.
    await expect(page.getByText(/Too large to draw/)).toHaveCount(1);
    await expect(view.locator('g.graph-node')).toHaveCount(0);
    await expect(page.getByTestId('graph-progress')).toHaveCount(0);
    await expect(page.getByText('Layers (3004)')).toBeVisible();
  });

  test('the legend never covers the toolbar and its own toggle (1280×800 and a short graph pane)', async ({ page }) => {
    await open(page, '#/preset/resnet50');
    const legendBtn = page.getByTestId('graph-toolbar').getByRole('button', { name: 'Legend' });
    const legend = page.getByTestId('graph-legend');
    const check = async (shot: string) => {
      await expect(legend).toBeVisible();
      const a = (await legend.boundingBox())!;
      const t = (await page.getByTestId('graph-toolbar').boundingBox())!;
      expect(a.y, 'legend starts below the toolbar').toBeGreaterThanOrEqual(t.y + t.height);
      await page.screenshot({ path: `test-results/${shot}.png` });
      // The toggle is clickable (nothing on top of it) and hides the legend.
      await legendBtn.click();
      await expect(legend).toHaveCount(0);
      await legendBtn.click();
      await expect(legend).toBeVisible();
    };
    await check('graph-legend-1280x800');
    await page.setViewportSize({ width: 1280, height: 480 });
    await check('graph-legend-1280x480');
  });
});
