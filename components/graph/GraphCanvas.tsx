'use client';

import {
  memo,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  type ReactNode,
  type Ref,
} from 'react';
import { EDGE_LABEL, type PositionedEdge, type PositionedGraph, type PositionedNode } from '@/lib/layout';
import { Minimap } from './Minimap';
import { NodeCard, type CardColors } from './NodeCard';
import { drawOverview, edgeBox, intersects, nodeAt } from './overview';
import { CARD_ZOOM, homeTransform, LABEL_ZOOM, READABLE_ZOOM, readableTransform } from '@/lib/layout/home-view';
import { dismissBootPaint } from '@/lib/boot/handoff';
import { fitTransform, useElementSize, usePanZoom, type Rect, type Transform } from './use-pan-zoom';

/** Imperative view controls of the canvas. */
export interface GraphCanvasHandle {
  /** A readable fit: the whole graph when it is readable so, else its width at a readable zoom, staying where the view is along the flow. */
  fit(): void;
  /** The whole graph, however small. */
  fitAll(): void;
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
  direction: 'DOWN' | 'RIGHT';
  /** The one figure an overview box shows (the colour mode's metric). */
  figure(n: PositionedNode): string;
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
  /**
   * HTML drawn under the cards of the named nodes while cards are shown (e.g. the shape field of an
   * input the file gives no shape for). Pointer events stay with it: it never pans the graph.
   */
  nodeOverlay?: NodeOverlay;
  ref?: Ref<GraphCanvasHandle>;
}

/** Extra HTML under some node cards, keyed by the node's name (its layer or input name). */
export interface NodeOverlay {
  readonly names: ReadonlySet<string>;
  render(name: string): ReactNode;
}

/** Nodes beyond this many screen px outside the viewport are not rendered (viewport culling). */
const CULL_MARGIN = 300;
/**
 * Below this zoom, or with more than DOM_LIMIT cards in view, the graph is drawn on a canvas as
 * coloured boxes with one figure each (the level of detail of an overview); above it, as SVG
 * cards. The DOM never holds more than DOM_LIMIT cards, so 20,000 layers pan as smoothly as 200.
 */
const DOM_LIMIT = 400;

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

/**
 * A positioned graph with pan/zoom, viewport culling, two levels of detail (SVG cards when
 * readable, a canvas overview of boxes when zoomed out or crowded) and a minimap.
 */
