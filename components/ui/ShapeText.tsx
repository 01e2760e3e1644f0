import { Fragment } from 'react';

/**
 * A shape as `1×64×112×112` that may wrap only between dimensions, never inside a number: each
 * dimension is one unbreakable span and a line may break after each ×. A narrow column then
 * shows `1×64×` / `112×112`, never `1×64×11` / `2×112`.
 */
export function ShapeText({
  shape,
  className = '',
}: {
  shape: readonly number[] | null | undefined;
  className?: string;
}) {
  if (!shape) return <span className={`font-mono ${className}`}>?</span>;
  if (shape.length === 0) return <span className={`font-mono ${className}`}>scalar</span>;
  return (
    <span className={`font-mono [overflow-wrap:normal] ${className}`} data-testid="shape-text">
      {shape.map((d, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              ×<wbr />
            </>
          )}
          <span className="whitespace-nowrap" data-dim="">
            {d}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
