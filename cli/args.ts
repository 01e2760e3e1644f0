import type { BatchChoice } from '../lib/analysis';
import type { ModelFormat } from '../lib/ir';
import { UsageError } from './io';

/**
 * Walks argv the same way for every command: `--flag value` and `--flag=value` both work;
 * `value()` takes the flag's value (throwing a usage error when it is missing). Non-flag
 * arguments reach the handler with flag === arg.
 */
export function walkArgs(
  argv: readonly string[],
  handle: (flag: string, value: () => string, arg: string) => void,
): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eqIdx = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eqIdx > 0 ? a.slice(0, eqIdx) : a;
    handle(
      flag,
      () => {
        if (eqIdx > 0) return a.slice(eqIdx + 1);
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`${flag} needs a value`);
        return v;
      },
      a,
    );
  }
}

export function parseBatch(v: string): BatchChoice {
  if (v === 'declared') return 'declared';
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`--batch must be a positive integer (at most 2^53 - 1) or "declared", got "${v}"`);
  return n;
}

export function parsePhase(raw: string): 'TEST' | 'TRAIN' {
  const v = raw.toUpperCase();
  if (v !== 'TEST' && v !== 'TRAIN') throw new UsageError(`--phase must be TEST or TRAIN, got "${v}"`);
  return v;
}

export function parseFrom(v: string): ModelFormat {
  if (v !== 'caffe' && v !== 'caffe-json' && v !== 'keras' && v !== 'onnx')
    throw new UsageError(`--from must be caffe, caffe-json, keras or onnx, got "${v}"`);
  return v;
}

/** Parses `--dim NAME=VALUE` (a symbolic dimension of an ONNX model). */
export function parseDim(spec: string): [string, number] {
  const eq = spec.lastIndexOf('=');
  const name = eq > 0 ? spec.slice(0, eq) : '';
  const value = Number(spec.slice(eq + 1));
  if (!name || !Number.isInteger(value) || value <= 0) {
    throw new UsageError(`--dim expects NAME=VALUE with a positive integer value (e.g. seq_len=128), got "${spec}"`);
  }
  return [name, value];
}

/** The error for an unknown `--option`; positional arguments pass. */
export function rejectUnknownFlag(arg: string): void {
  if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
}
