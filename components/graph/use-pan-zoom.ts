'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

import {
  clampZoom as clampK,
  fitTransform,
  MAX_ZOOM,
  MIN_ZOOM,
  type Rect,
  type Transform,
} from '@/lib/layout/home-view';

// The pure view maths live in lib/layout/home-view (the boot paint frames its picture with them).
export { fitTransform, MAX_ZOOM, MIN_ZOOM };
export type { Rect, Transform };

/** Size of an element, kept current with a ResizeObserver. */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * Pan (drag, wheel) and zoom (Ctrl/⌘ + wheel or pinch, around the cursor) of the graph. Wheel needs a
 * non-passive listener to stop the page from scrolling, so it is attached by hand. A drag
 * of more than a few pixels swallows the click that ends it, so panning never selects.
 */
export function usePanZoom(ref: RefObject<HTMLElement | null>) {
  const [t, setT] = useState<Transform>({ x: 0, y: 0, k: 1 });
  const tRef = useRef(t);
  tRef.current = t;
  const drag = useRef<{ id: number; sx: number; sy: number; x: number; y: number; moved: boolean } | null>(null);
  const suppressClick = useRef(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? el.clientHeight : 1;
      const dx = e.deltaX * unit;
      const dy = e.deltaY * unit;
      // The wheel scrolls along the model (Shift: sideways); Ctrl/⌘ + wheel and trackpad pinches
      // (which arrive as Ctrl + wheel) zoom around the cursor.
      if (!e.ctrlKey && !e.metaKey) {
        setT((p) => (e.shiftKey && dx === 0 ? { ...p, x: p.x - dy } : { ...p, x: p.x - dx, y: p.y - dy }));
        return;
      }
      const r = el.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      setT((p) => {
        const k = clampK(p.k * Math.exp(-dy * 0.0015));
        return { k, x: px - ((px - p.x) * k) / p.k, y: py - ((py - p.y) * k) / p.k };
      });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ref]);

  const onPointerDown = useCallback((e: React.PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = {
      id: e.pointerId,
      sx: e.clientX,
      sy: e.clientY,
      x: tRef.current.x,
      y: tRef.current.y,
      moved: false,
    };
  }, []);
  const onPointerMove = useCallback((e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.sx;
    const dy = e.clientY - d.sy;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    }
    setT((p) => ({ ...p, x: d.x + dx, y: d.y + dy }));
  }, []);
  const onPointerUp = useCallback((e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    suppressClick.current = d.moved;
    drag.current = null;
  }, []);
  const onClickCapture = useCallback((e: React.MouseEvent) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      e.stopPropagation();
    }
  }, []);

  const zoomBy = useCallback(
    (factor: number) => {
      const el = ref.current;
      const cx = (el?.clientWidth ?? 0) / 2;
      const cy = (el?.clientHeight ?? 0) / 2;
      setT((p) => {
        const k = clampK(p.k * factor);
        return { k, x: cx - ((cx - p.x) * k) / p.k, y: cy - ((cy - p.y) * k) / p.k };
      });
    },
    [ref],
  );

  return {
    t,
    setT,
    zoomBy,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onClickCapture },
  };
}
