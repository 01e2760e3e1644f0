// `npm run fuzz -- --cases N [--seed S]`: bundles scripts/fuzz-cli.ts with esbuild (plain
// JavaScript runs the cases 3-5× faster than under tsx) and runs it. See fuzz-cli.ts for options.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'layerscope-fuzz-')), 'fuzz-cli.mjs');
await build({
  entryPoints: [path.join(here, 'fuzz-cli.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
// The corpus is found relative to the working directory (lib/testing/corpus.ts): run from the repo.
process.chdir(path.resolve(here, '..'));
await import(pathToFileURL(outfile).href);
