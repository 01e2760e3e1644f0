import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Exports = screen (issue 14): the graph SVG and PNG use the colour mode on screen, collapse the
 * blocks collapsed on screen, and carry a legend, the model's name and its totals; the PNG is
 * drawn at 2×. The SVG is parsed and the PNG decoded, not just downloaded.
 */
async function open(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('about:blank');
  await page.goto('/#/preset/googlenet');
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 120_000 });
}

async function exportFile(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('share-button').click();
  const [d]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const bytes = readFileSync((await d.path())!);
  await page.keyboard.press('Escape');
  return { name: d.suggestedFilename(), bytes };
}

/** Attributes of the exported node named `name`: its card rect and the graph's offset in the document. */
function nodeRect(svg: string, name: string): { x: number; y: number; w: number; h: number; fill: string } {
  const esc = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(
    `data-name="${esc}"[^>]*>\\s*<title>[^<]*</title>\\s*<rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"[^>]*fill="([^"]+)"`,
  ).exec(svg);
  if (!m) throw new Error(`no node ${name} in the SVG`);
  const [dx, dy] = graphOffset(svg);
  return { x: Number(m[1]) + dx, y: Number(m[2]) + dy, w: Number(m[3]), h: Number(m[4]), fill: m[5]! };
}

function graphOffset(svg: string): [number, number] {
  const m = /<g transform="translate\(([\d.]+) ([\d.]+)\)">\n<g class="edges">/.exec(svg);
  if (!m) throw new Error('no graph group in the SVG');
  return [Number(m[1]), Number(m[2])];
}

/** Where the page draws the card of `name` (graph coordinates, as the SVG's rects are). */
async function screenPos(page: Page, name: string): Promise<[number, number]> {
  const t = await page.locator(`g.graph-node[data-node-name="${name}"]`).first().getAttribute('transform');
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t ?? '');
  if (!m) throw new Error(`no card ${name} on screen (${t})`);
  return [Number(m[1]), Number(m[2])];
}

/** The raw rect position of `name` in the SVG, before the document's margin/header offset. */
function svgPos(svg: string, name: string): [number, number] {
  const r = nodeRect(svg, name);
  const [dx, dy] = graphOffset(svg);
  return [r.x - dx, r.y - dy];
}

function svgSize(svg: string): [number, number] {
  const m = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
  return [Number(m[1]), Number(m[2])];
}

test('SVG and PNG: the heat map on screen, a legend, the name and totals, PNG decoded at 2×', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  await page.getByTestId('color-mode').selectOption('macs');
  await expect(page.getByTestId('graph-legend')).toHaveAttribute('data-mode', 'macs');
  const screenFill = await page.locator('g.graph-node[data-node-name="conv2/3x3"] > rect').first().getAttribute('fill');
  const screenCool = await page
    .locator('g.graph-node[data-node-name="conv1/7x7_s2"] > rect')
    .first()
    .getAttribute('fill');
  const legendMax = (await page.getByTestId('graph-legend-max').textContent())!;
  const legendMin = (await page.getByTestId('graph-legend-min').textContent())!;
  const shownNodes = Number(await page.getByTestId('graph-view').getAttribute('data-node-count'));

  const svgFile = await exportFile(page, 'export-svg');
  expect(svgFile.name).toBe('GoogleNet.svg');
  const svg = svgFile.bytes.toString('utf8');
  // Colours: the exported cards are filled as on screen (conv2/3x3 is the hottest, rgb(128,0,38)).
  expect(nodeRect(svg, 'conv2/3x3').fill).toBe(screenFill);
  expect(screenFill).toBe('rgb(128,0,38)');
  expect(nodeRect(svg, 'conv1/7x7_s2').fill).toBe(screenCool);
  expect((svg.match(/<g class="node"/g) ?? []).length).toBe(shownNodes);
  // Layout: each card where the page draws it (the page's own layout, not another one).
  for (const name of ['conv1/7x7_s2', 'conv2/3x3']) {
    const [sx, sy] = await screenPos(page, name);
    const [fx, fy] = svgPos(svg, name);
    expect(Math.abs(fx - sx), name).toBeLessThan(0.6);
    expect(Math.abs(fy - sy), name).toBeLessThan(0.6);
  }
  // Legend: the heat scale with the same range as the screen's legend.
  expect(svg).toContain('<g class="legend" data-kind="gradient"');
  expect(svg).toContain('>MACs (log scale)</text>');
  expect(svg).toContain(`>${legendMin}</text>`);
  expect(svg).toContain(`>${legendMax}</text>`);
  // Name and totals.
  expect(svg).toContain('>GoogleNet — 143 layers</text>');
  expect(svg).toMatch(/>1\.58 G MACs · 3\.19 G FLOPs · 7\.00 M params · activations 27\.3 MB/);

  const png = await exportFile(page, 'export-png');
  expect(png.name).toBe('GoogleNet.png');
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  const [w, h] = svgSize(svg);
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * w, 2 * h]);
  await expect(page.getByTestId('png-limited')).toHaveCount(0);
  // Decode it and read pixels inside two cards, away from their text: the heat colours.
  const hot = nodeRect(svg, 'conv2/3x3');
  const pick = [
    [Math.round(2 * (hot.x + hot.w - 4)), Math.round(2 * (hot.y + hot.h / 2))],
    [Math.round(2 * (hot.x - 30)), Math.round(2 * (hot.y + hot.h / 2))],
  ];
  const pixels = await page.evaluate(
    async ({ b64, at }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      return at.map(([x, y]) => Array.from(ctx.getImageData(x!, y!, 1, 1).data));
    },
    { b64: png.bytes.toString('base64'), at: pick },
  );
  const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);
  expect(near(pixels[0]!, [128, 0, 38, 255])).toBe(true);
  // Left of the card is the white background of the light theme.
  expect(near(pixels[1]!, [255, 255, 255, 255])).toBe(true);
});

test('SVG: blocks collapsed on screen are collapsed in the file', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  await page.getByTestId('graph-collapse-all').click();
  const graph = page.getByTestId('graph-view');
  await expect(graph).toHaveAttribute('data-layout-state', 'done', { timeout: 120_000 });
  const shownNodes = Number(await graph.getAttribute('data-node-count'));
  expect(shownNodes).toBeLessThan(60);
  const svg = (await exportFile(page, 'export-svg')).bytes.toString('utf8');
  expect((svg.match(/<g class="node"/g) ?? []).length).toBe(shownNodes);
  expect(svg).toMatch(/data-name="inception_3a[^"]*" data-kind="group"/);
  expect(svg).not.toContain('data-name="inception_3a/1x1"');
  const block = /data-name="(inception_3a[^"]*)" data-kind="group"/.exec(svg)![1]!;
  const [sx, sy] = await screenPos(page, block);
  const [fx, fy] = svgPos(svg, block);
  expect(Math.abs(fx - sx)).toBeLessThan(0.6);
  expect(Math.abs(fy - sy)).toBeLessThan(0.6);
  expect(svg).toContain('<g class="legend" data-kind="swatches"');
  expect(svg).toContain('>Layer category</text>');
});
