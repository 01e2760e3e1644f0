'use client';
import type { EngineResult } from '@/lib/exec/engine';
import { formatMs } from './run-view';

const W = 420;
const H = 120;
const PAD = { l: 44, r: 8, t: 8, b: 22 };

/**
 * Every run in order, warm-up then timed, on a log time axis: where the runs stopped getting
 * faster, and that timing started after it. A long warm-up keeps its first and last runs only
 * (the engine keeps 200 of each); the gap is marked.
 */
export function RunTimeline({ result }: { result: EngineResult }) {
  const w = result.warmup;
  const warm = [...w.head, ...w.tail];
  const gapAt = w.tail.length > 0 ? w.head.length : -1;
  const all = [...warm, ...result.runMs];
  if (all.length < 2) return null;
  const slowest = all.reduce((a, b) => Math.max(a, b));
  const lo = all.reduce((a, b) => Math.min(a, b)) / 1.2;
  const hi = slowest * 1.2;
  const sx = (i: number) => PAD.l + (i / (all.length - 1)) * (W - PAD.l - PAD.r);
  const sy = (v: number) =>
    H - PAD.b - ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (H - PAD.t - PAD.b);
  const line = (from: number, to: number) =>
    all
      .slice(from, to)
      .map((v, k) => `${sx(from + k).toFixed(1)},${sy(v).toFixed(1)}`)
      .join(' ');
  const cut = warm.length;
  const median = result.runStats.median;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="w-full max-w-[480px]"
      role="img"
      aria-label={`run times: ${w.runs} warm-up runs, then ${result.runMs.length} timed runs`}
      data-testid="run-timeline"
    >
      <line
        x1={PAD.l}
        x2={W - PAD.r}
        y1={sy(median)}
        y2={sy(median)}
        stroke="currentColor"
        strokeOpacity={0.25}
        strokeDasharray="3 3"
      />
      <text x={PAD.l - 4} y={sy(median) + 3} fontSize={9} textAnchor="end" fill="currentColor">
        {formatMs(median)}
      </text>
      <text x={PAD.l - 4} y={sy(slowest) + 3} fontSize={9} textAnchor="end" fill="currentColor">
        {formatMs(slowest)}
      </text>
      {cut > 0 && (
        <>
          <line
            x1={sx(cut - 0.5)}
            x2={sx(cut - 0.5)}
            y1={PAD.t}
            y2={H - PAD.b}
            stroke="currentColor"
            strokeOpacity={0.4}
          />
          <polyline points={line(0, cut)} fill="none" stroke="currentColor" strokeOpacity={0.45} />
        </>
      )}
      {gapAt > 0 && (
        <text x={sx(gapAt)} y={PAD.t + 8} fontSize={9} textAnchor="middle" fill="currentColor">
          …{w.runs - warm.length} runs…
        </text>
      )}
      <polyline points={line(cut, all.length)} fill="none" stroke="var(--color-accent, #2563eb)" strokeWidth={1.5} />
      <text x={PAD.l} y={H - 6} fontSize={9} fill="currentColor">
        warm-up ({w.runs} runs)
      </text>
      <text x={W - PAD.r} y={H - 6} fontSize={9} textAnchor="end" fill="currentColor">
        timed ({result.runMs.length} runs, dashed: median) →
      </text>
    </svg>
  );
}
