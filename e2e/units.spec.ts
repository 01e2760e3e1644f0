import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * One unit policy for bytes (issue 14): the same model's memory figures read from every surface
 * of the page (table, summary, inspector, graph card, heat legend, compare, Markdown export) are
 * one value. GoogLeNet's activations used to read 27.3 MB in the table and 26.1 MiB on the
 * compare page.
 */
async function open(page: Page, path: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await page.goto(path);
}

test('memory figures read the same on every surface', async ({ page }) => {
  test.setTimeout(240_000);
  await open(page, '/#/preset/googlenet');
  await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 90_000 });

  // Total activations: table footer, summary, Markdown export.
  const total = (await page.getByTestId('total-cell-activation').textContent())!.trim();
  expect(total).toBe('27.3 MB');
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByTestId('total-act')).toHaveText(total);
  await expect(page.getByTestId('total-weights')).toHaveText('28.0 MB');
  await page.getByTestId('share-button').click();
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
  const markdown = readFileSync((await md.path())!, 'utf8');
  expect(markdown).toContain(`| activation memory (sum) | ${total} |`);
  expect(markdown).toContain('| weight memory | 28.0 MB |');
  await page.keyboard.press('Escape');

  // One layer: table cell, inspector, graph card, heat legend (conv1 is GoogLeNet's largest output).
  await page.getByRole('tab', { name: /Layers/ }).click();
  const conv1 = page.locator('[data-testid=table-row][data-layer="conv1/7x7_s2"]');
  await expect(conv1.getByTestId('cell-activation')).toHaveText('3.21 MB');
  await conv1.click();
  await expect(page.getByTestId('inspector-activation')).toHaveText('3.21 MB');
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
  await expect(page.locator('g.graph-node[data-node-name="conv1/7x7_s2"] > title')).toContainText(
    'activations 3.21 MB',
  );
  await page.getByTestId('color-mode').selectOption('memory');
  await expect(page.getByTestId('graph-legend-max')).toHaveText('3.21 MB');
  await expect(page.getByTestId('help-button')).toBeVisible();
  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('help-units')).toContainText('1 MB = 10⁶ bytes');

  // The compare page: A and B are the same model.
  await open(page, '/compare#/preset/googlenet');
  const row = page.getByTestId('compare-total-activationBytes');
  await expect(row).toContainText(total, { timeout: 90_000 });
  await expect(page.getByTestId('compare-total-weightBytes')).toContainText('28.0 MB');
});
