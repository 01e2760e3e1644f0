import { expect, test, type Page } from '@playwright/test';
import { chainPrototxt, syntheticPrototxt } from '../lib/testing/synthetic';
import { openApp, pasteText, wheelPan } from './graph-helpers';

/** Graphs at scale: a 2,500-layer chain and a 20,000-layer model drawn, panned, searched, collapsed; Cancel; readable cards; the docked legend. */

const view = (page: Page) => page.getByTestId('graph-view');
const canvas = (page: Page) => page.getByTestId('graph-canvas');
const node = (page: Page, name: string) => page.locator(`g.graph-node[data-node-name="${name}"]`);

/** A chain of `n` convolutions named `s<k>/conv<i>`: 50 per stage, so the stages are collapsible blocks. */
function stagedChain(n: number): string {
  return chainPrototxt(n).replace(/"c(\d+)"/g, (_, i: string) => `"s${Math.floor(Number(i) / 50)}/conv${i}"`);
}

async function searchAndPick(page: Page, name: string): Promise<void> {
  const search = page.locator('input[data-testid=graph-search]');
  await search.fill(name);
  await expect(page.getByTestId('graph-search-results')).toContainText(name);
  await search.press('Enter');
  await expect(page.getByTestId('inspector-name')).toHaveText(name);
  await expect(node(page, name)).toHaveAttribute('data-selected', 'true');
  await expect(node(page, name)).toBeInViewport();
}

