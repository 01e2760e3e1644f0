import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { syntheticPrototxt } from '../lib/testing/synthetic';

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

async function openFresh(page: Page, hash: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => !!(window as unknown as { monaco?: unknown }).monaco, null, { polling: 500 });
}

/** Every dimension of every shape in the inspector is on one line (a number never wraps). */
async function brokenNumbers(page: Page): Promise<string[]> {
  return page
    .getByTestId('inspector')
    .evaluate((el) =>
      [...el.querySelectorAll('[data-dim]')]
        .filter((d) => d.getClientRects().length !== 1)
        .map((d) => d.textContent ?? ''),
    );
}

for (const [w, h] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`the inspector resizes and its shapes never wrap inside a number at ${w}×${h}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: w, height: h });
    await openFresh(page, '#/preset/googlenet');
    // inception_4e/output concatenates four branches: four long input shapes.
    await page.getByTestId('table-filter').fill('inception_4e/output');
    await page.locator('[data-testid=table-row][data-layer="inception_4e/output"]').click();
    await expect(page.getByTestId('inspector-name')).toHaveText('inception_4e/output');
    const frame = page.getByTestId('inspector-frame');
    await expect(frame).toHaveAttribute('data-width', '320');
    const dims = page.getByTestId('inspector').locator('[data-dim]');
    expect(await dims.count()).toBeGreaterThanOrEqual(20);
    expect(await brokenNumbers(page)).toEqual([]);

    // Narrowest: drag the handle far right; shapes may wrap between dimensions, never inside one.
    const handle = page.getByTestId('inspector-resize');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 600, box.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect(frame).toHaveAttribute('data-width', '240');
    expect(await brokenNumbers(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`inspector-narrow-${w}x${h}.png`) });

    // Keyboard: arrows widen it, and the width is remembered across a reload.
    await handle.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(frame).toHaveAttribute('data-width', '320');
    // Wider, up to 60 % of the graph row (the graph keeps the rest).
    for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowLeft');
    const wide = Number(await frame.getAttribute('data-width'));
    const row = (await frame.evaluate((el) => el.parentElement!.getBoundingClientRect().width)) as number;
    expect(wide).toBe(Math.min(720, Math.floor(row * 0.6)));
    expect(wide).toBeGreaterThan(400);
    expect(await brokenNumbers(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`inspector-wide-${w}x${h}.png`) });
    await page.reload();
    await expect(page.getByTestId('inspector-frame')).toHaveAttribute('data-width', String(wide), { timeout: 90_000 });
  });
}

test('Ctrl+M lets Tab leave the editor, keyboard users reach the table, and the mode is shown', async ({ page }) => {
  test.setTimeout(240_000);
  await openFresh(page, '#/preset/demo-depthwise-separable');
  const indicator = page.getByTestId('tab-focus');
  await expect(indicator).toHaveAttribute('data-on', 'false');
  await page.locator('.view-line').first().click();
  // Tab indents while the mode is off.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+m');
  await expect(indicator).toHaveAttribute('data-on', 'true');
  await expect(indicator).toHaveText('Tab moves focus · Ctrl+M');
  // Tab now walks out of the editor and on to the table's rows.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'table-body');
  }
  expect(reached).toBe(true);
  await page.keyboard.press('ArrowDown');
  const first = await page.getByTestId('table-row').first().getAttribute('data-layer');
  await expect(page.getByTestId('inspector-name')).toHaveText(first!);
  await page.keyboard.press('ArrowDown');
  const second = await page.getByTestId('table-row').nth(1).getAttribute('data-layer');
  await expect(page.getByTestId('inspector-name')).toHaveText(second!);
  await expect(page.locator(`[data-testid=table-row][data-layer="${second}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // The indicator also toggles by click.
  await indicator.click();
  await expect(indicator).toHaveAttribute('data-on', 'false');
});

test('Format splits a one-line model into one field per line', async ({ page }) => {
  await openFresh(page, '#/preset/demo-depthwise-separable');
  const one =
    'name: "one" input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 } layer { name: "r" type: "ReLU" bottom: "data" top: "r" }';
  await setEditorText(page, one);
  await expect(page.locator('[data-testid=table-row][data-layer="r"]')).toBeVisible();
  await page.locator('.view-line').first().click();
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => editorText(page)).toContain('\nlayer {\n  name: "r"\n  type: "ReLU"\n');
  expect((await editorText(page)).split('\n')).toHaveLength(15);
  await expect(page.locator('[data-testid=table-row][data-layer="r"]')).toContainText('1×3×8×8');
});

test('a favicon, and no request of the page answers 404', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await openFresh(page, '#/preset/demo-depthwise-separable');
  await page.waitForTimeout(1500);
  expect(missing).toEqual([]);
  const href = await page.locator('link[rel=icon]').first().getAttribute('href');
  expect(href).toMatch(/icon/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(await icon.text()).toContain('<svg');
});

test('a share link over 8,000 characters warns and offers the model as a file', async ({ page }) => {
  test.setTimeout(240_000);
  await openFresh(page, '#/preset/demo-depthwise-separable');
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-confirm')).toBeVisible();
  await expect(page.getByTestId('share-long')).toHaveCount(0);
  await page.keyboard.press('Escape');

  const big = syntheticPrototxt(1500, 'big_model');
  await setEditorText(page, big);
  await expect(page.getByTestId('table-count')).toHaveText(/of 15\d\d layers/, { timeout: 60_000 });
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-copy').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.length).toBeGreaterThan(8000);
  await expect(page.getByTestId('share-long')).toContainText(`${link.length.toLocaleString('en-US')} characters`);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-download-model').click()]);
  expect(file.suggestedFilename()).toBe('big_model.prototxt');
  expect(readFileSync((await file.path())!, 'utf8')).toBe(big);
});