export function GraphCanvas({
  graph,
  direction,
  figure,
  colors,
  selectedId,
  selectedBadge,
  matches,
  theme,
  groupOf,
  onActivate,
  onToggleGroup,
  onBackground,
  nodeOverlay,
  ref,
}: GraphCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const canvasEl = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(box);
  const { t, setT, zoomBy, handlers } = usePanZoom(box);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edgeBoxes = useMemo(() => graph.edges.map(edgeBox), [graph]);
  const fills = useMemo(() => new Map([...colors].map(([id, c]) => [id, c.stroke])), [colors]);

  // Read the element itself: the parent's effects can run before the size state has caught up.
  const sizeNow = () => ({ width: box.current?.clientWidth ?? 0, height: box.current?.clientHeight ?? 0 });
  const tRef = useRef(t);
  tRef.current = t;
  useImperativeHandle(ref, () => {
    const whole = () =>
      fitTransform({ x: 0, y: 0, width: graph.width, height: graph.height }, sizeNow().width, sizeNow().height);
    const readable = (dir: 'DOWN' | 'RIGHT', along: number | null): Transform => {
      const { width: w, height: h } = sizeNow();
      return readableTransform(graph, dir, along, w, h, tRef.current);
    };
    return {
      fitAll: () => setT(whole()),
      fit: () => {
        const all = whole();
        if (all.k >= READABLE_ZOOM) return setT(all);
        const cur = tRef.current;
        const { width: w, height: h } = sizeNow();
        setT(readable(direction, direction === 'DOWN' ? (h / 2 - cur.y) / cur.k : (w / 2 - cur.x) / cur.k));
      },
      home: (dir) => {
        const { width: w, height: h } = sizeNow();
        setT(homeTransform(graph, dir, w, h, tRef.current));
      },
      reveal: (id) => {
        const n = byId.get(id);
        if (!n) return;
        const { width: w, height: h } = sizeNow();
        const cur = tRef.current;
        const k = cur.k < 0.4 ? READABLE_ZOOM : cur.k;
        const sx = n.x * k + cur.x;
        const sy = n.y * k + cur.y;
        const inside = k === cur.k && sx >= 0 && sy >= 0 && sx + n.width * k <= w && sy + n.height * k <= h;
        if (inside) return;
        setT({ k, x: w / 2 - (n.x + n.width / 2) * k, y: h / 2 - (n.y + n.height / 2) * k });
      },
      zoomBy,
      shiftBy: (dx, dy) => setT((p) => ({ ...p, x: p.x + dx * p.k, y: p.y + dy * p.k })),
    };
  }, [graph, byId, setT, zoomBy, direction]);

  const view: Rect = {
    x: (-t.x - CULL_MARGIN) / t.k,
    y: (-t.y - CULL_MARGIN) / t.k,
    width: (size.width + 2 * CULL_MARGIN) / t.k,
    height: (size.height + 2 * CULL_MARGIN) / t.k,
  };
  let visibleNodes: PositionedNode[] = [];
  if (t.k >= CARD_ZOOM)
    for (const n of graph.nodes) {
      if (!intersects(view, n) && n.id !== selectedId) continue;
      visibleNodes.push(n);
      if (visibleNodes.length > DOM_LIMIT) break;
    }
  const cards = t.k >= CARD_ZOOM && visibleNodes.length <= DOM_LIMIT;
  if (!cards) visibleNodes = [];
  const showLabels = t.k >= LABEL_ZOOM;
  const dark = theme === 'dark';
  const edgeColor = dark ? '#8b95a5' : '#7a8494';
  const accent = dark ? '#60a5fa' : '#2563eb';

  // The picture painted before the app started (lib/boot) lies over this view until the app's
  // own graph has been painted under it: two frames after the first graph (the parent's home
  // view is applied in between), so the swap never shows an empty or half-framed pane.
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => (second = requestAnimationFrame(() => dismissBootPaint('replaced'))));
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, []);

  // The overview is drawn before the browser paints the frame that needs it.
  useLayoutEffect(() => {
    const c = canvasEl.current;
    if (!c) return;
    if (cards) {
      if (c.width !== 1) c.width = c.height = 1;
      return;
    }
    drawOverview(c, graph, edgeBoxes, t, size, {
      colors,
      figure,
      selectedId,
      matches,
      edgeColor,
      accent,
      fallback: FALLBACK,
    });
  }, [cards, graph, edgeBoxes, t, size, colors, figure, selectedId, matches, edgeColor, accent]);

  const overviewHit = (e: React.MouseEvent) => {
    const r = box.current?.getBoundingClientRect();
    return r ? nodeAt(graph, t, e.clientX - r.left, e.clientY - r.top) : null;
  };

  return (
    <div
      ref={box}
      className="relative h-full w-full touch-none select-none overflow-hidden"
      data-testid="graph-canvas"
      data-zoom={t.k.toFixed(3)}
      data-detail={cards ? 'cards' : 'overview'}
      data-rendered-nodes={visibleNodes.length}
      {...handlers}
      onClick={(e) => {
        const n = cards ? null : overviewHit(e);
        if (n) onActivate(n.id, null);
        else onBackground();
      }}
      onDoubleClick={(e) => {
        const n = cards ? null : overviewHit(e);
        const g = n ? (n.kind === 'group' ? n.name : (groupOf.get(n.id) ?? null)) : null;
        if (g !== null) onToggleGroup(g);
      }}
    >
      <canvas
        ref={canvasEl}
        className="pointer-events-none absolute inset-0 h-full w-full"
        data-testid="graph-overview"
      />
      {cards && (
        <svg
          width="100%"
          height="100%"
          className="absolute inset-0 block"
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace' }}
        >
          <defs>
            <marker
              id="graph-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
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
                detail={0}
                onActivate={onActivate}
                onToggleGroup={onToggleGroup}
              />
            ))}
          </g>
        </svg>
      )}
      {cards &&
        nodeOverlay &&
        visibleNodes
          .filter((n) => nodeOverlay.names.has(n.name))
          .map((n) => (
            <div
              key={`overlay:${n.id}`}
              className="absolute z-10"
              style={{ left: t.x + n.x * t.k, top: t.y + (n.y + n.height) * t.k + 4 }}
              data-testid="graph-node-overlay"
              data-node-name={n.name}
              onPointerDown={(e) => e.stopPropagation()}
              onClick={(e) => e.stopPropagation()}
              onDoubleClick={(e) => e.stopPropagation()}
              onWheel={(e) => e.stopPropagation()}
            >
              {nodeOverlay.render(n.name)}
            </div>
          ))}
      {graph.nodes.length > 1 && (
        <Minimap
          graph={graph}
          fills={fills}
          transform={t}
          viewport={size}
          selectedId={selectedId}
          theme={theme}
          onNavigate={(x, y) =>
            setT((p: Transform) => ({ ...p, x: size.width / 2 - x * p.k, y: size.height / 2 - y * p.k }))
          }
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
