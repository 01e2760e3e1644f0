'use client';

import { CATEGORY_ORDER, CATEGORY_STYLES } from '@/lib/ops/categories';
import type { OpCategory } from '@/lib/ops/types';
import { HEAT_METRICS, heatColor, type ColorMode, type HeatScale } from './heat';

interface LegendProps {
  mode: ColorMode;
  theme: 'light' | 'dark';
  /** Categories present in the graph (category mode lists only these). */
  categories: ReadonlySet<OpCategory>;
  scale: HeatScale | null;
}

/** Cards (and their heat colour) sum the in-place layers folded into them; the table does not. */
const BADGE_NOTE = (
  <div
    className="ml-auto text-muted"
    data-testid="graph-legend-badges"
    title="A card's MACs, params and heat colour sum its own layer and the in-place layers (BatchNorm, Scale, ReLU…) shown as its badges; the table lists each layer on its own row."
  >
    Card figures include their badges.
  </div>
);

/**
 * Colour key, docked as a strip under the graph (never over it): category swatches, or the
 * heat-map gradient with its value range.
 */
export function Legend({ mode, theme, categories, scale }: LegendProps) {
  const box =
    'flex max-h-16 flex-wrap items-center gap-x-3 gap-y-0.5 overflow-y-auto px-2 py-1 text-[11px] leading-tight text-fg';
  if (mode === 'category') {
    return (
      <div className={box} data-testid="graph-legend" data-mode="category">
        <div className="font-semibold">Layer category</div>
        <ul className="flex flex-wrap gap-x-2.5 gap-y-0.5">
          {CATEGORY_ORDER.filter((c) => categories.has(c)).map((c) => {
            const s = CATEGORY_STYLES[c][theme];
            return (
              <li key={c} className="flex items-center gap-1.5">
                <span
                  className="inline-block h-3 w-4 rounded-sm border"
                  style={{ background: s.fill, borderColor: s.stroke }}
                />
                {CATEGORY_STYLES[c].label}
              </li>
            );
          })}
        </ul>
        {BADGE_NOTE}
      </div>
    );
  }
  const metric = HEAT_METRICS[mode];
  const stops = Array.from({ length: 9 }, (_, i) => `${heatColor(i / 8)} ${(i / 8) * 100}%`).join(', ');
  return (
    <div className={box} data-testid="graph-legend" data-mode={mode}>
      <div className="font-semibold">{metric.label} (log scale)</div>
      {scale && scale.max > 0 ? (
        <>
          <div className="flex items-center gap-1.5 tabular-nums">
            <span data-testid="graph-legend-min">{metric.format(scale.min)}</span>
            <div className="h-3 w-44 rounded-sm" style={{ background: `linear-gradient(to right, ${stops})` }} />
            <span data-testid="graph-legend-max">{metric.format(scale.max)}</span>
            <span className="text-muted">{`(middle ${metric.format(Math.sqrt(scale.min * scale.max))})`}</span>
          </div>
          <div className="flex items-center gap-1.5 text-muted">
            <span className="inline-block h-3 w-4 rounded-sm border border-neutral-400 bg-neutral-200 dark:bg-neutral-700" />
            zero / unknown
          </div>
        </>
      ) : (
        <div className="text-muted">
          {mode === 'time' ? 'No measured times yet: run the model first.' : 'No non-zero values.'}
        </div>
      )}
      {BADGE_NOTE}
    </div>
  );
}
