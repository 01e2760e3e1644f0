import { analyze, type AnalysisResult, type BatchChoice } from '../../lib/analysis';
import type { Diagnostic, IRGraph, ModelFormat, Shape } from '../../lib/ir';
import { readModel, type ModelInput } from '../../lib/parse';
import { toCsv, toMarkdown, toReportJson, toTable } from '../../lib/report';
import { EXIT_MODEL_ERROR, EXIT_OK, readModelFile, UsageError, type CliIO } from '../io';
import { parseBatch, parseDim, parseFrom, parsePhase, rejectUnknownFlag, walkArgs } from '../args';

export const ANALYZE_HELP = `usage: layerscope analyze FILE|- [options]

Reads a Caffe prototxt (current or legacy V1), Caffe NetParameter JSON, Keras / TF.js JSON or
ONNX (.onnx, binary) model and prints per-layer output shapes and costs with totals.

options:
  --format table|json|csv|md   output format (default table)
  --batch N|declared           analysis batch (default 1: per-image figures, as papers report)
  --phase TEST|TRAIN           Caffe phase for include/exclude rules (default TEST)
  --stage NAME                 Caffe stage (repeatable)
  --lenient                    Caffe: report schema problems (unknown fields, wrong value types,
                               unknown enum values) as warnings and read the values as written,
                               for files of private forks (default: errors, the layer is broken)
  --from caffe|caffe-json|keras|onnx   force the input format instead of detecting it
  --dim NAME=VALUE             value of a symbolic input dimension of an ONNX model (repeatable),
                               e.g. --dim seq_len=128; a leading one is the batch (--batch)
  --input NAME=DIMS            set or override a graph input / data layer shape, batch first,
                               e.g. --input data=64x1x28x28 (repeatable); also declares the
                               output of an unknown layer by its top name

figures (see docs/counting.md):
  params       learnable values: weights + bias, Scale γ/β, PReLU slopes, BN γ/β
  buffers      stored but not learned: Caffe BatchNorm mean/variance/factor (2·C+1), Keras BN moving stats
  MACs         multiply-accumulates of conv / deconv / inner-product / recurrent layers ("FLOPs" in most papers)
  FLOPs        2·MACs + bias adds + elementwise ops of every other layer
  activations  output bytes (fp32) of every top that is not an in-place alias
  weights      (params + buffers) × 4 bytes
All counts are for the analysis batch; nothing is silently multiplied.
Bytes use SI units everywhere (table, JSON/CSV/MD, the web page): 1 kB = 1,000 B, 1 MB = 10^6 B.

exit status: 0 success (warnings allowed), 1 the model has errors, 2 usage error.
`;

export interface AnalyzeArgs {
  file: string;
  format: 'table' | 'json' | 'csv' | 'md';
  batch: BatchChoice;
  phase: 'TEST' | 'TRAIN';
  stages: string[];
  from?: ModelFormat;
  inputs: Record<string, Shape>;
  /** Symbolic dimension values (ONNX `dim_param`). */
  dims?: Record<string, number>;
  /** Schema problems are warnings (ReadOptions.lenient). */
  lenient?: boolean;
}

