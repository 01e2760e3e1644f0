'use client';
import type { MeasuredRow } from './run-view';

const W = 420;
const H = 260;
const PAD = { l: 48, r: 12, t: 12, b: 36 };

function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) ticks.push(10 ** e);
  return ticks;
}

/**
 * Roofline-style scatter: achieved GFLOP/s (y, log) against arithmetic intensity in
 * FLOPs/byte (x, log), one dot per measured layer, sized by its share of the time. Layers
 * under the slope are memory-bound, those flat at the top compute-bound.
 */
export function RooflineChart({ rows }: { rows: readonly MeasuredRow[] }) {
  const pts = rows.filter((r) => r.gflops !== null && r.intensity !== null && r.intensity > 0 && r.gflops > 0);
  if (pts.length === 0) return <p className="text-xs text-muted">No layer with both FLOPs and a measured time.</p>;
  const xs = pts.map((p) => p.intensity!);
  const ys = pts.map((p) => p.gflops!);
  // Folds, not Math.min(...xs): one argument per layer overflows the stack on a big model.
  const x0 = xs.reduce((a, b) => Math.min(a, b)) / 2;
  const x1 = xs.reduce((a, b) => Math.max(a, b)) * 2;
  const y0 = ys.reduce((a, b) => Math.min(a, b)) / 2;
  const y1 = ys.reduce((a, b) => Math.max(a, b)) * 2;
  const sx = (v: number) =>
    PAD.l + ((Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0))) * (W - PAD.l - PAD.r);
  const sy = (v: number) =>
    H - PAD.b - ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))) * (H - PAD.t - PAD.b);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="w-full max-w-[480px]"
      role="img"
      aria-label="roofline scatter"
      data-testid="run-roofline"
    >
      {logTicks(x0, x1)
        .filter((t) => t >= x0 && t <= x1)
        .map((t) => (
          <g key={`x${t}`}>
            <line x1={sx(t)} x2={sx(t)} y1={PAD.t} y2={H - PAD.b} stroke="currentColor" strokeOpacity={0.1} />
            <text x={sx(t)} y={H - PAD.b + 12} fontSize={9} textAnchor="middle" fill="currentColor">
              {t}
            </text>
          </g>
        ))}
      {logTicks(y0, y1)
        .filter((t) => t >= y0 && t <= y1)
        .map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} stroke="currentColor" strokeOpacity={0.1} />
            <text x={PAD.l - 4} y={sy(t) + 3} fontSize={9} textAnchor="end" fill="currentColor">
              {t}
            </text>
          </g>
        ))}
      <text x={(W + PAD.l) / 2} y={H - 6} fontSize={10} textAnchor="middle" fill="currentColor">
        arithmetic intensity (FLOPs / byte)
      </text>
      <text
        x={12}
        y={(H - PAD.b) / 2}
        fontSize={10}
        textAnchor="middle"
        fill="currentColor"
        transform={`rotate(-90 12 ${(H - PAD.b) / 2})`}
      >
        achieved GFLOP/s
      </text>
      {pts.map((p) => (
        <circle
          key={p.layer}
          cx={sx(p.intensity!)}
          cy={sy(p.gflops!)}
          r={2.5 + 8 * Math.sqrt(p.share)}
          fill="var(--color-accent, #2563eb)"
          fillOpacity={0.55}
        >
          <title>{`${p.layer} (${p.type}): ${p.gflops!.toFixed(2)} GFLOP/s at ${p.intensity!.toFixed(1)} FLOPs/B, ${p.ms.toFixed(3)} ms`}</title>
        </circle>
      ))}
    </svg>
  );
}
