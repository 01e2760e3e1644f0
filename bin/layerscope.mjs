#!/usr/bin/env node
// Launcher for `npx layerscope …`. Runs the CLI from an esbuild bundle kept in
// node_modules/.cache/layerscope-cli: compiling the TypeScript at every start (tsx) took ~1.5 s,
// the bundle starts in a few tens of ms. The bundle is built on first use (so a fresh
// `npm install`, with or without install scripts, needs no build step) and rebuilt whenever a
// file it was built from changed: the manifest lists every input esbuild read, with size and
// mtime, and a start checks them all (a new file only matters once an existing one imports it).
// Without esbuild (an install without devDependencies) it falls back to tsx.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Bump when the build options below change, so older bundles are not reused. */
const FORMAT = 1;

function cacheDir() {
  if (process.env.LAYERSCOPE_CLI_CACHE) return process.env.LAYERSCOPE_CLI_CACHE;
  const local = path.join(root, 'node_modules', '.cache', 'layerscope-cli');
  try {
    mkdirSync(local, { recursive: true });
    return local;
  } catch {
    // A read-only install: a per-checkout folder in the temp directory.
    const id = Buffer.from(root).toString('base64url').slice(-40);
    return path.join(tmpdir(), `layerscope-cli-${id}`);
  }
}

/** The cached bundle's entry when every input is unchanged, else null. */
function cachedEntry(dir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  if (manifest.format !== FORMAT || !Array.isArray(manifest.inputs)) return null;
  for (const [file, size, mtimeMs] of manifest.inputs) {
    const st = statSync(path.resolve(root, file), { throwIfNoEntry: false });
    if (!st || st.size !== size || st.mtimeMs !== mtimeMs) return null;
  }
  return path.join(dir, manifest.entry);
}

/** Builds a fresh bundle and records its inputs; null when esbuild is not installed. */
async function buildBundle(dir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  mkdirSync(dir, { recursive: true });
  const outdir = mkdtempSync(path.join(dir, 'build-'));
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { cli: path.join(root, 'cli/main.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    metafile: true,
    logLevel: 'warning',
    // elkjs's bundled build references optional web-worker support it never loads in Node.
    external: ['web-worker'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const st = statSync(path.resolve(root, file));
    return [file, st.size, st.mtimeMs];
  });
  const entry = path.relative(dir, path.join(outdir, 'cli.js'));
  // Written aside and renamed: a concurrent start reads the old manifest or the new one, never half of one.
  const tmp = path.join(dir, `manifest.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ format: FORMAT, entry, inputs }));
  renameSync(tmp, path.join(dir, 'manifest.json'));
  for (const old of readdirSync(dir)) {
    if (old.startsWith('build-') && path.join(dir, old) !== outdir)
      rmSync(path.join(dir, old), { recursive: true, force: true });
  }
  return path.join(outdir, 'cli.js');
}

const dir = cacheDir();
let entry = cachedEntry(dir);
if (entry === null) {
  try {
    entry = await buildBundle(dir);
  } catch (err) {
    process.stderr.write(`layerscope: could not build the CLI bundle (${err.message}); running through tsx\n`);
    entry = null;
  }
}
let cli;
if (entry !== null) cli = await import(pathToFileURL(entry).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../cli/main.ts');
}
const code = await cli.main(process.argv.slice(2), cli.nodeIO);
// Let stdout drain before exiting (large JSON reports piped to another process).
process.stdout.write('', () => process.exit(code));
