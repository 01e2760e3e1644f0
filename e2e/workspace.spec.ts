import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getPreset } from '../lib/presets';
import { syntheticPrototxt } from '../lib/testing/synthetic';

/** Replaces the editor text the way a paste does (one content change through Monaco). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
}

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = (window as unknown as { monaco: { editor: { getEditors(): { getValue(): string }[] } } }).monaco;
    return m.editor.getEditors()[0]!.getValue();
  });
}

async function openFresh(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`/${hash}`);
  // Cold starts on a loaded CI machine are slow: Monaco is ~4 MB of script.
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 60_000 });
}

const DEMO = 'demo-depthwise-separable';

test.describe('workspace', () => {
  test('opens on the default preset with node count and per-layer MACs', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openFresh(page);
    const rows = page.getByTestId('table-row');
    await expect(rows.first()).toBeVisible();
    const count = await page.getByTestId('table-count').textContent();
    const total = Number(/of (\d+) layers/.exec(count ?? '')?.[1]);
    expect(total).toBeGreaterThan(100); // GoogLeNet has ~140 layers in deploy form
    const graphView = page.getByTestId('graph-view');
    await expect(graphView).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    expect(Number(await graphView.getAttribute('data-node-count'))).toBeGreaterThan(50);
    // conv1/7x7_s2: 64 × 3·7·7 × 112·112 = 118,013,952 MACs per image.
    const conv1 = page.locator('[data-testid=table-row][data-layer="conv1/7x7_s2"]');
    await expect(conv1.getByTestId('cell-macs').locator('span')).toHaveAttribute('title', '118,013,952');
    await expect(conv1.getByTestId('cell-macs')).toHaveText('118 M');
    expect(errors).toEqual([]);
  });

  test('shows a typed error as a marker and a message with line:col, and recovers when fixed', async ({ page }) => {
    await openFresh(page, `#/preset/${DEMO}`);
    const before = await editorText(page);
    const layers = await page.getByTestId('table-row').count();
    expect(layers).toBeGreaterThan(1);
    await setEditorText(page, `${before}\nlayer { name: "broken" type: "Convolution" bottom: "nowhere" top: "b" }\n`);
    const problem = page.getByTestId('problem').filter({ hasText: 'nowhere' });
    await expect(problem).toBeVisible();
    const lines = before.split('\n').length;
    await expect(problem.getByTestId('problem-pos')).toHaveText(new RegExp(`^${lines + 1}:\\d+$`));
    // The marker sits at the exact span (squiggles are only drawn for visible lines, so ask Monaco).
    await expect
      .poll(() =>
        page.evaluate(() => {
          const m = (
            window as unknown as {
              monaco: {
                editor: {
                  getModelMarkers(f: object): { message: string; startLineNumber: number; severity: number }[];
                };
              };
            }
          ).monaco;
          return m.editor
            .getModelMarkers({})
            .filter((x) => x.message.includes('nowhere'))
            .map((x) => [x.startLineNumber, x.severity]);
        }),
      )
      .toEqual([[lines + 1, 8]]);
    // A semantic error is still the new model: the broken layer is a row of its own, marked.
    await expect(page.getByTestId('table-row')).toHaveCount(layers + 1);
    await expect(page.locator('[data-testid=table-row][data-layer="broken"]')).toHaveAttribute('data-status', 'broken');
    // A syntax error: the last readable analysis (the one with "broken") stays on screen, labelled.
    await setEditorText(page, `${before}\nlayer { name: "x" type: `);
    await expect(page.getByTestId('stale-note')).toBeVisible();
    await expect(page.getByTestId('table-row')).toHaveCount(layers + 1);
    // Fixed: problems disappear and the graph/table follow the new text.
    await setEditorText(
      page,
      `${before}\nlayer { name: "extra_relu" type: "ReLU" bottom: "data" top: "extra_relu" }\n`,
    );
    await expect(page.getByTestId('stale-note')).toHaveCount(0);
    await expect(page.locator('[data-testid=table-row][data-layer="extra_relu"]')).toBeVisible();
    await expect(page.locator('g.graph-node[data-node-name="extra_relu"]')).toBeAttached({ timeout: 30_000 });
  });

  test('selects a layer from the editor cursor, from a graph click and from the table', async ({ page }) => {
    await openFresh(page, `#/preset/${DEMO}`);
    const text = await editorText(page);
    const layerNames = [...text.matchAll(/name:\s*"([^"]+)"/g)].map((m) => m[1]!).slice(1);
    const target = layerNames[1]!;
    // Cursor: click on the line that names the layer.
    await page
      .locator('.view-line', { hasText: `"${target}"` })
      .first()
      .click();
    await expect(page.getByTestId('inspector-name')).toHaveText(target);
    // Graph click.
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 30_000 });
    const other = layerNames[0]!;
    await page.locator(`g.graph-node[data-node-name="${other}"]`).first().click();
    await expect(page.getByTestId('inspector-name')).toHaveText(other);
    await expect(page.locator(`[data-testid=table-row][data-layer="${other}"]`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // Table click.
    await page.locator(`[data-testid=table-row][data-layer="${target}"]`).click();
    await expect(page.getByTestId('inspector-name')).toHaveText(target);
  });

  test('searches the graph, toggles the heat map and sorts the table', async ({ page }) => {
    await openFresh(page, '#/preset/vgg16');
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+k');
    const search = page
      .getByTestId('graph-search')
      .locator('input')
      .or(page.locator('input[data-testid=graph-search]'));
    await expect(search.first()).toBeFocused();
    await search.first().fill('conv5_3');
    await search.first().press('Enter');
    await expect(page.getByTestId('inspector-name')).toHaveText('conv5_3');

    await page.getByTestId('color-mode').selectOption('macs');
    await expect(page.getByTestId('graph-legend')).toHaveAttribute('data-mode', 'macs');

    await page.getByTestId('sort-macs').click();
    // VGG-16's costliest layers are the 3×3 convs at 56×56 and 112/224 resolution; fc layers are small.
    const firstRow = page.getByTestId('table-row').first();
    await expect(firstRow).toHaveAttribute('data-layer', /^conv/);
    const macs = await page
      .getByTestId('table-row')
      .evaluateAll((rows) =>
        rows
          .slice(0, 5)
          .map((r) =>
            Number(r.querySelector('[data-testid=cell-macs] span')?.getAttribute('title')?.replace(/,/g, '')),
          ),
      );
    for (let i = 1; i < macs.length; i++) expect(macs[i - 1]!).toBeGreaterThanOrEqual(macs[i]!);
    expect(macs[0]).toBe(1_849_688_064); // conv1_2: 64·64·9 × 224·224
  });

  test('keeps the typed text across a reload', async ({ page }) => {
    await openFresh(page, `#/preset/${DEMO}`);
    await page.locator('.view-line').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# my note 42\n');
    await page.waitForTimeout(600); // the save is debounced by 300 ms
    await page.goto('/');
    await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
    await expect.poll(() => editorText(page)).toContain('# my note 42');
  });

  test('shows layer names with markup as text', async ({ page }) => {
    await openFresh(page, `#/preset/${DEMO}`);
    const evil = '<img src=x onerror=window.__pwned=1><b>bold</b>';
    const text = (await editorText(page)).replace('name: "standard_5x5"', `name: "${evil}"`);
    expect(text).toContain(evil);
    await setEditorText(page, text);
    await expect(page.locator('[data-testid=table-row]').filter({ hasText: '<img src=x' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('[data-testid=layer-table] b').count()).toBe(0);
    expect(await page.locator('[data-testid=graph-view] b, [data-testid=graph-view] img').count()).toBe(0);
  });

  test('lays out a 1,000-layer model and stays interactive (timings logged)', async ({ page }) => {
    await openFresh(page, `#/preset/${DEMO}`);
    const big = syntheticPrototxt(1000);
    const t0 = Date.now();
    await setEditorText(page, big);
    await expect(page.getByTestId('table-count')).toHaveText(/of 10\d\d layers/, { timeout: 60_000 });
    const tTable = Date.now() - t0;
    const graphView = page.getByTestId('graph-view');
    await expect(graphView).toHaveAttribute('data-layout-state', 'done', { timeout: 110_000 });
    const tGraph = Date.now() - t0;
    const layoutMs = await graphView.getAttribute('data-layout-ms');
    // Interactive: a table click updates the inspector.
    const t1 = Date.now();
    await page.locator('[data-testid=table-row]').nth(3).click();
    await expect(page.getByTestId('inspector-name')).not.toHaveText('');
    const tClick = Date.now() - t1;
    console.log(
      `[e2e timing] 1,000-layer paste → table ${tTable} ms, → graph laid out ${tGraph} ms (ELK ${layoutMs} ms), click → inspector ${tClick} ms`,
    );
  });

  test('measures keystroke → updated figures on resnet152 (logged)', async ({ page }) => {
    const file = path.resolve(process.cwd(), '../shared/models/caffe/resnet152.prototxt');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      test.skip(true, 'shared corpus not available');
      return;
    }
    await openFresh(page, `#/preset/${DEMO}`);
    const t0 = Date.now();
    await setEditorText(page, text);
    await expect(page.getByTestId('table-count')).toHaveText(/of \d{3,} layers/, { timeout: 60_000 });
    const pasteToTable = Date.now() - t0;
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 110_000 });
    const pasteToGraph = Date.now() - t0;
    // Edit a number: conv1 num_output 64 → 65 and back, several times; read the page's own probe.
    await page.evaluate(() => {
      window.__layerscope!.updates = [];
      window.__layerscope!.received = [];
    });
    for (let i = 0; i < 6; i++) {
      await setEditorText(page, i % 2 === 0 ? text.replace('num_output: 64', 'num_output: 65') : text);
      await page.waitForFunction((n) => (window.__layerscope?.updates.length ?? 0) >= n, i + 1, { timeout: 20_000 });
    }
    const updates = await page.evaluate(() => window.__layerscope!.updates.slice());
    const workerMs = await page.evaluate(() => window.__layerscope!.lastWorkerMs);
    const received = await page.evaluate(() => window.__layerscope!.received ?? []);
    const sorted = [...updates].sort((a, b) => a - b);
    console.log(
      `[e2e timing] resnet152 paste → table ${pasteToTable} ms, → graph ${pasteToGraph} ms; edit → figures on screen: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, all ${updates.map((u) => u.toFixed(0)).join(', ')}; worker read+analyse ${workerMs?.toFixed(0)} ms; edit → result on main thread ${received.map((u) => u.toFixed(0)).join(', ')}`,
    );
    expect(updates.length).toBeGreaterThanOrEqual(6);
    void getPreset;
  });
});
