import type { EngineProgress } from '@/lib/exec/engine';
import type { RunRequest } from '@/lib/exec/worker/protocol';
import { formatMs } from './run-view';

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The warm-up rule in words, as the fields set it. */
export function warmupRuleText(req: Pick<RunRequest, 'warmup' | 'warmupMs' | 'warmupMaxMs'>): string {
  const min = `at least ${req.warmup} run${req.warmup === 1 ? '' : 's'} and ${sec(req.warmupMs)}`;
  return req.warmupMaxMs > req.warmupMs
    ? `${min}, then until runs stop getting faster, at most ${sec(req.warmupMaxMs)}`
    : min;
}

/** What the run is doing; warm-up has no fixed length (minimums, then a convergence rule). */
export function progressText(p: EngineProgress | null, req: RunRequest | null): string {
  if (!p) return 'starting…';
  switch (p.phase) {
    case 'encode':
      return 'building the ONNX model…';
    case 'check':
      return "checking every top's shape (one run that exposes them all)…";
    case 'session':
      return 'creating the session…';
    case 'warmup': {
      const facts = [
        p.elapsedMs !== undefined ? sec(p.elapsedMs) : null,
        p.lastMs !== undefined ? `last ${formatMs(p.lastMs)} ms` : null,
      ].filter(Boolean);
      return (
        `warm-up run ${p.done + 1}${facts.length ? `, ${facts.join(', ')}` : ''}` +
        (req ? ` (${warmupRuleText(req)})` : '')
      );
    }
    case 'settle':
      return `untimed run ${p.done + 1}/${p.total} of the profiled session`;
    case 'run':
      return `timed run ${Math.min(p.done + 1, p.total)}/${p.total}`;
    case 'profile':
      return 'reading the profile…';
  }
}
