import { expect, test, type Page } from '@playwright/test';
import { analyzeText } from '../lib/index';
import { formatSI } from '../lib/layout/format';
import { getPreset } from '../lib/presets';
import { branchyPrototxt } from '../lib/testing/synthetic';
import { pasteText } from './graph-helpers';

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
    // The pick closes the list (it would cover the toolbar's second row); ArrowDown opens it again.
    await expect(page.getByTestId('graph-search-results')).toHaveCount(0);
    await search.press('ArrowDown');
    await expect(page.getByTestId('graph-search-results')).toContainText('inception_5b/pool_proj');
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

  test('above 20,000 layers the graph is not laid out: the view says so with the limit, the table lists every layer', async ({
    page,
  }) => {
    await open(page, '#/preset/demo-depthwise-separable');
    const view = page.getByTestId('graph-view');
    await pasteText(page, branchyPrototxt(5001)); // 4 × 5,001 = 20,004 layers
    await expect(view).toHaveAttribute('data-layout-state', 'too-large', { timeout: 90_000 });
    const banner = page.getByTestId('graph-too-large');
    await expect(banner).toContainText('Too large to draw — showing the table');
    await expect(banner).toContainText('20,004 layers. Models above 20,000 layers are not laid out');
    // One limit, one banner: the workspace adds none of its own.
    await expect(page.getByText(/Too large to draw/)).toHaveCount(1);
    await expect(view.locator('g.graph-node')).toHaveCount(0);
    await expect(page.getByTestId('graph-progress')).toHaveCount(0);
    await expect(page.getByText('Layers (20004)')).toBeVisible();
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

  test('the toolbar never covers a box: it is docked above the graph pane, at any zoom', async ({ page }) => {
    await open(page, '#/preset/googlenet');
    const band = (await page.getByTestId('graph-toolbar-band').boundingBox())!;
    const pane = (await page.getByTestId('graph-pane').boundingBox())!;
    expect(pane.y, 'the graph pane starts below the toolbar').toBeGreaterThanOrEqual(band.y + band.height - 0.5);
    // The first card (the input, top left, where the toolbar used to float) takes a real click.
    await node(page, 'data').click();
    await expect(page.getByTestId('inspector-name')).toHaveText('data');
    for (const fit of ['graph-fit', 'graph-fit-all']) {
      await page.getByTestId(fit).click();
      await page.waitForTimeout(300);
      // Every card drawn in the pane's window lies below the toolbar band.
      const tops = await page.evaluate(() =>
        [...document.querySelectorAll('g.graph-node')]
          .map((g) => g.getBoundingClientRect())
          .map((r) => ({ top: r.top, bottom: r.bottom })),
      );
      const seen = tops.filter((r) => r.bottom > pane.y && r.top < pane.y + pane.height);
      if (fit === 'graph-fit') expect(seen.length, 'cards in view at a readable zoom').toBeGreaterThan(0);
      for (const { top } of seen)
        expect(top, `${fit}: a card under the toolbar`).toBeGreaterThanOrEqual(band.y + band.height - 0.5);
    }
  });
});
