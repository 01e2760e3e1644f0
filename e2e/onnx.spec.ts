import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { buildModel, node } from '../lib/testing/onnx-build';

/**
 * ONNX in the browser: open a model-zoo "light" file with the Open… button and by dropping it
 * on the page, see shapes and costs, give a symbolic dimension a value and watch the figures
 * change, and run the file with its own weights on WASM.
 */
const SHARED = process.env.LAYERSCOPE_SHARED ?? path.resolve(process.cwd(), '../shared');
const light = (name: string) => path.join(SHARED, 'models', 'onnx', `light_${name}.onnx`);

async function openPage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('open-file')).toBeVisible({ timeout: 60_000 });
}

/** The text of the table's totals row (params, MACs, FLOPs, activations). */
const totals = (page: Page) => page.getByTestId('table-totals');

test.describe('ONNX models', () => {
  test('Open… reads a .onnx file: read-only text form, shapes and costs, linked with the table', async ({ page }) => {
    await openPage(page);
    await page.getByTestId('open-file-input').setInputFiles(light('squeezenet'));
    await expect(page.getByTestId('binary-banner')).toContainText('light_squeezenet.onnx');
    await expect(page.getByTestId('binary-banner')).toContainText('ONNX · 15.6 kB · read-only text form');
    await expect(page.getByTestId('table-count')).toHaveText('105 of 105 layers', { timeout: 60_000 });
    // SqueezeNet 1.1 at 224: 1,235,496 parameters, 349,151,936 MACs.
    await expect(totals(page)).toContainText('1.24 M');
    await expect(totals(page)).toContainText('349 M');
    const editor = page.getByTestId('editor-host');
    await expect(editor).toContainText('squeezenet_old (', { timeout: 60_000 });
    // The text form is read-only: typing changes nothing.
    await editor.locator('.monaco-editor textarea').focus();
    await page.keyboard.type('garbage');
    await expect(editor).not.toContainText('garbage');
    // A table row selects its node in the text form.
    await page.getByTestId('table-filter').fill('n63');
    await page.getByTestId('table-row').first().click();
    await expect(editor.locator('.ls-selected-line').first()).toBeVisible();
    await expect(page.getByTestId('binary-banner')).toBeVisible();
    // Close returns to the text model.
    await page.getByTestId('binary-close').click();
    await expect(page.getByTestId('binary-banner')).toHaveCount(0);
    await expect(editor).not.toContainText('squeezenet_old');
  });

  test('a file dropped on the page opens', async ({ page }) => {
    await openPage(page);
    const bytes = [...readFileSync(light('bvlc_alexnet'))];
    const drop = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'light_bvlc_alexnet.onnx'));
      return dt;
    }, bytes);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: drop });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await page.dispatchEvent('body', 'dragover', { dataTransfer: drop });
    await page.dispatchEvent('body', 'drop', { dataTransfer: drop });
    await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
    await expect(page.getByTestId('binary-banner')).toContainText('light_bvlc_alexnet.onnx');
    // AlexNet at 224: 60,965,224 parameters, 654,560,384 MACs.
    await expect(totals(page)).toContainText('61.0 M', { timeout: 60_000 });
    await expect(totals(page)).toContainText('655 M');
  });

  test('a symbolic dimension gets a value in the Dimensions bar and the figures follow', async ({ page }) => {
    await openPage(page);
    const model = buildModel({
      inputs: ['float[N,3,H,W] image'],
      outputs: ['float[N,8,?,?] y'],
      nodes: [
        node('Conv', ['image', 'w'], ['c'], { kernel_shape: [3, 3] }, 'conv'),
        node('Relu', ['c'], ['y'], undefined, 'relu'),
      ],
      initializers: [{ name: 'w', dtype: 'float', dims: [8, 3, 3, 3], rawBytes: 864 }],
    });
    await page
      .getByTestId('open-file-input')
      .setInputFiles({ name: 'symbolic.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(model) });
    await expect(page.getByTestId('dims-bar')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('dims-unset')).toHaveText(
      'H, W have no value: shapes that depend on them are unknown',
    );
    const conv = page.getByTestId('table-row').filter({ hasText: 'conv' }).first();
    await expect(conv).toContainText('?');
    await page.getByTestId('dim-H').locator('input').fill('32');
    await page.getByTestId('dim-W').locator('input').fill('32');
    await expect(page.getByTestId('dims-unset')).toHaveCount(0);
    // 8 output channels × 30 × 30 positions × 27 = 194,400 MACs.
    await expect(conv.getByTestId('cell-macs')).toHaveText('194 k', { timeout: 30_000 });
    await page.getByTestId('dim-H').locator('input').fill('66');
    await expect(conv.getByTestId('cell-macs')).toHaveText('415 k', { timeout: 30_000 });
    // The leading dimension is the batch.
    await page.getByTestId('dim-N').locator('input').fill('2');
    await expect(conv.getByTestId('cell-macs')).toHaveText('829 k', { timeout: 30_000 });
  });

  test('the Run tab runs the file with its own weights on WASM', async ({ page }) => {
    await openPage(page);
    await page.getByTestId('open-file-input').setInputFiles(light('squeezenet'));
    await expect(page.getByTestId('table-count')).toHaveText('105 of 105 layers', { timeout: 60_000 });
    await page.getByTestId('tab-run').click();
    await expect(page.getByTestId('run-panel')).toBeVisible();
    await page.getByTestId('run-backend-wasm').check();
    await page.getByTestId('run-mode').selectOption('profile');
    await page.getByTestId('run-warmup').fill('1');
    await page.getByTestId('run-warmup-ms').fill('0');
    await page.getByTestId('run-runs').fill('2');
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-results')).toHaveAttribute('data-backend', 'wasm', { timeout: 110_000 });
    const result = await page.evaluate(() => window.__layerscopeRun!.results.at(-1)!);
    // Every top the analyser predicted matches what onnxruntime produced from the file itself.
    expect(result.shapeChecks.filter((c) => !c.ok)).toEqual([]);
    expect(result.shapeChecks.length).toBe(67);
    expect(result.outputs.map((o) => [o.name, o.dims])).toEqual([['softmaxout_1', [1, 1000, 1, 1]]]);
    await expect(page.getByTestId('run-shape-check')).toHaveAttribute('data-ok', 'true');
  });
});
