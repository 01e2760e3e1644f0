import { expect, test, type Page } from '@playwright/test';
import { getPreset } from '../lib/presets';

/**
 * The inspector's explanation and the advisor, as a student meets them: open a worked example
 * with its layer selected, read the formulas, try a cheaper design in the compare view, apply it
 * into the editor and undo it.
 */

type Monaco = { editor: { getEditors(): { getValue(): string; getContainerDomNode(): HTMLElement }[] } };

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = (window as unknown as { monaco?: Monaco }).monaco;
    const ed = m?.editor.getEditors().find((e) => e.getContainerDomNode().closest('[data-testid=workspace]'));
    return ed ? ed.getValue() : '';
  });
}

async function compareText(page: Page, side: 'A' | 'B'): Promise<string> {
  return page.evaluate((s) => {
    const m = (window as unknown as { monaco?: Monaco }).monaco;
    const ed = m?.editor.getEditors().find((e) => e.getContainerDomNode().closest(`[data-testid=compare-editor-${s}]`));
    return ed ? ed.getValue() : '';
  }, side);
}

/** Opens a preset with a layer selected, on a clean workspace. */
async function openLesson(page: Page, preset: string, layer: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await page.goto(`/#/preset/${preset}/${layer}`);
  await expect(page.getByTestId('workspace').locator('.monaco-editor')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('inspector-name')).toHaveText(layer, { timeout: 120_000 });
}

