import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decodeShare } from '../lib/share/codec';

/** Replaces the editor text the way a paste does (one content change through Monaco). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
}

async function openFresh(page: Page, hash = '#/preset/demo-depthwise-separable'): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  // A hash-only change is not a page load: leave the page first.
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => !!(window as unknown as { monaco?: unknown }).monaco, null, { polling: 500 });
}

const row = (page: Page, name: string) => page.locator(`[data-testid=table-row][data-layer="${name}"]`);
const card = (page: Page, name: string) => page.locator(`g.graph-node[data-node-name="${name}"]`);

// The case: a train file whose only Data layer is TRAIN-only (read in the default TEST phase).
const TRAIN_ONLY = `name: "TrainOnly"
layer { name: "data" type: "Data" top: "data" top: "label"
  include { phase: TRAIN }
  transform_param { crop_size: 227 mirror: true }
  data_param { source: "examples/imagenet/ilsvrc12_train_lmdb" batch_size: 256 backend: LMDB } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 96 kernel_size: 11 stride: 4 } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "fc" type: "InnerProduct" bottom: "conv1" top: "fc" inner_product_param { num_output: 10 } }
layer { name: "loss" type: "SoftmaxWithLoss" bottom: "fc" bottom: "label" top: "loss" }
`;

// A readable model with one semantic error: kernel_size 0 on the last convolution.
const SEMANTIC = `name: "Semantic"
input: "data"
input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 16 kernel_size: 3 pad: 1 } }
layer { name: "conv2" type: "Convolution" bottom: "conv1" top: "conv2"
  convolution_param { num_output: 16 kernel_size: 0 } }
layer { name: "fc" type: "InnerProduct" bottom: "conv2" top: "fc" inner_product_param { num_output: 10 } }
`;

const LENET = `name: "LeNet"
layer { name: "mnist" type: "Data" top: "data" top: "label"
  include { phase: TEST }
  transform_param { scale: 0.00390625 }
  data_param { source: "examples/mnist/mnist_test_lmdb" batch_size: 100 backend: LMDB } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
  convolution_param { num_output: 20 kernel_size: 5 stride: 1 } }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1"
  pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "ip1" type: "InnerProduct" bottom: "pool1" top: "ip1" inner_product_param { num_output: 10 } }
layer { name: "loss" type: "SoftmaxWithLoss" bottom: "ip1" bottom: "label" top: "loss" }
`;

test.describe('honest partial results', () => {
  test('a TRAIN-only Data layer: the new model is shown, broken layers marked, CSV is the new model', async ({
    page,
  }) => {
    await openFresh(page);
    await expect(row(page, 'standard_5x5')).toBeVisible();
    await setEditorText(page, TRAIN_ONLY);
    // The table is the new text's, with the layers that have errors and those that depend on them marked.
    await expect(page.getByTestId('table-count')).toHaveText('4 of 4 layers');
    await expect(row(page, 'conv1')).toHaveAttribute('data-status', 'broken');
    await expect(row(page, 'relu1')).toHaveAttribute('data-status', 'unknown');
    await expect(row(page, 'fc')).toHaveAttribute('data-status', 'unknown');
    await expect(row(page, 'loss')).toHaveAttribute('data-status', 'broken');
    await expect(row(page, 'conv1').getByTestId('cell-macs')).toHaveText('—');
    await expect(page.getByTestId('table-unknown')).toHaveText('4 unknown');
    await expect(page.getByTestId('total-cell-macs')).toHaveText('—');
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    // The previous model is gone from every view.
    await expect(row(page, 'standard_5x5')).toHaveCount(0);
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    await expect(card(page, 'conv1')).toHaveAttribute('data-status', 'broken');
    await expect(card(page, 'fc')).toHaveAttribute('data-status', 'unknown');
    await expect(card(page, 'standard_5x5')).toHaveCount(0);
    // Summary: no silent zeros.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect(page.getByTestId('summary-unknown')).toContainText('4 layers unknown');
    await expect(page.getByTestId('total-macs')).toHaveText('—');
    // CSV export: the new model's file name and rows.
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-stale')).toHaveCount(0);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('TrainOnly.layers.csv');
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(['conv1', 'relu1', 'fc', 'loss']);
    expect(lines.at(-1)).toMatch(/^TOTAL \(4 layers unknown: totals are lower bounds\),/);
  });

  test('a semantic error: the other layers keep exact figures, the broken one is marked, totals say ≥', async ({
    page,
  }) => {
    await openFresh(page);
    await setEditorText(page, SEMANTIC);
    await expect(page.getByTestId('table-count')).toHaveText('3 of 3 layers');
    await expect(row(page, 'conv1')).toHaveAttribute('data-status', 'ok');
    // conv1: 16 · 3·3·3 · 32·32 = 442,368 MACs.
    await expect(row(page, 'conv1').getByTestId('cell-macs').locator('span')).toHaveAttribute('title', '442,368');
    await expect(row(page, 'conv2')).toHaveAttribute('data-status', 'broken');
    await expect(row(page, 'fc')).toHaveAttribute('data-status', 'unknown');
    await expect(page.getByTestId('total-cell-macs')).toHaveText('≥ 442 k');
    await expect(page.getByTestId('table-unknown')).toHaveText('2 unknown');
    const problem = page.getByTestId('problem').filter({ hasText: 'conv2' });
    await expect(problem.getByTestId('problem-pos')).toHaveText(/^7:\d+$/);
    await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    await expect(card(page, 'conv2')).toHaveAttribute('data-status', 'broken');
    await expect(card(page, 'conv1')).toHaveAttribute('data-status', 'ok');
    // The inspector says why the figures are missing.
    await row(page, 'conv2').click();
    await expect(page.getByTestId('inspector-unknown')).toContainText('has errors');
  });

  test('unreadable text keeps the previous version, and every pane and menu says which', async ({ page }) => {
    await openFresh(page);
    await setEditorText(page, SEMANTIC);
    await expect(page.getByTestId('table-count')).toHaveText('3 of 3 layers');
    await row(page, 'conv1').click();
    await setEditorText(page, `${SEMANTIC}layer { name: "x" type: `);
    for (const pane of ['graph', 'inspector', 'table']) {
      await expect(page.locator(`[data-testid=stale-banner][data-pane=${pane}]`)).toContainText(
        'Showing the previous version (“Semantic”, 3 layers',
      );
    }
    await expect(page.locator('[data-testid=stale-banner][data-pane=table]')).toContainText('syntax error at 9:');
    await page.getByRole('tab', { name: 'Summary' }).click();
    await expect(page.locator('[data-testid=stale-banner][data-pane=summary]')).toBeVisible();
    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-stale')).toContainText('previous version (“Semantic”, 3 layers');
    await expect(page.getByTestId('export-stale')).toContainText('Semantic');
  });
});

test.describe('input shapes in place', () => {
  test('a bar names the missing input, offers guesses, and the chosen shape clears the warning and travels', async ({
    page,
  }) => {
    // Three page loads on a loaded 2-core machine.
    test.setTimeout(300_000);
    await openFresh(page);
    await setEditorText(page, LENET);
    const need = page.locator('[data-testid=input-need][data-input=data]');
    await expect(need).toContainText('No shape for input data (Data layer “mnist”)');
    const guess = need.locator('[data-testid=shape-suggestion][data-shape="100×1×28×28"]');
    await expect(guess).toContainText('guess: MNIST');
    // Nothing is applied by itself: figures stay unknown until the user picks.
    await expect(row(page, 'conv1')).toHaveAttribute('data-status', 'unknown');
    await expect(page.getByTestId('problem-message').filter({ hasText: 'declares no input shape' })).toContainText(
      'enter it in the input shape field above the graph',
    );
    await expect(page.locator('[data-testid=problems]')).not.toContainText('--input');
    await expect(row(page, 'mnist').getByTestId('row-shape')).toHaveValue('');

    await guess.click();
    await expect(page.getByTestId('input-banner')).toHaveCount(0);
    // Analysis batch 1: conv1 = 1×20×24×24, 20·25·576 = 288,000 MACs.
    await expect(row(page, 'conv1')).toHaveAttribute('data-status', 'ok');
    await expect(row(page, 'conv1')).toContainText('1×20×24×24');
    await expect(row(page, 'conv1').getByTestId('cell-macs').locator('span')).toHaveAttribute('title', '288,000');
    await expect(row(page, 'mnist').getByTestId('row-shape')).toHaveValue('100×1×28×28');
    await expect(page.getByTestId('problem-message').filter({ hasText: 'declares no input shape' })).toHaveCount(0);

    // The table row's field edits the same shape.
    await row(page, 'mnist').getByTestId('row-shape').fill('1x1x32x32');
    await row(page, 'mnist').getByTestId('row-shape').press('Enter');
    await expect(row(page, 'conv1')).toContainText('1×20×28×28');

    // Saved with the text: a reload keeps it.
    await page.waitForTimeout(800);
    await page.goto('/');
    await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 90_000 });
    await expect(row(page, 'conv1')).toContainText('1×20×28×28');
    await expect(page.getByTestId('input-banner')).toHaveCount(0);

    // And in a share link.
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-copy').click();
    const link = await page.getByTestId('share-link').inputValue();
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('status-timing')).toBeVisible({ timeout: 90_000 });
    await expect(row(page, 'conv1')).toContainText('1×20×28×28');
    await expect(page.getByTestId('input-banner')).toHaveCount(0);
  });
});

test('input shapes set in the workspace reach the compare page and its links', async ({ page }) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await setEditorText(page, LENET);
  const field = row(page, 'mnist').getByTestId('row-shape');
  await field.fill('1x1x32x32');
  await field.press('Enter');
  // conv1 1×20×28×28: 20·25·784 = 392,000 MACs; ip1: 20·14·14 · 10 = 39,200.
  await expect(row(page, 'conv1')).toContainText('1×20×28×28');
  await page.waitForTimeout(800); // the save is debounced
  await page.goto('about:blank');
  await page.goto('/compare');
  const macsA = page.getByTestId('compare-total-macs').locator('td').nth(1);
  await expect(macsA).toHaveAttribute('title', '431,200', { timeout: 90_000 });
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-copy').click();
  const link = await page.getByTestId('share-link').inputValue();
  const decoded = decodeShare(new URL(link).hash);
  expect(decoded.ok && decoded.kind === 'compare' && decoded.view.inputs).toEqual({ data: [1, 1, 32, 32] });
});

test('the graph offers the same shape field under the data layer’s card', async ({ page }) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await setEditorText(page, LENET);
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
  const field = page.locator('[data-testid=graph-node-overlay][data-node-name=mnist] [data-testid=graph-shape]');
  await expect(field).toHaveValue('');
  await field.fill('1x1x28x28');
  await field.press('Enter');
  await expect(row(page, 'conv1')).toContainText('1×20×24×24');
  await expect(page.getByTestId('input-banner')).toHaveCount(0);
  await expect(field).toHaveValue('1×1×28×28');
  await expect(row(page, 'mnist').getByTestId('row-shape')).toHaveValue('1×1×28×28');
});

test('a guessed input shape: the warning points at the table row, whose field shows the guess and corrects it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openFresh(page);
  await setEditorText(
    page,
    `name: "Guessed"
layer { name: "data" type: "Data" top: "data" transform_param { crop_size: 227 } data_param { batch_size: 8 } }
layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 10 } }
`,
  );
  const problem = page.getByTestId('problem').filter({ hasText: 'is inferred from' });
  await expect(problem).toContainText('enter it in the shape field on its row in the layer table', { timeout: 60_000 });
  await expect(problem).not.toContainText('--input');
  await expect(page.getByTestId('input-banner')).toHaveCount(0);
  const field = row(page, 'data').getByTestId('row-shape');
  await expect(field).toHaveValue('8×3×227×227');
  await expect(row(page, 'ip').getByTestId('cell-macs')).toContainText('1.55 M'); // per image (the batch control's default): 10 × 3·227·227
  await field.fill('8x1x227x227');
  await field.press('Enter');
  await expect(row(page, 'ip').getByTestId('cell-macs')).toContainText('515 k', { timeout: 60_000 }); // 10 × 227·227
  await expect(page.getByTestId('problem').filter({ hasText: 'is inferred from' })).toHaveCount(0);
  await expect(row(page, 'data').getByTestId('row-shape')).toHaveValue('8×1×227×227');
});
