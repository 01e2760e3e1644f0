// `npm run bench:onnx`: bundles scripts/bench-onnx.ts with esbuild (as the browser gets the code:
// no tsx wrappers, which make hot code 3-5× slower) and runs it. See bench-onnx.ts.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'layerscope-bench-onnx-')), 'bench-onnx.mjs');
await build({
  entryPoints: [path.join(here, 'bench-onnx.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
process.chdir(path.resolve(here, '..'));
await import(pathToFileURL(outfile).href);
