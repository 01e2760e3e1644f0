import { readFileSync } from 'node:fs';
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
