'use client';

import { memo, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { EDGE_LABEL, type PositionedEdge, type PositionedGraph, type PositionedNode } from '@/lib/layout';
import { Minimap } from './Minimap';
import { NodeCard, type CardColors } from './NodeCard';
import { fitTransform, useElementSize, usePanZoom, type Rect, type Transform } from './use-pan-zoom';

/** Imperative view controls of the canvas. */
export interface GraphCanvasHandle {
  fit(): void;
  /** The initial view of a new graph: fit when readable, else the start of the flow at a readable zoom. */
  home(direction: 'DOWN' | 'RIGHT'): void;
  /** Brings a node into view (centres it when it is outside; zooms in when too small to read). */
  reveal(id: string): void;
  zoomBy(factor: number): void;
  /** Moves the view by a graph-space offset (keeps a node still on screen across a relayout). */
  shiftBy(dx: number, dy: number): void;
}

interface GraphCanvasProps {
  graph: PositionedGraph;
  colors: ReadonlyMap<string, CardColors>;
  selectedId: string | null;
  selectedBadge: string | null;
  /** Ids matching the search query; others are dimmed. Null: no query. */
  matches: ReadonlySet<string> | null;
  theme: 'light' | 'dark';
  /** Proposed block of each (expanded) node id, for double-click collapse. */
  groupOf: ReadonlyMap<string, string>;
  onActivate(nodeId: string, badge: string | null): void;
  onToggleGroup(key: string): void;
  onBackground(): void;
  ref?: Ref<GraphCanvasHandle>;
}

/** Nodes beyond this many screen px outside the viewport are not rendered (viewport culling). */
const CULL_MARGIN = 300;
/** Below this zoom cards show only their name; below LABEL_ZOOM edge labels are hidden. */
const DETAIL_ZOOM = 0.45;
const LABEL_ZOOM = 0.55;

function edgeBox(e: PositionedEdge): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of e.points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const intersects = (a: Rect, b: Rect) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

const Edge = memo(function Edge({
  e,
  color,
  showLabel,
  labelBg,
  labelText,
  width,
}: {
  e: PositionedEdge;
  color: string;
  showLabel: boolean;
  labelBg: string;
  labelText: string;
  width: number;
}) {
  if (e.points.length < 2) return null;
  const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
  return (
    <g className="graph-edge" data-edge-id={e.id}>
      <path d={d} fill="none" stroke={color} strokeWidth={width} markerEnd="url(#graph-arrow)" />
      {showLabel && e.labelPos && e.label && (
        <g transform={`translate(${e.labelPos.x},${e.labelPos.y})`}>
          <title>{`${e.blobs.join(', ')}: ${e.label}`}</title>
          <rect width={e.labelWidth} height={e.labelHeight} rx={2} fill={labelBg} />
          <text x={EDGE_LABEL.padX} y={EDGE_LABEL.size + 0.5} fontSize={EDGE_LABEL.size} fill={labelText}>
            {e.label}
          </text>
        </g>
      )}
    </g>
  );
});

/** SVG rendering of a positioned graph with pan/zoom, viewport culling, level of detail and a minimap. */
export function GraphCanvas({
  graph,
  colors,
  selectedId,
  selectedBadge,
  matches,
  theme,
  groupOf,
  onActivate,
  onToggleGroup,
  onBackground,
  ref,
}: GraphCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const { t, setT, zoomBy, handlers } = usePanZoom(box);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edgeBoxes = useMemo(() => graph.edges.map(edgeBox), [graph]);
  const fills = useMemo(() => new Map([...colors].map(([id, c]) => [id, c.stroke])), [colors]);

  // Read the element itself: the parent's effects can run before the size state has caught up.
  const sizeNow = () => ({ width: box.current?.clientWidth ?? 0, height: box.current?.clientHeight ?? 0 });
  const tRef = useRef(t);
  tRef.current = t;
  useImperativeHandle(
    ref,
    () => ({
      fit: () => setT(fitTransform({ x: 0, y: 0, width: graph.width, height: graph.height }, sizeNow().width, sizeNow().height)),
      home: (direction) => {
        const { width: w, height: h } = sizeNow();
        const fit = fitTransform({ x: 0, y: 0, width: graph.width, height: graph.height }, w, h);
        if (fit.k >= 0.4) return setT(fit);
        const k = 0.7;
        // Too big to read when fitted: start where the data enters, centred on the first box, below the toolbar.
        const first = graph.nodes.reduce<PositionedNode | undefined>(
          (best, n) => (!best || (direction === 'DOWN' ? n.y < best.y : n.x < best.x) ? n : best),
          undefined,
        );
        const cx = first ? first.x + first.width / 2 : graph.width / 2;
        const cy = first ? first.y + first.height / 2 : graph.height / 2;
        setT(direction === 'DOWN' ? { k, x: w / 2 - cx * k, y: 48 } : { k, x: 24, y: h / 2 - cy * k });
      },
      reveal: (id) => {
        const n = byId.get(id);
        if (!n) return;
        const { width: w, height: h } = sizeNow();
        const cur = tRef.current;
        const k = cur.k < 0.4 ? 0.8 : cur.k;
        const sx = n.x * k + cur.x;
        const sy = n.y * k + cur.y;
        const inside = k === cur.k && sx >= 0 && sy >= 0 && sx + n.width * k <= w && sy + n.height * k <= h;
        if (inside) return;
        setT({ k, x: w / 2 - (n.x + n.width / 2) * k, y: h / 2 - (n.y + n.height / 2) * k });
      },
      zoomBy,
      shiftBy: (dx, dy) => setT((p) => ({ ...p, x: p.x + dx * p.k, y: p.y + dy * p.k })),
    }),
    [graph, byId, setT, zoomBy],
  );

  const view: Rect = {
    x: (-t.x - CULL_MARGIN) / t.k,
    y: (-t.y - CULL_MARGIN) / t.k,
    width: (size.width + 2 * CULL_MARGIN) / t.k,
    height: (size.height + 2 * CULL_MARGIN) / t.k,
  };
  const visibleNodes: PositionedNode[] = [];
  for (const n of graph.nodes) if (intersects(view, n) || n.id === selectedId) visibleNodes.push(n);
  const detail: 0 | 1 = t.k >= DETAIL_ZOOM ? 0 : 1;
  const showLabels = t.k >= LABEL_ZOOM;
  const dark = theme === 'dark';
  const edgeColor = dark ? '#8b95a5' : '#7a8494';
  const accent = dark ? '#60a5fa' : '#2563eb';

  return (
    <div
      ref={box}
      className="relative h-full w-full touch-none select-none overflow-hidden"
      data-testid="graph-canvas"
      data-zoom={t.k.toFixed(3)}
      data-rendered-nodes={visibleNodes.length}
      {...handlers}
      onClick={onBackground}
    >
      <svg width="100%" height="100%" className="block" style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace' }}>
        <defs>
          <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill={edgeColor} />
          </marker>
        </defs>
        <g transform={`translate(${t.x},${t.y}) scale(${t.k})`}>
          {graph.edges.map((e, i) => {
            if (!intersects(view, edgeBoxes[i]!)) return null;
            const hot = selectedId !== null && (e.source === selectedId || e.target === selectedId);
            return (
              <Edge
                key={e.id}
                e={e}
                color={hot ? accent : edgeColor}
                width={hot ? 2 : 1.2}
                showLabel={showLabels}
                labelBg={dark ? '#1f2430' : '#ffffff'}
                labelText={dark ? '#c7ced9' : '#4b5563'}
              />
            );
          })}
          {visibleNodes.map((n) => (
            <NodeCard
              key={n.id}
              node={n}
              group={groupOf.get(n.id) ?? n.group}
              colors={colors.get(n.id) ?? FALLBACK}
              selected={n.id === selectedId}
              selectedBadge={n.id === selectedId ? selectedBadge : null}
              dimmed={matches !== null && !matches.has(n.id)}
              detail={detail}
              onActivate={onActivate}
              onToggleGroup={onToggleGroup}
            />
          ))}
        </g>
      </svg>
      {graph.nodes.length > 1 && (
        <Minimap
          graph={graph}
          fills={fills}
          transform={t}
          viewport={size}
          selectedId={selectedId}
          theme={theme}
          onNavigate={(x, y) => setT((p: Transform) => ({ ...p, x: size.width / 2 - x * p.k, y: size.height / 2 - y * p.k }))}
        />
      )}
    </div>
  );
}

const FALLBACK: CardColors = {
  fill: '#eee',
  stroke: '#888',
  text: '#111',
  muted: '#555',
  badgeFill: '#ddd',
  badgeText: '#222',
  accent: '#2563eb',
};
