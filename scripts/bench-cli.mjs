// `npm run bench:cli`: start-up time of `layerscope analyze` on a one-layer model, next to a bare
// `node -e 0` measured in the same run (the anchor: what no CLI can beat), and through `npx` as a
// user types it, in this repository and in a project that installed layerscope. Also the one-off
// cost of the first start after a source change (bundle rebuild).
// Prints medians and the load average; asserts nothing. Target: npx layerscope analyze < 250 ms.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const work = mkdtempSync(path.join(tmpdir(), 'layerscope-bench-cli-'));
const model = path.join(work, 'one.prototxt');
writeFileSync(
  model,
  'input: "data"\ninput_shape { dim: 1 dim: 3 dim: 8 dim: 8 }\n' +
    'layer { name: "c" type: "Convolution" bottom: "data" top: "c" convolution_param { num_output: 2 kernel_size: 3 } }\n',
);

function run(cmd, args, env = {}, cwd = repo) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const bin = path.join(repo, 'bin/layerscope.mjs');
// First start with an empty cache: builds the bundle (what the first run after a change costs).
const cache = path.join(work, 'cache');
const coldMs = run(process.execPath, [bin, 'analyze', model], { LAYERSCOPE_CLI_CACHE: cache });
run(process.execPath, [bin, 'analyze', model]); // warm the real cache

// A project that depends on layerscope, as `npm install layerscope` leaves it: its own bin link in
// node_modules/.bin. In the repository itself npx finds the bin in the root package.json instead,
// and npm then installs the checkout into its npx cache and reads the whole node_modules tree at
// every start (libnpmexec: "install the local package into the npx cache so that its bin links
// get set up"), ~0.3 s that no code of ours runs.
const user = path.join(work, 'project');
mkdirSync(path.join(user, 'node_modules/.bin'), { recursive: true });
writeFileSync(path.join(user, 'package.json'), '{"name":"project","version":"1.0.0","private":true}\n');
symlinkSync(repo, path.join(user, 'node_modules/layerscope'));
symlinkSync('../layerscope/bin/layerscope.mjs', path.join(user, 'node_modules/.bin/layerscope'));

const bare = [];
const cli = [];
const npx = [];
const npxDep = [];
const npxBare = [];
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so a change in machine load hits every series alike.
  bare.push(run(process.execPath, ['-e', '0']));
  cli.push(run(process.execPath, [bin, 'analyze', model]));
  npx.push(run('npx', ['--no-install', 'layerscope', 'analyze', model]));
  npxDep.push(run('npx', ['--no-install', 'layerscope', 'analyze', model], {}, user));
  // npx's own cost (npm starts, resolves the bin, then spawns node): no CLI can go below it.
  npxBare.push(run('npx', ['--no-install', 'node', '-e', '0']));
}
rmSync(work, { recursive: true, force: true });

const b = median(bare);
console.log(
  `CLI start-up, one-layer model (median of ${RUNS}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
const row = (label, ms, note) => console.log(`  ${label.padEnd(56)} ${ms.toFixed(0).padStart(5)} ms   ${note}`);
const np = median(npxBare);
row('node -e 0 (anchor)', b, '');
row('node bin/layerscope.mjs analyze', median(cli), `(${(median(cli) - b).toFixed(0)} ms over bare node)`);
row(
  'npx layerscope analyze, in this repository',
  median(npx),
  `(${(median(npx) - b).toFixed(0)} ms over bare node, ${(median(npx) - np).toFixed(0)} ms over npx itself; target < 250 ms)`,
);
row(
  'npx layerscope analyze, in a project that depends on it',
  median(npxDep),
  `(${(median(npxDep) - b).toFixed(0)} ms over bare node, ${(median(npxDep) - np).toFixed(0)} ms over npx itself)`,
);
row("npx node -e 0 (npx's own cost: no CLI can go below it)", np, '');
console.log(`  first start after a change (bundle rebuilt): ${coldMs.toFixed(0)} ms, once`);
