'use client';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** Default, narrowest and widest inspector width in CSS pixels. */
export const INSPECTOR_WIDTH = { initial: 320, min: 240, max: 720 } as const;

/** Props of the inspector frame. */
export interface InspectorFrameProps {
  /** localStorage key that remembers the width. */
  storageKey: string;
  /** Shown above the content (e.g. the note that the views show an older version). */
  header?: ReactNode;
  children: ReactNode;
}

/** Width clamped to the limits and to 60 % of the space the frame sits in (the graph keeps the rest). */
export function clampInspectorWidth(width: number, available: number): number {
  const max = Math.max(INSPECTOR_WIDTH.min, Math.min(INSPECTOR_WIDTH.max, Math.floor(available * 0.6)));
  return Math.round(Math.min(max, Math.max(INSPECTOR_WIDTH.min, width)));
}

/**
 * The inspector's column: a fixed-width side pane with a resize handle on its left edge (drag,
 * arrow keys, double-click to reset), its width remembered. Only the frame lives here; what the
 * inspector shows is the child's business (components/summary/Inspector.tsx and the sections
 * others mount in it), so the two can change independently.
 */
export function InspectorFrame({ storageKey, header, children }: InspectorFrameProps) {
  const [width, setWidth] = useState<number>(INSPECTOR_WIDTH.initial);
  const frame = useRef<HTMLElement>(null);

  const available = () => frame.current?.parentElement?.getBoundingClientRect().width ?? window.innerWidth;
  const commit = useCallback(
    (w: number) => {
      const next = clampInspectorWidth(w, frame.current?.parentElement?.getBoundingClientRect().width ?? 1e9);
      setWidth(next);
      try {
        localStorage.setItem(storageKey, String(next));
      } catch {
        // Storage refused (private mode, quota): the width simply is not remembered.
      }
    },
    [storageKey],
  );

  useEffect(() => {
    let saved = NaN;
    try {
      saved = Number(localStorage.getItem(storageKey));
    } catch {
      // Unavailable storage: keep the default.
    }
    if (Number.isFinite(saved) && saved > 0) setWidth(clampInspectorWidth(saved, available()));
  }, [storageKey]);

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const right = frame.current?.getBoundingClientRect().right ?? 0;
    const move = (ev: PointerEvent) => commit(right - ev.clientX);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <aside
      ref={frame}
      className="relative flex shrink-0 flex-col border-l border-line bg-surface"
      style={{ width }}
      data-testid="inspector-frame"
      data-width={width}
    >
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the inspector"
        aria-valuenow={width}
        aria-valuemin={INSPECTOR_WIDTH.min}
        aria-valuemax={INSPECTOR_WIDTH.max}
        tabIndex={0}
        title="Drag to resize the inspector (arrow keys too; double-click resets)"
        onPointerDown={onPointerDown}
        onDoubleClick={() => commit(INSPECTOR_WIDTH.initial)}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 64 : 16;
          if (e.key === 'ArrowLeft') commit(width + step);
          else if (e.key === 'ArrowRight') commit(width - step);
          else return;
          e.preventDefault();
        }}
        className="absolute -left-1 top-0 z-10 h-full w-2 cursor-col-resize hover:bg-accent/40 focus:bg-accent/60 focus:outline-none"
        data-testid="inspector-resize"
      />
      {header}
      <div className="min-h-0 flex-1">{children}</div>
    </aside>
  );
}
