/**
 * The app's Content-Security-Policy, built from the hashes of the inline scripts Next.js writes
 * into prerendered pages (the React Server Components payload `self.__next_f.push(…)`, the
 * bundler runtime, and our theme script). Hashes, not nonces: a nonce must be fresh per request,
 * which would make every page dynamically rendered; the prerendered pages' inline scripts are
 * fixed per build, so their hashes allow exactly them and nothing an attacker could inject.
 * Framework-free: proxy.ts reads the built pages and serves the policy; tests check it here.
 */

/** The text of every inline (no `src`) `<script>` element of an HTML document, as the browser hashes it. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const attrs = m[1]!;
    if (/\bsrc\s*=/i.test(attrs)) continue;
    // Data blocks (JSON, import maps) are not executed and need no hash.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'text/javascript' && type !== 'module' && type !== 'application/javascript') continue;
    out.push(m[2]!);
  }
  return out;
}

export interface CspOptions {
  /** `sha256-…` sources (base64 of the SHA-256 of each allowed inline script's UTF-8 text). */
  readonly scriptHashes: readonly string[];
  /** `next dev`: React needs eval for its error overlay, and dev pages' inline scripts change per request. */
  readonly dev?: boolean;
  /**
   * The policy of a dedicated worker's own script (the browser applies the worker script's
   * response policy, not the page's). Workers run only our code, have no DOM to inject into,
   * and the run and analysis workers use protobufjs reflection, whose encoders and decoders are
   * generated with `new Function`: 'unsafe-eval' is allowed there and nowhere else.
   */
  readonly worker?: boolean;
}

/**
 * The policy, one directive per need:
 * - scripts: our own files, WebAssembly compilation (onnxruntime-web; 'wasm-unsafe-eval' allows
 *   WebAssembly.compile/instantiate, not JavaScript eval), and the hashed inline scripts only
 *   (a worker's own script: see CspOptions.worker);
 * - workers: Monaco's language workers, the ELK layout worker, the analysis and run workers (own
 *   files), and blob: for workers a library builds from a blob;
 * - connect: our own files (WASM, models) and any http(s) URL, since `?url=` opens a model
 *   from wherever the user points it (the fetch is CORS-checked by the browser anyway);
 * - styles: Monaco injects `<style>` elements for its themes and React writes `style` attributes,
 *   so inline styles are allowed (they cannot run script);
 * - no plugins (object-src), no frames in either direction, no <base> or form posts elsewhere.
 */
export function contentSecurityPolicy({ scriptHashes, dev = false, worker = false }: CspOptions): string {
  const hashes = scriptHashes.map((h) => `'${h}'`);
  const script = dev
    ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    : worker
      ? ["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'"]
      : ["'self'", "'wasm-unsafe-eval'", ...hashes];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', script],
    ['worker-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", 'https:', 'http:', ...(dev ? ['ws:'] : [])]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
