import { formatBytes, formatExact, formatSI } from './format';

/** A number with an SI prefix, its exact integer on hover. */
export function Figure({
  value,
  bytes = false,
  className = '',
}: {
  value: number;
  bytes?: boolean;
  className?: string;
}) {
  return (
    <span className={`tabular ${className}`} title={`${formatExact(value)}${bytes ? ' bytes' : ''}`}>
      {bytes ? formatBytes(value) : formatSI(value)}
    </span>
  );
}
