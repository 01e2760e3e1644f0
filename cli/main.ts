import { readFile, writeFile } from 'node:fs/promises';
import { ADVISE_HELP, runAdvise } from './commands/advise';
import { ANALYZE_HELP, runAnalyze } from './commands/analyze';
import { DIFF_HELP, runDiff } from './commands/diff';
import { RENDER_HELP, runRender } from './commands/render';
import { EXIT_USAGE, UsageError, type CliIO } from './io';

export const MAIN_HELP = `usage: layerscope <command> [options]

commands:
  analyze FILE|-    per-layer shapes, params, MACs, FLOPs and memory with totals
  diff A B          compare two versions of a model layer by layer (added/removed/changed, cost deltas)
  render FILE|-     write the laid-out graph as a standalone SVG (--svg out.svg)
  advise FILE|-     cheaper designs for each convolution with exact before/after costs; --apply writes one
  help [COMMAND]    show help

Run "layerscope help analyze" for the options and the meaning of every figure.
`;

type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

// A Map: the command name comes from argv, and `layerscope constructor` must not find Object's.
const COMMANDS = new Map<string, { run: Command; help: string }>([
  ['analyze', { run: runAnalyze, help: ANALYZE_HELP }],
  ['diff', { run: runDiff, help: DIFF_HELP }],
  ['render', { run: runRender, help: RENDER_HELP }],
  ['advise', { run: runAdvise, help: ADVISE_HELP }],
]);

/** Runs the CLI; returns the exit code. Never throws for usage errors. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    const topic = cmd === 'help' ? rest[0] : undefined;
    const entry = topic !== undefined ? COMMANDS.get(topic) : undefined;
    if (topic !== undefined && !entry) {
      io.stderr(`layerscope: unknown command "${topic}"\n${MAIN_HELP}`);
      return EXIT_USAGE;
    }
    io.stdout(entry ? entry.help : MAIN_HELP);
    return cmd === undefined ? EXIT_USAGE : 0;
  }
  const entry = COMMANDS.get(cmd);
  if (!entry) {
    io.stderr(`layerscope: unknown command "${cmd}"\n${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(entry.help);
    return 0;
  }
  try {
    return await entry.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`layerscope ${cmd}: ${err.message}\n(see "layerscope help ${cmd}")\n`);
      return EXIT_USAGE;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e.code === 'string' && (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES')) {
      io.stderr(`layerscope ${cmd}: cannot read ${e.path ?? 'file'}: ${e.code}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

async function readStdinBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readStdin(): Promise<string> {
  return (await readStdinBytes()).toString('utf8');
}

export const nodeIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (p) => (p === '-' ? readStdin() : readFile(p, 'utf8')),
  readBytes: (p) => (p === '-' ? readStdinBytes() : readFile(p)),
  writeFile: (p, d) => writeFile(p, d),
};