test.describe('graph at scale', () => {
  test.setTimeout(240_000);

  test('a 2,500-layer chain lays out as one column; it pans, searches and collapses', async ({ page }) => {
    await openApp(page, '#/preset/demo-depthwise-separable');
    await pasteText(page, stagedChain(2500));
    await expect(view(page)).toHaveAttribute('data-node-count', '2501', { timeout: 90_000 });
    await expect(view(page)).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
    // Drawn at a readable zoom from the start of the flow: the input and the first convolutions.
    await expect(canvas(page)).toHaveAttribute('data-detail', 'cards');
    await expect(node(page, 'data')).toBeInViewport();
    await expect(node(page, 's0/conv0')).toBeInViewport();
    // The wheel scrolls along the model.
    const before = (await node(page, 's0/conv1').boundingBox())!.y;
    await wheelPan(page, 0, 400);
    await expect.poll(async () => (await node(page, 's0/conv1').boundingBox())?.y ?? -1e9).toBeLessThan(before - 300);
    // Search jumps to the last layer, 2,500 boxes down.
    await searchAndPick(page, 's49/conv2499');
    const x0 = (await node(page, 's49/conv2499').boundingBox())!.x;
    await searchAndPick(page, 's25/conv1250');
    // One straight column: the two cards share their x.
    expect(Math.abs((await node(page, 's25/conv1250').boundingBox())!.x - x0)).toBeLessThan(1);
    // 50 stages collapse into 50 boxes (+ the input).
    await page.getByTestId('graph-collapse-all').click();
    await expect(view(page)).toHaveAttribute('data-node-count', '51', { timeout: 60_000 });
    await expect(view(page)).toHaveAttribute('data-layout-state', 'done');
    await page.getByTestId('graph-fit-all').click();
    await expect(canvas(page)).toHaveAttribute('data-detail', 'overview');
    await page.screenshot({ path: 'test-results/graph-chain-2500-collapsed.png' });
    // A layer inside a collapsed block is found and shown as its block's card.
    const search = page.locator('input[data-testid=graph-search]');
    await search.fill('s49/conv2499');
    await search.press('Enter');
    await expect(node(page, 's49')).toBeInViewport();
    await expect(node(page, 's49')).toHaveAttribute('data-selected', 'true');
  });

  test('a 20,000-layer model is drawn: overview when zoomed out, cards when zoomed in; it pans, searches and collapses', async ({
    page,
  }) => {
    await openApp(page, '#/preset/demo-depthwise-separable');
    await pasteText(page, syntheticPrototxt(19996));
    // The text is too large for the editor: the plain viewer shows it, the analysis uses all of it.
    await expect(page.getByTestId('editor-large')).toContainText('Large text (2.2 MB)');
    const progress = page.getByTestId('graph-progress');
    await expect(progress).toBeVisible({ timeout: 90_000 });
    await expect(view(page)).toHaveAttribute('data-layout-state', 'done', { timeout: 180_000 });
    const boxes = Number(await view(page).getAttribute('data-node-count'));
    expect(boxes).toBe(6665);
    await expect(page.getByText('Layers (19999)')).toBeVisible();
    // Default view: readable cards at the input; the DOM holds only the cards in view.
    await expect(canvas(page)).toHaveAttribute('data-detail', 'cards');
    await expect(canvas(page)).toHaveAttribute('data-zoom', '1.000');
    expect(Number(await canvas(page).getAttribute('data-rendered-nodes'))).toBeLessThan(60);
    await expect(node(page, 'b0_conv')).toBeInViewport();
    await page.screenshot({ path: 'test-results/graph-20000-home.png' });
    // Fit all: the whole model as an overview on the canvas, no cards in the DOM.
    await page.getByTestId('graph-fit-all').click();
    await expect(canvas(page)).toHaveAttribute('data-detail', 'overview');
    await expect(page.locator('g.graph-node')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/graph-20000-all.png' });
    // Panning in the overview moves the view (the minimap's frame follows).
    const frame = page.getByTestId('graph-minimap').locator('div');
    const f0 = (await frame.boundingBox())!.y;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await wheelPan(page, 0, 600);
    await expect.poll(async () => (await frame.boundingBox())!.y).not.toBe(f0);
    // Search reaches a layer thousands of boxes down and shows it as a card.
    await searchAndPick(page, 'b3000_conv');
    await expect(canvas(page)).toHaveAttribute('data-detail', 'cards');
    // Fit: a readable zoom, not a sliver.
    await page.getByTestId('graph-fit').click();
    expect(Number(await canvas(page).getAttribute('data-zoom'))).toBeGreaterThanOrEqual(1);
    // Blocks collapse (b12 → one box for b12_conv, b12_bn…) and the result is laid out again.
    await page.getByTestId('graph-collapse-all').click();
    await expect
      .poll(async () => Number(await view(page).getAttribute('data-node-count')), { timeout: 120_000 })
      .toBeLessThan(boxes);
    await expect(view(page)).toHaveAttribute('data-layout-state', 'done', { timeout: 120_000 });
  });

  test('Cancel stops a running layout, the previous graph stays, and "Lay out again" finishes it', async ({ page }) => {
    await openApp(page, '#/preset/googlenet');
    await pasteText(page, syntheticPrototxt(19996));
    const progress = page.getByTestId('graph-progress');
    // Found and clicked in one page task: the layout cannot finish between seeing Cancel and pressing it
    // (on a loaded machine a Playwright click can take longer than the layout itself).
    const seen = await page.waitForFunction(
      () => {
        const p = document.querySelector('[data-testid=graph-progress]');
        const b = [...(p?.querySelectorAll('button') ?? [])].find((x) => x.textContent === 'Cancel');
        if (!p || !b) return null;
        const text = p.textContent;
        b.click();
        return { stage: p.getAttribute('data-stage'), text };
      },
      null,
      { polling: 50, timeout: 120_000 },
    );
    const { stage, text } = (await seen.jsonValue())!;
    expect(stage).toBe('layout');
    expect(text).toContain('6,665 boxes');
    expect(text).toContain('(showing previous layout)');
    await expect(view(page)).toHaveAttribute('data-layout-state', 'cancelled');
    await expect(progress).toContainText('Layout cancelled.');
    // GoogLeNet's graph is still drawn meanwhile.
    await expect(node(page, 'conv1/7x7_s2')).toBeAttached();
    await progress.getByRole('button', { name: 'Lay out again' }).click();
    await expect(view(page)).toHaveAttribute('data-layout-state', 'done', { timeout: 120_000 });
    await expect(view(page)).toHaveAttribute('data-node-count', '6665');
    await expect(progress).toHaveCount(0);
  });

  test('ResNet-50 at the default zoom has readable cards (every card text ≥ 11 px on screen)', async ({ page }) => {
    await openApp(page, '#/preset/resnet50');
    await expect(canvas(page)).toHaveAttribute('data-detail', 'cards');
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('g.graph-node text')].map((t) => {
        const k = t.getScreenCTM()?.a ?? 0;
        return { text: t.textContent ?? '', px: parseFloat(getComputedStyle(t).fontSize) * k };
      }),
    );
    expect(sizes.length).toBeGreaterThan(10);
    const smallest = Math.min(...sizes.map((s) => s.px));
    expect(
      smallest,
      `smallest card text: ${JSON.stringify(sizes.find((s) => s.px === smallest))}`,
    ).toBeGreaterThanOrEqual(11);
    // Edge labels too.
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('g.graph-edge text')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0),
      ),
    );
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: 'test-results/graph-resnet50-default-zoom.png' });
  });

  for (const [w, h] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    test(`the legend is docked under the graph at ${w}×${h}: it covers no box and a box where it used to float takes the click`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: w, height: h });
      await openApp(page, '#/preset/resnet50');
      const pane = (await page.getByTestId('graph-pane').boundingBox())!;
      const legend = (await page.getByTestId('graph-legend').boundingBox())!;
      expect(legend.y, 'legend below the graph pane').toBeGreaterThanOrEqual(pane.y + pane.height - 1);
      // The legend used to float over the bottom-left of the pane: bring res2a_branch1 there and click it.
      const card = node(page, 'res2a_branch1');
      await page.getByTestId('graph-search').fill('res2a_branch1');
      await page.getByTestId('graph-search').press('Enter');
      await page.getByTestId('graph-search').fill('');
      const b = (await card.boundingBox())!;
      await wheelPan(page, b.x - (pane.x + 20), b.y + b.height - (pane.y + pane.height - 20));
      const c = (await card.boundingBox())!;
      expect(c.x).toBeLessThan(pane.x + 200);
      expect(c.y + c.height).toBeGreaterThan(pane.y + pane.height - 120);
      await page.mouse.click(c.x + 20, c.y + c.height - 8);
      await expect(page.getByTestId('inspector-name')).toHaveText('res2a_branch1');
      await page.screenshot({ path: `test-results/graph-legend-docked-${w}x${h}.png` });
    });
  }
});
