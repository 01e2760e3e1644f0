import { expect, test, type Page } from '@playwright/test';

type MonacoEditors = {
  editor: {
    getEditors(): {
      getContainerDomNode(): HTMLElement;
      getModel(): { setValue(v: string): void };
      getValue(): string;
    }[];
  };
};

/** Text of editor A or B (found by its pane, not by creation order). */
async function sideText(page: Page, side: 'A' | 'B'): Promise<string> {
  return page.evaluate((s) => {
    const m = (window as unknown as { monaco: MonacoEditors }).monaco;
    const ed = m.editor.getEditors().find((e) => e.getContainerDomNode().closest(`[data-testid=compare-editor-${s}]`));
    return ed ? ed.getValue() : '';
  }, side);
}

async function setSideText(page: Page, side: 'A' | 'B', text: string): Promise<void> {
  await page.evaluate(
    ([s, t]) => {
      const m = (window as unknown as { monaco: MonacoEditors }).monaco;
      const ed = m.editor
        .getEditors()
        .find((e) => e.getContainerDomNode().closest(`[data-testid=compare-editor-${s}]`));
      ed!.getModel().setValue(t!);
    },
    [side, text],
  );
}

async function openCompare(page: Page, hash: string): Promise<void> {
  await page.goto('/compare');
  await page.evaluate(() => localStorage.clear());
  // A hash-only change is not a page load: leave the page first.
  await page.goto('about:blank');
  await page.goto(`/compare${hash}`);
  await expect(page.getByTestId('compare-editor-A').locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('compare-editor-B').locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('compare-headline')).toContainText('MACs');
}

test.describe('compare', () => {
  test('B starts as a copy of A; editing B shows the deltas, the changed layers and the coloured graph', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openCompare(page, '#/preset/demo-bottleneck');
    const a = await sideText(page, 'A');
    expect(a).toContain('name: "demo-1x1-bottleneck"');
    expect(await sideText(page, 'B')).toBe(a);
    await expect(page.getByTestId('compare-total-macs')).toHaveAttribute('data-delta', '0');
    await expect(page.getByTestId('diff-table')).toContainText('No layer differs between A and B.');

    // Widen the 1×1 reduction from 16 to 24 channels and drop the direct 5×5 branch.
    const b = a
      .replace('num_output: 16', 'num_output: 24')
      .replace(/\n# direct 5x5 on all 192 channels\nlayer \{\n {2}name: "direct_5x5"[\s\S]*?\n\}\n/, '\n');
    // (The preset's header still names direct_5x5: it links to the layer the inspector explains.)
    expect(b).not.toMatch(/name: "direct_5x5"/);
    await setSideText(page, 'B', b);

    // reduce_1x1: 192·8·28·28 more; bottleneck_5x5: 25·8·32·28·28 more; direct_5x5 (120,422,400) removed.
    const expected = 192 * 8 * 784 + 25 * 8 * 32 * 784 - 120_422_400;
    await expect(page.getByTestId('compare-total-macs')).toHaveAttribute('data-delta', String(expected));
    await expect(page.getByTestId('compare-delta-macs')).toHaveText('−114M');
    await expect(page.locator('[data-testid=diff-row][data-name=direct_5x5]')).toHaveAttribute(
      'data-status',
      'removed',
    );
    await expect(page.locator('[data-testid=diff-row][data-name=reduce_1x1]')).toHaveAttribute(
      'data-status',
      'changed',
    );
    await expect(page.locator('[data-testid=diff-row][data-name=reduce_1x1]')).toContainText('num_output 16→24');
    await expect(page.getByTestId('removed-layers')).toContainText('direct_5x5');

    // Sorting by ΔMACs puts the removed 120 M branch first.
    await page.getByTestId('diff-sort-macs').click();
    await expect(page.getByTestId('diff-row').first()).toHaveAttribute('data-name', 'direct_5x5');

    const graph = page.getByTestId('diff-graph');
    await expect(graph).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    await expect(page.locator('[data-diff-node=reduce_1x1]')).toHaveAttribute('data-status', 'changed');
    await expect(page.locator('[data-diff-node=data]')).toHaveAttribute('data-status', 'same');
    // The graph view's cards: in-place ReLU as a badge, the ΔMACs drawn in full after the costs.
    const card = page.locator('[data-diff-node=reduce_1x1]');
    await expect(card.locator('.graph-node-costs')).toHaveText('3.61M MACs  4.61k params  Δ+1.2M');
    await card.locator('[data-badge-name=reduce_relu]').click();
    await expect(page.locator('[data-testid=diff-row][data-name=reduce_relu]')).toHaveAttribute(
      'data-selected',
      'true',
    );
    expect(errors).toEqual([]);
  });

  test('the compare link carries both texts', async ({ page, context }) => {
    await openCompare(page, '#/preset/demo-5x5-vs-3x3');
    const a = await sideText(page, 'A');
    const b = a.replace(
      'num_output: 1\n    bias_term: false\n    pad: 2\n    kernel_size: 5',
      'num_output: 4\n    bias_term: false\n    pad: 2\n    kernel_size: 5',
    );
    expect(b).not.toBe(a);
    await setSideText(page, 'B', b);
    await expect(page.getByTestId('compare-total-macs')).not.toHaveAttribute('data-delta', '0');
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-copy').click();
    await expect(page.getByTestId('share-confirm')).toBeVisible();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/\/compare#v1\.[A-Za-z0-9_-]+$/);

    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('compare-editor-B').locator('.monaco-editor')).toBeVisible();
    await expect.poll(() => sideText(other, 'A')).toBe(a);
    await expect.poll(() => sideText(other, 'B')).toBe(b);
    await expect(other.getByTestId('compare-total-macs')).toHaveAttribute('data-delta', String(3 * 25 * 32 * 32));
  });
});
