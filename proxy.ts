import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, inlineScripts } from './lib/security/csp';

/**
 * Sets the Content-Security-Policy on every response (pages, assets, workers: a worker script's
 * own response carries the policy the worker runs under). The policy allows the hashes of the
 * inline scripts in the prerendered pages of the build being served, read once from
 * `.next/server/app/**.html`: the pages stay statically rendered (a nonce would make every page
 * dynamic) and the hashes can never be stale, since they come from the very files served.
 * Cross-origin isolation headers stay in next.config.js.
 */

let cached: { page: string; worker: string } | undefined;

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out;
}

function policies(): { page: string; worker: string } {
  if (cached !== undefined) return cached;
  if (process.env.NODE_ENV === 'development') {
    const dev = contentSecurityPolicy({ scriptHashes: [], dev: true });
    return (cached = { page: dev, worker: dev });
  }
  const hashes = new Set<string>();
  try {
    for (const file of htmlFiles(path.join(process.cwd(), '.next', 'server', 'app'))) {
      for (const script of inlineScripts(readFileSync(file, 'utf8')))
        hashes.add(`sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`);
    }
  } catch {
    // No prerendered pages found: no inline script is allowed (the app then fails loudly, never open).
  }
  const scriptHashes = [...hashes].sort();
  return (cached = {
    page: contentSecurityPolicy({ scriptHashes }),
    worker: contentSecurityPolicy({ scriptHashes: [], worker: true }),
  });
}

export function proxy(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  // A dedicated worker runs under its own script's policy (Sec-Fetch-Dest tells which requests those are).
  // The analysis worker's script always gets the worker policy: every page preloads it (a fetch,
  // app/layout.tsx) ahead of starting the worker, and the worker then starts from that cached response.
  const isWorker =
    request.headers.get('sec-fetch-dest') === 'worker' || request.nextUrl.pathname.startsWith('/boot/analysis-worker');
  const p = policies();
  response.headers.set('Content-Security-Policy', isWorker ? p.worker : p.page);
  return response;
}
