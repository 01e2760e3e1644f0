import { expect, test, type Page } from '@playwright/test';

/**
 * The Content-Security-Policy (proxy.ts, lib/security/csp.ts): present on every route, and the
 * app works under it with no violation: Monaco, the ELK layout worker, and both Run backends.
 */

/** A tiny model every backend runs in seconds, even WebGPU on SwiftShader. */
const TINY = `name: "csp-tiny"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 5 } }
layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" }
`;

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every CSP violation the page reports (event and console), and every page error. */
function watch(page: Page): { violations: string[]; errors: string[] } {
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|connect|create|apply|frame)/i.test(m.text()))
      violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { violations, errors };
}

async function documentViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const m = (
      window as unknown as { monaco: { editor: { getEditors(): { getModel(): { setValue(v: string): void } }[] } } }
    ).monaco;
    m.editor.getEditors()[0]!.getModel().setValue(t);
  }, text);
}

test.describe('content security policy', () => {
  test.beforeEach(async ({ page }) => {
    // Installed through the DevTools protocol, so the policy does not apply to this listener itself.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations!.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
  });

  test('every route carries the same strict policy: hashed inline scripts only, no plugins, no frames', async ({
    request,
  }) => {
    const home = await request.get('/');
    const csp = home.headers()['content-security-policy'];
    expect(csp).toBeTruthy();
    const directives = new Map(csp!.split(/;\s*/).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    const script = directives.get('script-src')!;
    expect(script.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    // One hash per distinct inline script of the prerendered pages, each a SHA-256 in base64.
    expect(script.length).toBeGreaterThan(2);
    for (const h of script.slice(2)) expect(h).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);

    const html = await home.text();
    const chunk = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk).toBeDefined();
    const routes = [
      '/compare',
      '/no-such-page',
      chunk!,
      '/monaco/vs/loader.js',
      '/elk/elk-worker.min.js',
      '/ort/ort.min.mjs',
      '/ort/ort-wasm-simd-threaded.jsep.wasm',
    ];
    for (const route of routes) {
      const r = await request.get(route);
      expect(r.status(), route).toBe(route === '/no-such-page' ? 404 : 200);
      expect(r.headers()['content-security-policy'], route).toBe(csp);
      // Cross-origin isolation (next.config.js) is still there beside it.
      expect(r.headers()['cross-origin-embedder-policy'], route).toBe('require-corp');
    }

    // A worker's own script (the browser says so with Sec-Fetch-Dest) runs under the worker
    // policy: eval for protobufjs' generated codecs, never inline scripts, the rest the same.
    const worker = (await request.get('/elk/elk-worker.min.js', { headers: { 'Sec-Fetch-Dest': 'worker' } })).headers()[
      'content-security-policy'
    ]!;
    expect(worker).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';");
    expect(worker).not.toContain('sha256-');
    expect(worker.replace(/script-src [^;]*;/, '')).toBe(csp!.replace(/script-src [^;]*;/, ''));
  });

  test('the editor, the ELK layout worker and the compare page work with no violation', async ({ page }) => {
    test.setTimeout(180_000);
    const seen = watch(page);
    await page.goto('/#/preset/demo-depthwise-separable');
    // Monaco: ~4 MB of script and blob-URL workers; slow to boot on a loaded CI machine.
    const editor = page.getByTestId('editor-host').locator('.monaco-editor');
    await expect(editor).toBeVisible({ timeout: 90_000 });
    // Syntax colouring ran (Monaco's tokenizer), and the ELK worker drew the graph.
    await expect(editor.locator('.view-lines span[class^="mtk"]').first()).toBeVisible();
    const graph = page.getByTestId('graph-view');
    await expect(graph).toHaveAttribute('data-layout-state', 'done', { timeout: 60_000 });
    expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThan(2);

    // Real keystrokes through Monaco reach the analysis: a new model typed over the old one.
    await setEditorText(page, TINY.replace('num_output: 4', 'num_output: 9'));
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('layer { name: "extra" type: "ReLU" bottom: "prob" top: "extra" }\n');
    await expect(page.locator('[data-testid=table-row][data-layer="extra"]')).toBeVisible({ timeout: 30_000 });
    // conv: 9 outputs × 8·8 positions × 3·3·3 = 15,552 MACs.
    await expect(
      page.locator('[data-testid=table-row][data-layer="conv"]').getByTestId('cell-macs').locator('span'),
    ).toHaveAttribute('title', '15,552');

    await page.goto('/compare');
    await expect(page.getByTestId('compare-totals')).toBeVisible({ timeout: 90_000 });

    expect([...seen.violations, ...(await documentViolations(page))]).toEqual([]);
    expect(seen.errors).toEqual([]);

    // The watch itself works: an injected inline script and a plugin are refused and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      const o = document.createElement('object');
      o.data = '/elk/elk-worker.min.js';
      document.body.appendChild(o);
    });
    await expect.poll(() => documentViolations(page), { intervals: [500] }).toHaveLength(2);
    expect((await documentViolations(page)).map((v) => v.split(' ')[0]).sort()).toEqual([
      'object-src',
      'script-src-elem',
    ]);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  test('both Run backends work under the policy: WASM and WebGPU (SwiftShader)', async ({ page }) => {
    test.setTimeout(240_000);
    const seen = watch(page);
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.goto('/');
    await expect(page.getByTestId('editor-host').locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
    await setEditorText(page, TINY);
    await page.getByTestId('tab-run').click();
    await expect(page.getByTestId('run-panel')).toBeVisible();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    for (const backend of ['wasm', 'webgpu'] as const) {
      await page.getByTestId(`run-backend-${backend}`).check();
      await page.getByTestId('run-mode').selectOption('fast');
      await page.getByTestId('run-warmup').fill('1');
      await page.getByTestId('run-warmup-ms').fill('100');
      await page.getByTestId('run-runs').fill('2');
      await page.getByTestId('run-start').click();
      // SwiftShader compiles every WebGPU shader on the CPU: allow for it.
      await expect(page.getByTestId('run-results')).toHaveAttribute('data-backend', backend, { timeout: 150_000 });
      await expect(page.getByTestId('run-shape-check')).toHaveAttribute('data-ok', 'true');
    }
    expect([...seen.violations, ...(await documentViolations(page))]).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
