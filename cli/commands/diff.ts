import type { BatchChoice } from '../../lib/analysis';
import { diffAnalyses, diffToJson, diffToMarkdown, diffToTable } from '../../lib/diff';
import type { ModelFormat } from '../../lib/ir';
import { EXIT_MODEL_ERROR, EXIT_OK, readModelFile, UsageError, type CliIO } from '../io';
import { parseBatch, parseFrom, parsePhase, rejectUnknownFlag, walkArgs } from '../args';
import { analyzeFromText, formatDiagnostic } from './analyze';

export const DIFF_HELP = `usage: layerscope diff A B [options]

Compares two versions of a model (any format layerscope reads; A and B may differ in format).
Layers are matched by name, then by position and type where names changed (across formats, e.g.
an ONNX export against its Caffe original, by position and a format-neutral signature); every layer is
reported as added, removed, changed (type, attributes, output shapes, inputs, name) or same,
with its cost deltas (B − A), after the totals of both sides.

options:
  --format table|json|md   output format (default table)
  --all                    list unchanged layers too (table and md; json always has them)
  --batch N|declared       analysis batch for both sides (default 1)
  --phase TEST|TRAIN       Caffe phase for include/exclude rules (default TEST)
  --from caffe|caffe-json|keras|onnx   force the input format of both files

Figures mean what they mean in "layerscope help analyze".
exit status: 0 compared (warnings allowed), 1 either model has errors, 2 usage error.
`;

interface DiffArgs {
  files: string[];
  format: 'table' | 'json' | 'md';
  all: boolean;
  batch: BatchChoice;
  phase: 'TEST' | 'TRAIN';
  from?: ModelFormat;
}

export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const args: DiffArgs = { files: [], format: 'table', all: false, batch: 1, phase: 'TEST' };
  walkArgs(argv, (flag, value, a) => {
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json' && v !== 'md')
          throw new UsageError(`--format must be table, json or md, got "${v}"`);
        args.format = v;
        break;
      }
      case '--all':
        args.all = true;
        break;
      case '--batch':
        args.batch = parseBatch(value());
        break;
      case '--phase':
        args.phase = parsePhase(value());
        break;
      case '--from':
        args.from = parseFrom(value());
        break;
      default:
        rejectUnknownFlag(a);
        args.files.push(a);
    }
  });
  if (args.files.length !== 2) throw new UsageError(`diff needs two files, A and B (got ${args.files.length})`);
  if (args.files[0] === '-' && args.files[1] === '-') throw new UsageError('only one of A and B can be standard input');
  return args;
}

/** `layerscope diff A B`: returns the exit code. */
export async function runDiff(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseDiffArgs(argv);
  const [fileA, fileB] = args.files as [string, string];
  const [textA, textB] = [await readModelFile(io, fileA), await readModelFile(io, fileB)];
  const opts = {
    batch: args.batch,
    phase: args.phase,
    stages: [],
    inputs: {},
    ...(args.from ? { from: args.from } : {}),
  };
  const A = analyzeFromText(textA, opts);
  const B = analyzeFromText(textB, opts);
  const diff = diffAnalyses(A, B);
  if (args.format === 'json') io.stdout(JSON.stringify({ a: fileA, b: fileB, ...diffToJson(diff) }, null, 2) + '\n');
  else if (args.format === 'md') io.stdout(`# ${fileA} → ${fileB}\n\n` + diffToMarkdown(diff, args.all));
  else io.stdout(`A: ${fileA}\nB: ${fileB}\n\n` + diffToTable(diff, args.all));
  let errors = false;
  for (const [file, r] of [
    [fileA, A],
    [fileB, B],
  ] as const) {
    const name = file === '-' ? '<stdin>' : file;
    for (const d of r.diagnostics) if (d.severity !== 'info') io.stderr(formatDiagnostic(name, d, r.graph) + '\n');
    errors ||= r.diagnostics.some((d) => d.severity === 'error');
  }
  return errors ? EXIT_MODEL_ERROR : EXIT_OK;
}
