/**
 * Draws the boot picture (lib/boot/worker-boot) over the graph view before the app has started:
 * a fixed overlay exactly over [data-testid=graph-view], outside React's tree (appended at the end
 * of <body>), with a band where the view's toolbar will be and the cards framed as the view's
 * home view frames them (lib/layout/home-view). Not interactive: it only shows; the app's view
 * replaces it (lib/boot/handoff).
 */
import { fitTransform, homeTransform, READABLE_ZOOM } from '../layout/home-view';
import { BOOT_PAINT_ID } from './handoff';
import { arrowMarker } from './paint-svg';
import type { BootPaint } from './protocol';

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';
const BTN = 'rounded border border-line bg-surface px-1.5 py-0.5 text-xs text-fg';

/**
 * The graph view's toolbar band as the app will render it for this graph (components/graph/
 * GraphView: same classes, same labels), hidden and inert: it is there only so the band gets the
 * app's height (the toolbar wraps on a narrow view), putting the picture where the app's cards
 * will be. e2e/cold-open.spec.ts checks the cards land on the app's to the pixel.
 */
function toolbarReplica(groups: number): string {
  const b = (label: string) => `<button type="button" class="${BTN}" tabindex="-1">${label}</button>`;
  return (
    '<div class="relative z-20 flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-surface px-2 py-1" data-testid="graph-boot-band">' +
    '<div class="flex flex-wrap items-center gap-1" style="visibility:hidden" inert>' +
    '<div class="relative"><input class="w-52 rounded border border-line bg-surface px-2 py-1 text-xs text-fg" type="search" tabindex="-1"></div>' +
    b('−') +
    b('+') +
    b('Fit') +
    b('Fit all') +
    (groups > 0 ? b(`Collapse blocks (${groups})`) : '') +
    b('Legend') +
    '</div>' +
    '<div class="absolute inset-0 flex items-center px-2 text-xs text-muted" data-testid="graph-boot-status">Loading the app…</div>' +
    '</div>'
  );
}

/** Puts the picture on screen; false when there is no graph view to cover (yet) or the app would frame it otherwise. */
export function paintBoot(p: BootPaint, doc: Document = document): boolean {
  const host = doc.querySelector<HTMLElement>('[data-testid=graph-view]');
  if (!host) return false;
  const r = host.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return false;
  const el = doc.createElement('div');
  el.id = BOOT_PAINT_ID;
  el.setAttribute('data-testid', 'graph-boot');
  el.setAttribute('data-node-count', String(p.nodeCount));
  el.setAttribute('data-drawn', String(p.drawn));
  el.setAttribute('aria-hidden', 'true');
  el.className = `${p.theme === 'dark' ? 'dark ' : ''}bg-canvas text-fg`;
  el.style.cssText = `position:fixed;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;z-index:30;pointer-events:none;overflow:hidden;display:flex;flex-direction:column`;
  el.innerHTML = toolbarReplica(p.groups);
  doc.body.appendChild(el);
  const band = (el.firstElementChild as HTMLElement).offsetHeight;
  const w = r.width;
  // The pane's height is the view's less the band and the legend (drawn by the app under the
  // graph, its height unknown here). A graph the app fits whole is framed by that height: drawn
  // by the app alone. A long graph starts at the top at a readable zoom, whatever the height.
  const hMax = r.height - band;
  const t = homeTransform(p.frame, p.direction, w, hMax, { x: 0, y: 0, k: 1 });
  const fitsWhole =
    fitTransform({ x: 0, y: 0, width: p.frame.width, height: p.frame.height }, w, hMax).k >= READABLE_ZOOM;
  if (p.direction !== 'DOWN' || fitsWhole || hMax <= 0) {
    el.remove();
    return false;
  }
  el.insertAdjacentHTML(
    'beforeend',
    `<svg width="100%" height="${hMax}" style="display:block;flex:none;font-family:${FONT.replace(/"/g, '&quot;')}">${arrowMarker(p.theme)}` +
      `<g transform="translate(${t.x},${t.y}) scale(${t.k})">${p.markup}</g></svg>`,
  );
  return true;
}
