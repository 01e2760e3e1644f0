import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { getPreset } from '../lib/presets';
import { encodeShare } from '../lib/share/codec';

async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // Monaco loads after the first graph paint: until then there is no editor to read (poll again).
    const m = (window as unknown as { monaco?: { editor: { getEditors(): { getValue(): string }[] } } }).monaco;
    return m?.editor.getEditors()[0]?.getValue() ?? '';
  });
}

async function nodeCount(page: Page, url: string): Promise<number> {
  // A hash-only change is not a page load: leave the page first.
  await page.goto('about:blank');
  await page.goto(url);
  const graph = page.getByTestId('graph-view');
  await expect(graph).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
  return Number(await graph.getAttribute('data-node-count'));
}

test.describe('share links', () => {
  test('a share link opens the same text and the same graph', async ({ page }) => {
    const preset = getPreset('squeezenet1.1')!;
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    const direct = await nodeCount(page, '/#/preset/squeezenet1.1');
    expect(direct).toBeGreaterThan(30);

    const edited = preset.text.replace('name: "SqueezeNet_v1.1"', 'name: "SqueezeNet shared ✓"');
    const fragment = encodeShare({
      text: edited,
      view: { selected: 'fire5/expand3x3', direction: 'TB', colorMode: 'category', batch: 1 },
    });
    await page.goto('/');
    const shared = await nodeCount(page, `/#${fragment}`);
    expect(shared).toBe(direct);
    await expect.poll(() => editorText(page)).toBe(edited);
  });

  test('a damaged or hostile link gives a message, never a blank page', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const bad of ['#v1.%%%notbase64', '#v1.AAAAAAAA', '#v7.abc']) {
      await page.goto('about:blank');
      await page.goto(`/${bad}`);
      await expect(page.getByTestId('notice')).toContainText('could not be opened');
      await expect(page.getByTestId('workspace')).toBeVisible();
    }
    expect(errors).toEqual([]);
  });

  test('downloads the graph as SVG and the table as CSV', async ({ page }) => {
    await page.goto('/compare');
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto('/compare#/preset/demo-depthwise-separable');
    await expect(page.getByTestId('compare-headline')).toContainText('MACs');
    await page.getByTestId('share-button').click();

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(svgDownload.suggestedFilename()).toBe('demo-depthwise-separable.svg');
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    for (const name of ['standard_5x5', 'depthwise_5x5', 'pointwise_1x1']) expect(svg).toContain(name);
    expect(svg).not.toMatch(/<script/i);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toBe('demo-depthwise-separable.layers.csv');
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('name,type,bottoms,tops,output_shapes,params,buffers,macs,flops,activation_bytes,weight_bytes');
    const standard = csv.find((l) => l.startsWith('standard_5x5,'))!.split(',');
    expect(standard[4]).toBe('1x256x8x8');
    expect(Number(standard[7])).toBe(1_228_800);
  });
});
