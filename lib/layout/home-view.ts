/** Screen = graph × k + (x, y). */
export interface Transform {
  x: number;
  y: number;
  k: number;
}

/** A rectangle in graph coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 3;
/** Card text is 11 px at zoom 1: the zoom a readable view never goes below. */
export const READABLE_ZOOM = 1;
/** Room above the first box of a long model (the toolbar is docked above the pane, not over it). */
export const TOP_MARGIN = 20;
/** Below this zoom cards give way to the canvas overview of boxes. */
export const CARD_ZOOM = 0.45;
/** Below this zoom edge labels are hidden. */
export const LABEL_ZOOM = 0.55;

export const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The transform that fits `box` into a viewport of `w`×`h` with a margin, never above 1.5× zoom. */
export function fitTransform(box: Rect, w: number, h: number, margin = 24): Transform {
  if (box.width <= 0 || box.height <= 0 || w <= 0 || h <= 0) return { x: margin, y: margin, k: 1 };
  const k = clampZoom(Math.min((w - 2 * margin) / box.width, (h - 2 * margin) / box.height, 1.5));
  return { k, x: (w - box.width * k) / 2 - box.x * k, y: (h - box.height * k) / 2 - box.y * k };
}

/**
 * The readable view: zoom READABLE_ZOOM, centred across (or where `cur` is), at graph point
 * `along` of the flow (null: its start).
 */
export function readableTransform(
  graph: { readonly width: number; readonly height: number },
  dir: 'DOWN' | 'RIGHT',
  along: number | null,
  w: number,
  h: number,
  cur: Transform,
): Transform {
  const down = dir === 'DOWN';
  // The graph does not fit at a readable zoom: take the smallest readable one (a larger one
  // would only make the text bigger and show less of the model).
  const k = READABLE_ZOOM;
  // Across: centred when it fits, else where the view is now.
  const acrossNow = down ? (w / 2 - cur.x) / cur.k : (h / 2 - cur.y) / cur.k;
  const span = down ? graph.width : graph.height;
  const viewAcross = (down ? w : h) / k;
  const ac = span <= viewAcross ? span / 2 : Math.min(span - viewAcross / 2, Math.max(viewAcross / 2, acrossNow));
  if (down) {
    const y = along === null ? TOP_MARGIN : h / 2 - Math.min(graph.height, Math.max(0, along)) * k;
    return { k, x: w / 2 - ac * k, y: Math.min(TOP_MARGIN, y) };
  }
  const x = along === null ? 24 : w / 2 - Math.min(graph.width, Math.max(0, along)) * k;
  return { k, x: Math.min(24, x), y: h / 2 - ac * k };
}

/**
 * The initial view of a new graph in a `w`×`h` pane: the whole graph when it is readable so,
 * else the start of the flow at a readable zoom. Shared by the graph view and the boot paint
 * (lib/boot), so the picture drawn before the app starts is framed exactly as the app frames it.
 */
export function homeTransform(
  graph: { readonly width: number; readonly height: number; readonly nodes: readonly Rect[] },
  dir: 'DOWN' | 'RIGHT',
  w: number,
  h: number,
  cur: Transform,
): Transform {
  const all = fitTransform({ x: 0, y: 0, width: graph.width, height: graph.height }, w, h);
  if (all.k >= READABLE_ZOOM) return all;
  // Too big to read when fitted: start where the data enters, at a readable zoom, below the toolbar.
  const first = graph.nodes.reduce<Rect | undefined>(
    (best, n) => (!best || (dir === 'DOWN' ? n.y < best.y : n.x < best.x) ? n : best),
    undefined,
  );
  const next = readableTransform(graph, dir, null, w, h, cur);
  // Across: centre the first box when the graph is wider than the view.
  if (first && dir === 'DOWN' && graph.width * next.k > w) next.x = w / 2 - (first.x + first.width / 2) * next.k;
  if (first && dir === 'RIGHT' && graph.height * next.k > h) next.y = h / 2 - (first.y + first.height / 2) * next.k;
  return next;
}
