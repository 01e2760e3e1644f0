import { formatBytes, formatExact, formatSI } from './format';

/**
 * A number with an SI prefix, its exact integer on hover. `approx` (a figure beyond 2^53, see
 * LayerResult.approx) prefixes "≈"; `exact` carries a big total's exact digits for the title.
 * `unknown` shows "—" (a figure the analysis cannot know is never printed as 0); `atLeast`
 * prefixes "≥" (a total with unknown parts).
 */
export function Figure({
  value,
  bytes = false,
  unknown = false,
  atLeast = false,
  className = '',
  approx = false,
  exact,
}: {
  value: number;
  bytes?: boolean;
  unknown?: boolean;
  atLeast?: boolean;
  className?: string;
  approx?: boolean;
  exact?: string;
}) {
  // A lower bound of nothing says nothing: an all-unknown total is "—", never "≥ 0" (or a silent 0).
  if (unknown || (atLeast && value === 0)) {
    return (
      <span
        className={`tabular text-muted ${className}`}
        title="unknown: this layer has an error or an unknown input shape"
        data-unknown=""
      >
        —
      </span>
    );
  }
  const digits = `${formatExact(value, approx, exact)}${bytes ? ' bytes' : ''}${approx ? ' (beyond 2^53: approximate)' : ''}`;
  const title = atLeast ? `at least ${digits}: some layers' figures are unknown` : digits;
  return (
    <span
      className={`tabular ${className}`}
      title={title}
      {...(approx ? { 'data-approx': '' } : {})}
      {...(atLeast ? { 'data-at-least': '' } : {})}
    >
      {atLeast ? '≥ ' : ''}
      {approx ? '≈' : ''}
      {bytes ? formatBytes(value) : formatSI(value)}
    </span>
  );
}