test.describe('explain and advise', () => {
  // The advisor answers from a worker that analyses the text itself: slow to start on a loaded machine.
  test.setTimeout(240_000);

  test('the explain panel shows the formulas with the layer’s numbers, the algorithms and the receptive field', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openLesson(page, 'demo-conv-algorithms', 'winograd_3x3');
    const panel = page.getByTestId('explain-panel');
    await expect(panel.getByTestId('explain-figure-macs')).toContainText('H_out·W_out·C_out·(C_in/g)·k_h·k_w');
    await expect(panel.getByTestId('explain-figure-macs')).toContainText('56·56·64·64·3·3');
    await expect(panel.getByTestId('explain-value-macs')).toHaveText('115,605,504 MACs');
    await expect(panel.getByTestId('explain-value-params')).toHaveText('36,864');
    await expect(panel.getByTestId('explain-ratio-winograd-2')).toHaveText('2.25× fewer than direct');
    await expect(panel.getByTestId('explain-ratio-winograd-4')).toHaveText('4.00× fewer than direct');
    await expect(panel.getByTestId('explain-alg-winograd-2')).toContainText('16 vs 36 per tile');
    await expect(panel.getByTestId('explain-alg-fft')).toContainText('estimate');
    await expect(panel.getByTestId('explain-rf-picture-H')).toHaveText('●●●');
    // Each figure has a "?" that says what it counts.
    await panel.getByRole('button', { name: 'What is MACs?' }).click();
    await expect(panel.getByRole('tooltip')).toContainText('Multiply-accumulates');
    // The worked example links back to a preset with a layer selected.
    await expect(panel.getByTestId('learn-conv-cost')).toHaveAttribute(
      'href',
      '/#/preset/demo-conv-algorithms/winograd_3x3',
    );
    await page.screenshot({ path: 'test-results/advisor-explain.png', fullPage: true });

    // A 1×1 conv: no im2col copy, Winograd does not apply, and the FFT figure is called meaningless.
    await page.goto('about:blank');
    await page.goto('/#/preset/demo-conv-algorithms/pointwise_1x1');
    await expect(page.getByTestId('inspector-name')).toHaveText('pointwise_1x1', { timeout: 120_000 });
    await expect(page.getByTestId('explain-why-fft')).toContainText('meaningless for a 1×1 conv');
    await expect(page.getByTestId('explain-why-winograd-2')).toContainText('does not apply: needs a 3×3 kernel');
    expect(errors).toEqual([]);
  });

  test('a rewrite opens the compare view with the original on the left and the rewrite on the right', async ({
    page,
    context,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openLesson(page, 'demo-bottleneck', 'direct_5x5');
    const card = page.getByTestId('suggestion-bottleneck');
    await expect(card).toBeVisible({ timeout: 120_000 });
    await card.getByLabel('width').fill('16');
    await expect(card.getByTestId('suggestion-figures')).toContainText('153,600→15,872', { timeout: 60_000 });
    await expect(card.getByTestId('suggestion-figures')).toContainText('120,422,400→12,443,648');
    await expect(card.getByTestId('suggestion-sum')).toHaveText('MACs: 2,408,448 + 10,035,200 = 12,443,648');
    await page.screenshot({ path: 'test-results/advisor-suggestions.png', fullPage: true });

    const popup = context.waitForEvent('page');
    await card.getByTestId('suggestion-compare').click();
    const compare = await popup;
    await compare.waitForURL(/\/compare\?rewrite=bottleneck%3Adirect_5x5#v1\./, { timeout: 120_000 });
    await expect(compare.getByTestId('compare-editor-B')).toContainText('advisor rewrite bottleneck:direct_5x5');
    const original = getPreset('demo-bottleneck')!.text;
    await expect.poll(() => compareText(compare, 'A'), { intervals: [1_000] }).toBe(original);
    await expect.poll(() => compareText(compare, 'B'), { intervals: [1_000] }).toContain('name: "direct_5x5_reduce"');
    // The diff shows exactly the changed layers: the two new ones added, the 5×5 changed, the rest the same.
    const row = (name: string) => compare.locator(`[data-testid=diff-row][data-name="${name}"]`);
    await expect(row('direct_5x5_reduce')).toHaveAttribute('data-status', 'added', { timeout: 120_000 });
    await expect(row('direct_5x5_reduce_relu')).toHaveAttribute('data-status', 'added');
    await expect(row('direct_5x5')).toHaveAttribute('data-status', 'changed');
    const statuses = await compare
      .locator('[data-testid=diff-row]')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-name')}:${r.getAttribute('data-status')}`));
    expect(statuses.filter((s) => !s.endsWith(':same')).sort()).toEqual([
      'direct_5x5:changed',
      'direct_5x5_reduce:added',
      'direct_5x5_reduce_relu:added',
    ]);
    await expect(compare.getByTestId('compare-total-macs')).toHaveAttribute(
      'data-delta',
      String(12_443_648 - 120_422_400),
    );
    await compare.screenshot({ path: 'test-results/advisor-compare.png' });
    expect(errors).toEqual([]);
  });

  test('apply puts the rewrite into the editor as one edit, and Ctrl+Z restores the original', async ({ page }) => {
    await openLesson(page, 'demo-depthwise-separable', 'standard_5x5');
    const original = getPreset('demo-depthwise-separable')!.text;
    const card = page.getByTestId('suggestion-depthwise-separable');
    await expect(card.getByTestId('suggestion-sum')).toHaveText('MACs: 4,800 + 49,152 = 53,952', { timeout: 120_000 });
    await expect(page.getByTestId('table-count')).toHaveText('4 of 4 layers');
    await card.getByTestId('suggestion-apply').click();
    await expect.poll(() => editorText(page), { intervals: [1_000] }).toContain('name: "standard_5x5_dw"');
    // The layer keeps its name and stays selected; the table lists the two new layers.
    await expect(page.getByTestId('inspector-name')).toHaveText('standard_5x5');
    await expect(page.getByTestId('table-count')).toHaveText('6 of 6 layers', { timeout: 120_000 });
    await expect(page.getByTestId('explain-value-macs')).toHaveText('49,152 MACs', { timeout: 60_000 });

    // Focus the editor (without moving its cursor, so the selection stays), then undo once from the keyboard.
    await page.evaluate(() => {
      const m = (window as unknown as { monaco: { editor: { getEditors(): { focus(): void }[] } } }).monaco;
      m.editor.getEditors()[0]!.focus();
    });
    await page.keyboard.press('Control+Z');
    await expect.poll(() => editorText(page), { intervals: [1_000] }).toBe(original);
    await expect(page.getByTestId('table-count')).toHaveText('4 of 4 layers', { timeout: 120_000 });
    await expect(page.getByTestId('explain-value-macs')).toHaveText('1,228,800 MACs', { timeout: 60_000 });
  });

  test('a rewrite that costs more is listed only on request, marked, with its sum', async ({ page }) => {
    await openLesson(page, 'demo-5x5-corner', 'conv_5x5');
    await expect(page.getByTestId('advisor-list')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('suggestion-stack-3x3')).toHaveCount(0);
    await page.getByTestId('advisor-show-costlier').check();
    const card = page.getByTestId('suggestion-stack-3x3');
    await expect(card.getByTestId('costs-more')).toBeVisible();
    await expect(card.getByTestId('suggestion-notes')).toContainText(
      'Costs more than the layer: 81 + 9 = 90 MACs against 25.',
    );
  });
});
