'use client';

/**
 * GraphView: the laid-out model graph (ELK in a worker) with pan/zoom, minimap, search,
 * legend and collapsible name-prefix blocks. A pure renderer of an AnalysisResult plus its own
 * view state (pan/zoom, collapsed blocks, search text); selection is owned by the page.
 *
 * Props (GraphViewProps):
 * - analysis: AnalysisResult | null — null shows an empty state; keep passing the last good one while text is broken.
 * - selected: string | null — selected layer name (a folded in-place layer highlights its host card and badge).
 * - onSelect(name | null) — called on node/badge click, search pick, background click (null).
 * - direction: 'DOWN' | 'RIGHT' — layout flow.
 * - colorMode: 'category' | 'macs' | 'params' | 'memory' | 'time' — category colours or a log heat map (legend shown).
 * - measuredMs?: Record<layer name, ms> — for colorMode 'time'.
 * - tooLarge?: boolean — show the "too large to draw" fallback instead of laying out (also automatic above
 *   MAX_DRAWABLE_LAYERS layers; this view shows the one banner, callers add none of their own).
 * - theme: 'light' | 'dark'.
 * - searchQuery?: string — seeds / drives the built-in search box (matches are highlighted, others dimmed).
 * - onLayout?(status) — layout progress: { state: 'idle'|'running'|'done'|'cancelled'|'error', stage, nodes, edges, ms, estimateMs }.
 * - ref?: Ref<GraphViewHandle> — fit(), focusNode(name), focusSearch(), zoomIn(), zoomOut(), collapseAll(), expandAll().
 *
 * DOM hooks for tests: [data-testid=graph-view] carries data-node-count (view nodes after folding/collapse),
 * data-layout-state, data-layout-ms and data-layout-stage ('building' | 'layout' | 'drawing' while running); each card is g.graph-node[data-node-name]; search is [data-testid=graph-search];
 * legend is [data-testid=graph-legend][data-mode]. Only cards near the viewport are in the DOM (culling).
 */

import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { AnalysisResult } from '@/lib/analysis/types';
import {
  collapseGroups,
  type LayoutDirection,
  type PositionedGraph,
  type PositionedNode,
  type ViewGraph,
} from '@/lib/layout';
import { dismissBootPaint } from '@/lib/boot/handoff';
import { categoryColors } from '@/lib/ops/categories';
import { MAX_DRAWABLE_LAYERS } from '@/lib/worker/protocol';
import type { OpCategory } from '@/lib/ops/types';
import { GraphCanvas, type GraphCanvasHandle, type NodeOverlay } from './GraphCanvas';
import { HEAT_METRICS, heatColor, heatScale, heatTextColor, type ColorMode } from './heat';
import { Legend } from './Legend';
import type { CardColors } from './NodeCard';
import { SearchBox, searchItems, type SearchItem } from './SearchBox';
import { LayoutProgress } from './LayoutProgress';
import { useLayout, type LayoutStatus } from './use-layout';
import { useViewGraph } from './use-view-graph';

export type { ColorMode } from './heat';
export type { LayoutStatus } from './use-layout';

/** Above this many layers the graph is not drawn ("too large to draw — showing the table"); the one limit of the app. */
export { MAX_DRAWABLE_LAYERS };

/** Imperative controls for shortcuts and other panels. */
export interface GraphViewHandle {
  /** A readable fit (a long model: its width at a readable zoom, scrolled along). */
  fit(): void;
  /** The whole graph, however small. */
  fitAll(): void;
  /** Scrolls the node showing this layer into view (does not change the selection). */
  focusNode(name: string): void;
  focusSearch(): void;
  zoomIn(): void;
  zoomOut(): void;
  collapseAll(): void;
  expandAll(): void;
}

