/**
 * The worker's half of the boot path (lib/boot/protocol): opens the share fragment exactly as the
 * workspace will (lib/boot/link), analyses it with the request the page would send first, and
 * posts a picture of the first view, then the analysis itself (which the app adopts, so it never
 * runs twice). The picture is drawn only when the page will show this very result the same way:
 * the link's default look (category colours, nothing selected, no input shapes to ask for).
 */
import { proposeGroups } from '../layout/groups';
import { buildViewGraph } from '../layout/view-graph';
import { layoutFastNow, SYNC_LAYOUT_NODES } from '../layout/fast-view';
import { handleAnalyze } from '../worker/handler';
import type { AnalyzeRequest, WorkerResponse } from '../worker/protocol';
import { isShowable, markAnalysis } from '../workspace/partial';
import { parseReadSettings } from '../workspace/read-settings';
import { openShareFragment, type OpenedLink } from './link';
import { bootMarkup } from './paint-svg';
import { BOOT_REQUEST_ID, type BootPaint, type BootRequest, type BootSkip } from './protocol';

/**
 * The analysis request the page sends first for this link (components/workspace/Workspace's
 * startBoot → startAnalysisEarly): the link's batch, no input overrides, the stored read settings.
 */
export function bootAnalyzeRequest(text: string, batch: number | 'declared', read: string | null): AnalyzeRequest {
  const { phase, lenient } = parseReadSettings(read);
  return {
    kind: 'analyze',
    id: BOOT_REQUEST_ID,
    text,
    batch,
    inputs: {},
    phase,
    ...(lenient ? { lenient: true } : {}),
  };
}

/** Answers a boot request: a picture (when honest), then the analysis result, or a skip. */
export function handleBoot(
  req: BootRequest,
  post: (msg: WorkerResponse | BootPaint | BootSkip) => void,
  now: () => number = () => performance.now(),
): WorkerResponse | null {
  const link = openShareFragment(req.fragment);
  if (link.kind !== 'text') {
    post({ kind: 'boot-skip', id: BOOT_REQUEST_ID });
    return null;
  }
  const res = handleAnalyze(bootAnalyzeRequest(link.text, link.view.batch, req.read), now);
  const paint = bootPicture(req, link, res, now(), now);
  if (paint) post(paint);
  return res;
}

/**
 * The picture of the first view of a boot analysis, or null when the page would show the result
 * differently (lib/boot/protocol BootRequest.paint, a selection, a heat map, input shapes to ask
 * for, a graph too large, left-to-right) or there is nothing to draw.
 */
export function bootPicture(
  req: BootRequest,
  link: Extract<OpenedLink, { kind: 'text' }>,
  res: WorkerResponse,
  analysed: number,
  now: () => number,
): BootPaint | null {
  const v = link.view;
  const plain = v.colorMode === 'category' && !v.selected && !(v.inputs && Object.keys(v.inputs).length > 0);
  if (
    res.kind !== 'result' ||
    !req.paint ||
    !plain ||
    res.inputNeeds ||
    res.tooLargeToDraw ||
    !isShowable(res.analysis)
  )
    return null;
  // The graph view draws the marked analysis (lib/workspace/partial), view graph and layout as here.
  const view = buildViewGraph(markAnalysis(res.analysis).analysis);
  // Left-to-right graphs are framed by the pane's height, unknown before the app has rendered.
  const direction = v.direction === 'LR' ? 'RIGHT' : 'DOWN';
  if (direction !== 'DOWN' || view.nodes.length === 0 || view.nodes.length > SYNC_LAYOUT_NODES) return null;
  const graph = layoutFastNow(view, direction);
  const reach = direction === 'DOWN' ? req.viewport.height : req.viewport.width;
  const { markup, drawn } = bootMarkup(graph, direction, req.theme, reach);
  const first = graph.nodes.reduce((best, n) => ((direction === 'DOWN' ? n.y < best.y : n.x < best.x) ? n : best));
  return {
    kind: 'boot-paint',
    id: BOOT_REQUEST_ID,
    markup,
    nodeCount: view.nodes.length,
    groups: proposeGroups(view).length,
    drawn,
    direction,
    theme: req.theme,
    frame: {
      width: graph.width,
      height: graph.height,
      nodes: [{ x: first.x, y: first.y, width: first.width, height: first.height }],
    },
    times: { analysed, drawn: now() },
  };
}
