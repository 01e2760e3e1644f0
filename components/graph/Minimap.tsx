'use client';

import { useEffect, useRef } from 'react';
import type { PositionedGraph } from '@/lib/layout';
import type { Transform } from './use-pan-zoom';

interface MinimapProps {
  graph: PositionedGraph;
  fills: ReadonlyMap<string, string>;
  transform: Transform;
  viewport: { width: number; height: number };
  selectedId: string | null;
  theme: 'light' | 'dark';
  /** Centre the main view on this graph point. */
  onNavigate(x: number, y: number): void;
}

const MAX_W = 120;
const MAX_H = 100;
const MIN = 36;

/** Overview of the whole graph on a canvas (cheap for thousands of nodes) with the visible area outlined; click or drag to navigate. */
export function Minimap({ graph, fills, transform, viewport, selectedId, theme, onNavigate }: MinimapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const s = Math.min(MAX_W / Math.max(1, graph.width), MAX_H / Math.max(1, graph.height));
  // A very tall or wide graph would give a sliver; below MIN px the short side is stretched instead.
  const w = Math.max(MIN, Math.ceil(graph.width * s));
  const h = Math.max(MIN, Math.ceil(graph.height * s));
  const sx = w / Math.max(1, graph.width);
  const sy = h / Math.max(1, graph.height);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    c.width = w * dpr;
    c.height = h * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    for (const n of graph.nodes) {
      ctx.fillStyle = n.id === selectedId ? (theme === 'dark' ? '#60a5fa' : '#2563eb') : (fills.get(n.id) ?? '#888');
      ctx.fillRect(n.x * sx, n.y * sy, Math.max(1, n.width * sx), Math.max(1, n.height * sy));
    }
  }, [graph, fills, sx, sy, w, h, selectedId, theme]);

  const vx = (-transform.x / transform.k) * sx;
  const vy = (-transform.y / transform.k) * sy;
  const vw = (viewport.width / transform.k) * sx;
  const vh = (viewport.height / transform.k) * sy;

  const navigate = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onNavigate((e.clientX - r.left) / sx, (e.clientY - r.top) / sy);
  };

  return (
    <div
      className="absolute bottom-2 right-2 overflow-hidden rounded border border-line bg-surface/90 shadow-sm"
      style={{ width: w, height: h }}
      data-testid="graph-minimap"
      onPointerDown={(e) => {
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        navigate(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) navigate(e);
      }}
      onWheel={(e) => e.stopPropagation()}
    >
      <canvas ref={canvas} style={{ width: w, height: h, display: 'block' }} />
      <div
        className="pointer-events-none absolute border-2 border-accent"
        style={{ left: vx, top: vy, width: vw, height: vh }}
      />
    </div>
  );
}
