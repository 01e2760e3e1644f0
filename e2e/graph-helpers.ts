import { expect, type Page } from '@playwright/test';

/**
 * Pastes `text` over the editor's whole content through a real paste event on Monaco's input, as
 * Ctrl+A, Ctrl+V would (a text over the editor's size limit goes to the plain viewer then).
 */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    type Ed = { focus(): void; setSelection(r: unknown): void; getModel(): { getFullModelRange(): unknown } };
    const ed = (window as unknown as { monaco: { editor: { getEditors(): Ed[] } } }).monaco.editor.getEditors()[0]!;
    ed.focus();
    ed.setSelection(ed.getModel().getFullModelRange());
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const ta = document.querySelector('[data-testid=editor-host] textarea')!;
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Opens the app at `hash` with clean storage and waits for the editor and the first layout. */
export async function openApp(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-layout-state', 'done', { timeout: 90_000 });
}

/** Scrolls the graph with the mouse wheel (the wheel pans; Ctrl + wheel zooms). */
export async function wheelPan(page: Page, dx: number, dy: number): Promise<void> {
  const b = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.wheel(dx, dy);
}