/** Parses `NAME=64x1x28x28` (also `,` or `×` separated). */
export function parseInputOverride(spec: string): [string, Shape] {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--input expects NAME=DIMS (e.g. data=1x3x224x224), got "${spec}"`);
  const name = spec.slice(0, eq);
  const dims = spec
    .slice(eq + 1)
    .split(/[x×,]/i)
    .map((d) => d.trim());
  const shape = dims.map(Number);
  if (dims.length === 0 || shape.some((d) => !Number.isSafeInteger(d) || d <= 0)) {
    throw new UsageError(
      `--input ${name}: dimensions must be positive integers (at most 2^53 - 1) separated by x, got "${spec.slice(eq + 1)}"`,
    );
  }
  return [name, shape];
}

export function parseAnalyzeArgs(argv: readonly string[]): AnalyzeArgs {
  let file: string | undefined;
  // Null prototype: `--input __proto__=1x3` must be a key like any other, not a prototype change.
  const inputs = Object.create(null) as Record<string, Shape>;
  const args: AnalyzeArgs = { file: '', format: 'table', batch: 1, phase: 'TEST', stages: [], inputs };
  walkArgs(argv, (flag, value, a) => {
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json' && v !== 'csv' && v !== 'md')
          throw new UsageError(`--format must be table, json, csv or md, got "${v}"`);
        args.format = v;
        break;
      }
      case '--batch':
        args.batch = parseBatch(value());
        break;
      case '--phase':
        args.phase = parsePhase(value());
        break;
      case '--stage':
        args.stages.push(value());
        break;
      case '--lenient':
        args.lenient = true;
        break;
      case '--from':
        args.from = parseFrom(value());
        break;
      case '--input': {
        const [name, shape] = parseInputOverride(value());
        args.inputs[name] = shape;
        break;
      }
      case '--dim': {
        const [name, v] = parseDim(value());
        (args.dims ??= {})[name] = v;
        break;
      }
      default:
        rejectUnknownFlag(a);
        if (file !== undefined) throw new UsageError(`unexpected argument "${a}" (one FILE only)`);
        file = a;
    }
  });
  if (file === undefined) throw new UsageError('analyze needs a FILE (or - for standard input)');
  args.file = file;
  return args;
}

/**
 * `FILE:LINE:COL: severity: message`, the form editors and CI logs understand. A binary model
 * (ONNX) has no lines: `FILE: byte N: severity: message`, N the position of the node or of the
 * bytes the message is about.
 */
export function formatDiagnostic(file: string, d: Diagnostic, graph?: IRGraph): string {
  if (graph?.format === 'onnx') {
    const at =
      d.byteOffset ?? (d.layer !== undefined ? graph.nodes.find((n) => n.name === d.layer)?.bytes?.offset : undefined);
    const message = d.message.replace(/^byte [\d,]+: /, '');
    return at !== undefined ? `${file}: byte ${at}: ${d.severity}: ${message}` : `${file}: ${d.severity}: ${message}`;
  }
  const pos = d.span ? `${d.span.line}:${d.span.column}:` : '';
  return `${file}:${pos} ${d.severity}: ${d.message}`;
}

/**
 * A leading symbolic dim of an ONNX input is the batch: `--dim N=8` on one sets the batch, so the
 * two flags cannot disagree. Returns the batch to use.
 */
function batchFromDims(graph: IRGraph, args: Pick<AnalyzeArgs, 'batch' | 'dims'>): AnalyzeArgs['batch'] {
  for (const inp of graph.inputs) {
    const lead = inp.dims?.[0];
    if (typeof lead === 'string' && args.dims?.[lead] !== undefined) return args.dims[lead];
  }
  return args.batch;
}

export function analyzeFromText(
  text: ModelInput,
  args: Omit<AnalyzeArgs, 'file' | 'format'>,
  fileName?: string,
): AnalysisResult {
  const { graph } = readModel(text, {
    phase: args.phase,
    stages: args.stages,
    ...(args.from ? { from: args.from } : {}),
    ...(args.lenient ? { lenient: true } : {}),
    ...(fileName !== undefined ? { fileName } : {}),
  });
  return analyze(graph, {
    batch: batchFromDims(graph, args),
    inputs: args.inputs,
    ...(args.dims ? { dims: args.dims } : {}),
  });
}

export async function runAnalyze(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseAnalyzeArgs(argv);
  const text = await readModelFile(io, args.file);
  const name = args.file === '-' ? '<stdin>' : args.file;
  const result = analyzeFromText(text, args, name.split('/').pop());
  switch (args.format) {
    case 'json':
      io.stdout(JSON.stringify(toReportJson(result), null, 2) + '\n');
      break;
    case 'csv':
      io.stdout(toCsv(result));
      break;
    case 'md':
      io.stdout(toMarkdown(result));
      break;
    default:
      io.stdout(toTable(result));
  }
  for (const d of result.diagnostics)
    if (d.severity !== 'info') io.stderr(formatDiagnostic(name, d, result.graph) + '\n');
  return result.diagnostics.some((d) => d.severity === 'error') ? EXIT_MODEL_ERROR : EXIT_OK;
}
