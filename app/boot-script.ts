import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The boot script (lib/boot/boot.ts), built by scripts/copy-assets.mjs before every build and dev
 * start, read when the page is prerendered. It is inlined, not linked: a linked script queues
 * behind the app's 14 script chunks and ran only at ~530 ms on this machine, inline it runs as
 * soon as the page's HTML is parsed (~100 ms). The Content-Security-Policy allows it by its hash,
 * as every inline script of the prerendered pages (proxy.ts).
 */
export function bootScript(): string {
  const file = path.join(process.cwd(), 'public', 'boot', 'boot.js');
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`node scripts/copy-assets.mjs\` (npm runs it before build and dev)`);
  }
}

/**
 * The analysis worker's content-hashed path (`/boot/analysis-worker.<hash>.js`, written by
 * scripts/copy-assets.mjs), which every page preloads as a script at high priority: the app
 * always starts this worker, and a cold open of a share link also runs the same script on the
 * page (lib/boot/main-boot). Fetched with the HTML's first requests, it is not queued behind the
 * app's script chunks.
 */
export function analysisWorkerPath(): string {
  const dir = path.join(process.cwd(), 'public', 'boot');
  const name = readdirSync(dir).find((f) => /^analysis-worker\.[0-9a-f]{12}\.js$/.test(f));
  if (!name) throw new Error(`${dir} has no hashed analysis worker: run \`node scripts/copy-assets.mjs\``);
  return `/boot/${name}`;
}
