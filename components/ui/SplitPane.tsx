'use client';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** Props of a two-pane resizable split. */
export interface SplitPaneProps {
  direction: 'horizontal' | 'vertical';
  /** Initial size of the first pane as a fraction of the container. */
  initial: number;
  min?: number;
  max?: number;
  /** localStorage key that remembers the split, if any. */
  storageKey?: string;
  first: ReactNode;
  second: ReactNode;
  testId?: string;
}

/** Two panes with a draggable divider (pointer or arrow keys). */
export function SplitPane({
  direction,
  initial,
  min = 0.15,
  max = 0.85,
  storageKey,
  first,
  second,
  testId,
}: SplitPaneProps) {
  const [fraction, setFraction] = useState(initial);
  const box = useRef<HTMLDivElement>(null);
  const horizontal = direction === 'horizontal';

  useEffect(() => {
    if (!storageKey) return;
    const saved = Number(localStorage.getItem(storageKey));
    if (saved >= min && saved <= max) setFraction(saved);
  }, [storageKey, min, max]);

  const commit = useCallback(
    (f: number) => {
      const clamped = Math.min(max, Math.max(min, f));
      setFraction(clamped);
      if (storageKey) localStorage.setItem(storageKey, clamped.toFixed(3));
    },
    [min, max, storageKey],
  );

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = box.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent) =>
      commit(horizontal ? (ev.clientX - rect.left) / rect.width : (ev.clientY - rect.top) / rect.height);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const pct = `${(fraction * 100).toFixed(2)}%`;
  return (
    <div
      ref={box}
      className={`flex h-full w-full min-h-0 min-w-0 ${horizontal ? 'flex-row' : 'flex-col'}`}
      data-testid={testId}
    >
      <div className="relative min-h-0 min-w-0 overflow-hidden" style={{ flex: `0 0 ${pct}` }}>
        {first}
      </div>
      <div
        role="separator"
        aria-orientation={horizontal ? 'vertical' : 'horizontal'}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 0.1 : 0.02;
          if (e.key === (horizontal ? 'ArrowLeft' : 'ArrowUp')) commit(fraction - step);
          if (e.key === (horizontal ? 'ArrowRight' : 'ArrowDown')) commit(fraction + step);
        }}
        className={`shrink-0 bg-line hover:bg-accent focus:bg-accent focus:outline-none ${horizontal ? 'w-1 cursor-col-resize' : 'h-1 cursor-row-resize'}`}
        data-testid={testId ? `${testId}-divider` : undefined}
      />
      <div className="relative min-h-0 min-w-0 flex-1 overflow-hidden">{second}</div>
    </div>
  );
}