/** Props of GraphView; see the file header. */
export interface GraphViewProps {
  analysis: AnalysisResult | null;
  selected: string | null;
  onSelect(name: string | null): void;
  direction: LayoutDirection;
  colorMode: ColorMode;
  measuredMs?: Readonly<Record<string, number>>;
  tooLarge?: boolean;
  theme: 'light' | 'dark';
  searchQuery?: string;
  onLayout?(status: LayoutStatus): void;
  /**
   * Collapsed name-prefix blocks, when the caller keeps them (the workspace does, so exports can
   * draw what the screen shows); without it the view keeps its own.
   */
  collapsed?: ReadonlySet<string>;
  onCollapsedChange?(next: ReadonlySet<string>): void;
  className?: string;
  /** HTML under some cards (the workspace's input-shape fields), see GraphCanvas. */
  nodeOverlay?: NodeOverlay;
  ref?: Ref<GraphViewHandle>;
}

const EMPTY: ReadonlySet<string> = new Set();

const btn = 'rounded border border-line bg-surface px-1.5 py-0.5 text-xs text-fg hover:bg-raised disabled:opacity-40';

export function GraphView(props: GraphViewProps) {
  const {
    analysis,
    selected,
    onSelect,
    direction,
    colorMode,
    measuredMs,
    tooLarge,
    theme,
    searchQuery,
    onLayout,
    className,
    ref,
  } = props;
  const canvas = useRef<GraphCanvasHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [ownCollapsed, setOwnCollapsed] = useState<ReadonlySet<string>>(EMPTY);
  const collapsed = props.collapsed ?? ownCollapsed;
  const collapsedRef = useRef(collapsed);
  collapsedRef.current = collapsed;
  const onCollapsedChange = props.onCollapsedChange;
  const setCollapsed = useCallback(
    (next: ReadonlySet<string> | ((prev: ReadonlySet<string>) => ReadonlySet<string>)) => {
      const value = typeof next === 'function' ? next(collapsedRef.current) : next;
      setOwnCollapsed(value);
      onCollapsedChange?.(value);
    },
    [onCollapsedChange],
  );
  const [query, setQuery] = useState(searchQuery ?? '');
  const [showLegend, setShowLegend] = useState(true);
  useEffect(() => setQuery(searchQuery ?? ''), [searchQuery]);

  const blocked = !!tooLarge || (analysis?.layers.length ?? 0) > MAX_DRAWABLE_LAYERS;
  const built = useViewGraph(blocked ? null : analysis, measuredMs);
  const base = built?.view ?? null;
  const groups = useMemo(() => built?.groups ?? [], [built]);
  const groupOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of groups) for (const id of g.members) m.set(id, g.key);
    return m;
  }, [groups]);
  // Nothing collapsed: the base view as it is (collapseGroups would rebuild every edge just to annotate groups).
  const view: ViewGraph | null = useMemo(
    () =>
      built && collapsed.size > 0 ? collapseGroups(built.view, groups, collapsed, built.analysis.blobShapes) : base,
    [built, base, groups, collapsed],
  );
  const building = !blocked && analysis !== null && built?.analysis !== analysis;
  const { graph, stale, status, cancel, retry } = useLayout(blocked ? null : view, direction);
  useEffect(() => onLayout?.(status), [status, onLayout]);
  // The picture drawn before the app started (lib/boot) goes when this view will draw no graph
  // to replace it (GraphCanvas removes it once its own graph is painted).
  const noGraph = blocked || status.state === 'error' || status.state === 'cancelled';
  useEffect(() => {
    if (noGraph) dismissBootPaint('no graph to draw');
  }, [noGraph]);

  const items: SearchItem[] = useMemo(() => {
    if (!analysis) return [];
    const out: SearchItem[] = analysis.layers.map((l) => ({ name: l.name, type: l.type }));
    for (const n of base?.nodes ?? []) if (n.kind === 'input') out.push({ name: n.name, type: n.type });
    return out;
  }, [analysis, base]);
  const matches = useMemo(() => {
    if (!graph || !query.trim()) return null;
    const ids = new Set<string>();
    for (const it of searchItems(items, query)) {
      const id = graph.nodeOfLayer.get(it.name);
      if (id) ids.add(id);
    }
    return ids;
  }, [graph, items, query]);

  const scale = useMemo(() => {
    if (!graph || colorMode === 'category') return null;
    const metric = HEAT_METRICS[colorMode];
    return heatScale(graph.nodes.filter((n) => n.kind !== 'input').map((n) => metric.value(n.costs)));
  }, [graph, colorMode]);
  const colors = useMemo(() => {
    const map = new Map<string, CardColors>();
    if (!graph) return map;
    const dark = theme === 'dark';
    const accent = dark ? '#60a5fa' : '#2563eb';
    const badgeFill = dark ? 'rgba(255,255,255,0.14)' : 'rgba(0,0,0,0.08)';
    for (const n of graph.nodes) {
      const c = categoryColors(n.category, theme);
      if (colorMode === 'category' || !scale) {
        map.set(n.id, {
          fill: c.fill,
          stroke: c.stroke,
          text: c.text,
          muted: c.text,
          badgeFill,
          badgeText: c.text,
          accent,
        });
        continue;
      }
      const t = n.kind === 'input' ? null : scale.t(HEAT_METRICS[colorMode].value(n.costs));
      if (t === null) {
        const fill = dark ? '#2a2f3a' : '#eceef1';
        const text = dark ? '#c7ced9' : '#374151';
        map.set(n.id, { fill, stroke: c.stroke, text, muted: text, badgeFill, badgeText: text, accent });
      } else {
        const text = heatTextColor(t);
        const bf = t > 0.6 ? 'rgba(255,255,255,0.22)' : 'rgba(0,0,0,0.1)';
        map.set(n.id, {
          fill: heatColor(t),
          stroke: c.stroke,
          text,
          muted: text,
          badgeFill: bf,
          badgeText: text,
          accent,
        });
      }
    }
    return map;
  }, [graph, colorMode, scale, theme]);
  const categories = useMemo(() => new Set<OpCategory>(graph?.nodes.map((n) => n.category) ?? []), [graph]);
  // The one figure an overview box shows: the colour mode's metric, or the name in category mode.
  const figure = useMemo(() => {
    if (colorMode === 'category') return (n: PositionedNode) => n.name;
    const metric = HEAT_METRICS[colorMode];
    return (n: PositionedNode) => {
      const v = metric.value(n.costs);
      return n.kind === 'input' ? n.name : v === null ? '?' : metric.format(v);
    };
  }, [colorMode]);

  const selectedId = selected !== null && graph ? (graph.nodeOfLayer.get(selected) ?? null) : null;
  const selectedNode = selectedId ? graph?.nodes.find((n) => n.id === selectedId) : undefined;
  const selectedBadge = selectedNode?.folded.some((f) => f.name === selected) ? selected : null;
  const selectedGroup = selectedNode && selectedNode.kind !== 'group' ? (groupOf.get(selectedNode.id) ?? null) : null;

  const selectedIdRef = useRef(selectedId);
  selectedIdRef.current = selectedId;
  // Bring the selection into view when it changes (editor cursor, table, search), once laid out.
  const hasGraph = graph !== null;
  useEffect(() => {
    if (selectedId && hasGraph) canvas.current?.reveal(selectedId);
  }, [selectedId, hasGraph]);

  // A different model (most node ids new) gets the home view; edits of the same model keep pan/zoom.
  const homeIds = useRef<Set<string> | null>(null);
  const lastGraph = useRef<PositionedGraph | null>(null);
  // A direction change is laid out asynchronously: the next new graph gets the home view,
  // not the anchoring meant for edits (which would shift the turned graph off screen).
  const homeOnNextGraph = useRef(false);
  useEffect(() => {
    if (!graph) return;
    const before = lastGraph.current;
    lastGraph.current = graph;
    const prev = homeIds.current;
    const ids = new Set(graph.nodes.map((n) => n.id));
    let same = 0;
    if (prev) for (const id of ids) if (prev.has(id)) same++;
    const union = prev ? prev.size + ids.size - same : ids.size;
    const turned = homeOnNextGraph.current && before !== null && before !== graph;
    if (turned) homeOnNextGraph.current = false;
    if (!prev || turned || same / Math.max(1, union) < 0.5) {
      homeIds.current = ids;
      canvas.current?.home(direction);
      if (selectedIdRef.current) canvas.current?.reveal(selectedIdRef.current);
    } else if (before && before !== graph) {
      // Same model relaid out (edit, block toggled): keep the selected (else the first shared) box still on screen.
      const old = new Map(before.nodes.map((n) => [n.id, n]));
      const anchor =
        graph.nodes.find((n) => n.id === selectedIdRef.current && old.has(n.id)) ??
        graph.nodes.find((n) => old.has(n.id));
      const o = anchor ? old.get(anchor.id) : undefined;
      if (anchor && o && (o.x !== anchor.x || o.y !== anchor.y))
        canvas.current?.shiftBy(o.x - anchor.x, o.y - anchor.y);
    }
  }, [graph, direction]);
  useEffect(() => {
    if (!homeIds.current) return;
    homeOnNextGraph.current = true;
    canvas.current?.home(direction);
    if (selectedIdRef.current) canvas.current?.reveal(selectedIdRef.current);
  }, [direction]);

  const toggleGroup = useCallback(
    (key: string) => {
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      });
    },
    [setCollapsed],
  );
  const collapseAll = useCallback(() => setCollapsed(new Set(groups.map((g) => g.key))), [groups, setCollapsed]);
  const expandAll = useCallback(() => setCollapsed(EMPTY), [setCollapsed]);

  const onActivate = useCallback(
    (nodeId: string, badge: string | null) => {
      if (badge !== null) return onSelect(badge);
      const n = graph?.nodes.find((x) => x.id === nodeId);
      if (!n) return;
      if (n.kind !== 'group') return onSelect(n.name);
      // A collapsed block selects its output layer (the last member), whose shape the card shows.
      const last = groups.find((g) => g.key === n.name)?.members.at(-1);
      const out = base?.nodes.find((x) => x.id === last);
      onSelect(out?.name ?? null);
    },
    [graph, groups, base, onSelect],
  );
  const onBackground = useCallback(() => onSelect(null), [onSelect]);
  const pick = useCallback(
    (name: string) => {
      onSelect(name);
      const id = graph?.nodeOfLayer.get(name);
      if (id) canvas.current?.reveal(id);
    },
    [graph, onSelect],
  );

  useImperativeHandle(
    ref,
    () => ({
      fit: () => canvas.current?.fit(),
      fitAll: () => canvas.current?.fitAll(),
      focusNode: (name) => {
        const id = graph?.nodeOfLayer.get(name);
        if (id) canvas.current?.reveal(id);
      },
      focusSearch: () => searchInput.current?.focus(),
      zoomIn: () => canvas.current?.zoomBy(1.25),
      zoomOut: () => canvas.current?.zoomBy(0.8),
      collapseAll,
      expandAll,
    }),
    [graph, collapseAll, expandAll],
  );

  const dark = theme === 'dark';
  const rootClass = `relative h-full w-full overflow-hidden ${dark ? 'dark' : ''} bg-canvas text-fg ${className ?? ''}`;
  const dataAttrs = {
    'data-testid': 'graph-view',
    'data-node-count': view?.nodes.length ?? 0,
    'data-edge-count': view?.edges.length ?? 0,
    'data-layout-state': blocked ? 'too-large' : building && status.state !== 'running' ? 'running' : status.state,
    'data-layout-stage': building ? 'building' : status.state === 'running' ? status.stage : undefined,
    'data-layout-ms': Math.round(status.ms),
  };

  if (!analysis) {
    return (
      <div className={rootClass} {...dataAttrs}>
        <div className="flex h-full items-center justify-center text-sm text-muted">No model to draw yet.</div>
      </div>
    );
  }
  if (blocked) {
    return (
      <div className={rootClass} {...dataAttrs}>
        <div
          className="flex h-full flex-col items-center justify-center gap-1 p-6 text-center"
          data-testid="graph-too-large"
          role="status"
        >
          <div className="text-base font-semibold">Too large to draw — showing the table</div>
          <div className="max-w-md text-sm text-muted">
            {`${analysis.layers.length.toLocaleString('en-US')} layers. Models above ${MAX_DRAWABLE_LAYERS.toLocaleString('en-US')} layers are not laid out so the page stays responsive; every figure is in the table.`}
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className={`${rootClass} flex flex-col`} {...dataAttrs}>
      {/* Docked above the graph, never over it: the toolbar and the layout progress can neither
          hide a box nor take its clicks (only the search results drop down over the graph). */}
      <div
        className="relative z-20 flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-surface px-2 py-1"
        data-testid="graph-toolbar-band"
      >
        <div className="flex flex-wrap items-center gap-1" data-testid="graph-toolbar">
          <SearchBox items={items} query={query} onQuery={setQuery} onPick={pick} inputRef={searchInput} />
          <button
            type="button"
            className={btn}
            title="Zoom out (Ctrl + wheel)"
            aria-label="Zoom out"
            onClick={() => canvas.current?.zoomBy(0.8)}
          >
            −
          </button>
          <button
            type="button"
            className={btn}
            title="Zoom in (Ctrl + wheel)"
            aria-label="Zoom in"
            onClick={() => canvas.current?.zoomBy(1.25)}
          >
            +
          </button>
          <button
            type="button"
            className={btn}
            title="Fit at a readable size (a long model: its width; scroll along it with the wheel)"
            data-testid="graph-fit"
            onClick={() => canvas.current?.fit()}
          >
            Fit
          </button>
          <button
            type="button"
            className={btn}
            title="Show the whole graph"
            data-testid="graph-fit-all"
            onClick={() => canvas.current?.fitAll()}
          >
            Fit all
          </button>
          {groups.length > 0 && (
            <button
              type="button"
              className={btn}
              data-testid="graph-collapse-all"
              title={`Collapse ${groups.length} blocks named with a common prefix`}
              onClick={collapsed.size === groups.length ? expandAll : collapseAll}
            >
              {collapsed.size === groups.length ? 'Expand blocks' : `Collapse blocks (${groups.length})`}
            </button>
          )}
          {selectedGroup && (
            <button
              type="button"
              className={btn}
              data-testid="graph-collapse-group"
              onClick={() => toggleGroup(selectedGroup)}
            >
              {`Collapse ${selectedGroup}`}
            </button>
          )}
          <button type="button" className={btn} aria-pressed={showLegend} onClick={() => setShowLegend((s) => !s)}>
            Legend
          </button>
        </div>
        <LayoutProgress
          status={status}
          building={building}
          stale={stale || (building && graph !== null)}
          onCancel={cancel}
          onRetry={retry}
        />
      </div>
      <div className="relative min-h-0 flex-1" data-testid="graph-pane">
        {graph && (
          <GraphCanvas
            ref={canvas}
            graph={graph}
            direction={direction}
            figure={figure}
            colors={colors}
            selectedId={selectedId}
            selectedBadge={selectedBadge}
            matches={matches}
            theme={theme}
            groupOf={groupOf}
            onActivate={onActivate}
            onToggleGroup={toggleGroup}
            onBackground={onBackground}
            {...(props.nodeOverlay ? { nodeOverlay: props.nodeOverlay } : {})}
          />
        )}
      </div>
      {showLegend && graph && (
        // Docked under the graph, never over it: it can neither hide a box nor take its clicks.
        <div className="shrink-0 border-t border-line bg-surface" data-testid="graph-legend-slot">
          <Legend mode={colorMode} theme={theme} categories={categories} scale={scale} />
        </div>
      )}
    </div>
  );
}
