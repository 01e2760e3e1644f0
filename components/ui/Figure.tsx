import { formatBytes, formatExact, formatSI } from './format';

/**
 * A number with an SI prefix, its exact integer on hover. `unknown` shows "—" (a figure the
 * analysis cannot know is never printed as 0); `atLeast` prefixes "≥" (a total with unknown parts).
 */
export function Figure({
  value,
  bytes = false,
  unknown = false,
  atLeast = false,
  className = '',
}: {
  value: number;
  bytes?: boolean;
  unknown?: boolean;
  atLeast?: boolean;
  className?: string;
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
  const shown = bytes ? formatBytes(value) : formatSI(value);
  const exact = `${formatExact(value)}${bytes ? ' bytes' : ''}`;
  return (
    <span
      className={`tabular ${className}`}
      title={atLeast ? `at least ${exact}: some layers' figures are unknown` : exact}
      {...(atLeast ? { 'data-at-least': '' } : {})}
    >
      {atLeast ? `≥ ${shown}` : shown}
    </span>
  );
}
