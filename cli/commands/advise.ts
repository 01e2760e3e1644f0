import {
  adviceToJson,
  adviceToTable,
  adviseLayer,
  adviseModel,
  applyRewrites,
  isRewriteKind,
  layerAdviceText,
  REWRITE_KINDS,
  whyNoAdvice,
  type OptionsByKind,
  type RewriteKind,
  type RewriteOptions,
} from '../../lib/advisor';
import type { BatchChoice } from '../../lib/analysis';
import type { ModelFormat } from '../../lib/ir';
import { parseBatch, parseFrom, parsePhase, rejectUnknownFlag, walkArgs } from '../args';
import { EXIT_MODEL_ERROR, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from '../io';
import { analyzeFromText, formatDiagnostic } from './analyze';

export const ADVISE_HELP = `usage: layerscope advise FILE|- [--layer NAME] [--all] [--format table|json]
       layerscope advise FILE|- --apply ID [--set KEY=VALUE …] [-o OUT]

Proposes cheaper designs for each 2-D convolution (Caffe Convolution, Keras Conv2D), with exact
figures before and after; the output shape of every rewrite is the layer's own:
  stack-3x3            a k×k conv (odd k ≥ 5) as stacked 3×3 convs, same receptive field
  factorize-1xn        n×n → 1×n then n×1 (Inception-v3)
  bottleneck           a 1×1 conv down to a width first (Inception/ResNet)     --set width=N
  depthwise-separable  depthwise k×k then pointwise 1×1 (MobileNet)
  group-shuffle        g groups + channel shuffle (ShuffleNet)                 --set groups=N
  dilate               a dilated 3×3 instead of a k×k: same field, 9 taps
Stack and factorize take --set width=N too (the channels between the new convs; default the
smaller of input and output); --set relu=false leaves out the ReLU put between new convs.

options:
  --layer NAME             only this layer, in full (every figure, the new layers, why other rewrites do not apply)
  --all                    list rewrites that cost more too (marked COSTS MORE)
  --format table|json      output format (default table); json: {"suggestions":[{"id","layer","kind",
                           "description","options","before":{"params","macs","flops","rf",…},"after":{…},…}]}
  --apply ID               write the model with rewrite ID (e.g. bottleneck:conv2) applied, in its own format
  --set KEY=VALUE          rewrite option: width=N, groups=N, relu=true|false (repeatable)
  -o, --out FILE           where --apply writes (default standard output)
  --batch N|declared       analysis batch (default 1)
  --phase TEST|TRAIN       Caffe phase for include/exclude rules (default TEST)
  --from caffe|caffe-json|keras   force the input format

Figures: params, MACs (multiply-accumulates), FLOPs (2·MACs + bias adds + elementwise ops) as in
"layerscope help analyze"; rf = receptive field per spatial axis (size, jump, start) from the
input; activationBytes / weightBytes = fp32 memory of the layer (or of the new block).
exit status: 0 done, 1 the model has errors (listed on stderr), 2 usage error or a rewrite that does not apply.
`;

interface AdviseArgs {
  file?: string;
  layer?: string;
  all: boolean;
  format: 'table' | 'json';
  apply?: string;
  set: RewriteOptions;
  out?: string;
  batch: BatchChoice;
  phase: 'TEST' | 'TRAIN';
  from?: ModelFormat;
}

function parseSet(spec: string, into: { width?: number; groups?: number; relu?: boolean }): void {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set needs KEY=VALUE, got "${spec}"`);
  const key = spec.slice(0, eq);
  const value = spec.slice(eq + 1);
  if (key === 'width' || key === 'groups') {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--set ${key} must be a positive integer, got "${value}"`);
    into[key] = n;
  } else if (key === 'relu') {
    if (value !== 'true' && value !== 'false') throw new UsageError(`--set relu must be true or false, got "${value}"`);
    into.relu = value === 'true';
  } else {
    throw new UsageError(`unknown rewrite option "${key}" (width, groups, relu)`);
  }
}

export function parseAdviseArgs(argv: readonly string[]): AdviseArgs {
  const set: { width?: number; groups?: number; relu?: boolean } = {};
  const args: AdviseArgs = { all: false, format: 'table', set, batch: 1, phase: 'TEST' };
  walkArgs(argv, (flag, value, a) => {
    switch (flag) {
      case '--layer':
        args.layer = value();
        break;
      case '--all':
        args.all = true;
        break;
      case '--format': {
        const v = value();
        if (v !== 'table' && v !== 'json') throw new UsageError(`--format must be table or json, got "${v}"`);
        args.format = v;
        break;
      }
      case '--apply':
        args.apply = value();
        break;
      case '--set':
        parseSet(value(), set);
        break;
      case '-o':
      case '--out':
        args.out = value();
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
        if (args.file !== undefined) throw new UsageError(`advise takes one file (got "${args.file}" and "${a}")`);
        args.file = a;
    }
  });
  if (args.file === undefined) throw new UsageError('advise needs a model file (or - for standard input)');
  if (args.out !== undefined && args.apply === undefined) throw new UsageError('-o is for --apply');
  return args;
}

/** `KIND:LAYER` → its parts (layer names may contain ':'; kinds do not). */
function parseId(id: string): { kind: RewriteKind; layer: string } {
  const colon = id.indexOf(':');
  const kind = colon > 0 ? id.slice(0, colon) : '';
  if (!isRewriteKind(kind) || colon === id.length - 1) {
    throw new UsageError(`--apply takes KIND:LAYER with KIND one of ${REWRITE_KINDS.join(', ')}; got "${id}"`);
  }
  return { kind, layer: id.slice(colon + 1) };
}

/** `layerscope advise`: returns the exit code. */
export async function runAdvise(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseAdviseArgs(argv);
  const file = args.file!;
  const request = args.apply !== undefined ? parseId(args.apply) : undefined;
  const text = await io.readFile(file);
  const analysis = analyzeFromText(text, {
    batch: args.batch,
    phase: args.phase,
    stages: [],
    inputs: {},
    ...(args.from ? { from: args.from } : {}),
  });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.stderr(formatDiagnostic(file, d) + '\n');
  const input = { text, analysis };

  if (request) {
    const res = applyRewrites(input, [{ ...request, options: args.set }]);
    if (res.errors.length > 0) {
      io.stderr(`layerscope advise: ${res.errors.join('; ')}\n`);
      return EXIT_USAGE;
    }
    if (args.out !== undefined) await io.writeFile(args.out, res.text);
    else io.stdout(res.text);
    return errors.length > 0 ? EXIT_MODEL_ERROR : EXIT_OK;
  }

  const options: OptionsByKind = Object.fromEntries(REWRITE_KINDS.map((k) => [k, args.set]));
  if (args.layer !== undefined) {
    const why = whyNoAdvice(analysis, args.layer);
    if (why !== null) {
      io.stderr(`layerscope advise: ${args.layer}: ${why}\n`);
      return EXIT_USAGE;
    }
  }
  const suggestions = adviseModel(input, {
    all: args.all,
    options,
    ...(args.layer !== undefined ? { layer: args.layer } : {}),
  });
  if (args.format === 'json') io.stdout(JSON.stringify(adviceToJson(suggestions), null, 2) + '\n');
  else if (args.layer !== undefined) io.stdout(layerAdviceText(adviseLayer(input, args.layer, options)!, suggestions));
  else io.stdout(adviceToTable(suggestions));
  return errors.length > 0 ? EXIT_MODEL_ERROR : EXIT_OK;
}
