import { formatBytes, formatExact, formatSI } from './format';

/**
 * A number with an SI prefix, its exact integer on hover. `approx` (a figure beyond 2^53, see
 * LayerResult.approx) prefixes "≈"; `exact` carries a big total's exact digits for the title.
 */
export function Figure({
  value,
  bytes = false,
  className = '',
  approx = false,
  exact,
}: {
  value: number;
  bytes?: boolean;
  className?: string;
  approx?: boolean;
  exact?: string;
}) {
  const title = `${formatExact(value, approx, exact)}${bytes ? ' bytes' : ''}${approx ? ' (beyond 2^53: approximate)' : ''}`;
  return (
    <span className={`tabular ${className}`} title={title} {...(approx ? { 'data-approx': '' } : {})}>
      {approx ? '≈' : ''}
      {bytes ? formatBytes(value) : formatSI(value)}
    </span>
  );
}
