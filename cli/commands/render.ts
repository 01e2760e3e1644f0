import type { BatchChoice } from '../../lib/analysis';
import { buildViewGraph } from '../../lib/layout/view-graph';
import { layoutFastNow } from '../../lib/layout/fast-view';
import { renderGraphSvg } from '../../lib/share/svg';
import { EXIT_MODEL_ERROR, EXIT_OK, readModelFile, UsageError, type CliIO } from '../io';
import { parseBatch, rejectUnknownFlag, walkArgs } from '../args';
import { analyzeFromText, formatDiagnostic } from './analyze';

export const RENDER_HELP = `usage: layerscope render FILE|- --svg OUT.svg [options]

Lays out the whole graph with the web page's own layout (the same positions as on screen:
layered, chains drawn straight, every node, in-place layers folded as badges) and writes it
as a standalone SVG: cards with name, type, output shape, MACs and params, edges labelled
with blob shapes. Layer names are escaped text; the file has no script.

options:
  --svg PATH            where to write the SVG ("-" for standard output)
  --direction down|right   layout flow (default down)
  --theme light|dark    colours (default light)
  --batch N|declared    analysis batch for the figures on the cards (default 1)

PNG: not available here. PNG export rasterises the SVG on a browser canvas; use the web app
(Share → PNG) or convert the SVG with any rasteriser (e.g. rsvg-convert, Inkscape).
exit status: 0 written (warnings allowed), 1 the model has errors (the SVG is still written),
2 usage error.
`;

interface RenderArgs {
  file: string;
  svg: string;
  direction: 'DOWN' | 'RIGHT';
  theme: 'light' | 'dark';
  batch: BatchChoice;
}

export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  let file: string | undefined;
  let svg: string | undefined;
  const args: Omit<RenderArgs, 'file' | 'svg'> = { direction: 'DOWN', theme: 'light', batch: 1 };
  walkArgs(argv, (flag, value, a) => {
    switch (flag) {
      case '--svg':
        svg = value();
        break;
      case '--png':
        throw new UsageError(
          '--png is browser-only: PNG export rasterises the SVG on a canvas. Write --svg and convert it ' +
            '(e.g. rsvg-convert out.svg -o out.png), or use Share → PNG in the web app',
        );
      case '--direction': {
        const v = value().toLowerCase();
        if (v !== 'down' && v !== 'right') throw new UsageError(`--direction must be down or right, got "${v}"`);
        args.direction = v === 'down' ? 'DOWN' : 'RIGHT';
        break;
      }
      case '--theme': {
        const v = value();
        if (v !== 'light' && v !== 'dark') throw new UsageError(`--theme must be light or dark, got "${v}"`);
        args.theme = v;
        break;
      }
      case '--batch':
        args.batch = parseBatch(value());
        break;
      default:
        rejectUnknownFlag(a);
        if (file !== undefined) throw new UsageError(`unexpected argument "${a}" (one FILE only)`);
        file = a;
    }
  });
  if (file === undefined) throw new UsageError('render needs a FILE (or - for standard input)');
  if (svg === undefined)
    throw new UsageError('render needs --svg OUT.svg (the only output format outside the browser)');
  return { file, svg, ...args };
}

/** `layerscope render FILE --svg OUT`: returns the exit code. */
export async function runRender(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseRenderArgs(argv);
  const text = await readModelFile(io, args.file);
  const result = analyzeFromText(text, { batch: args.batch, phase: 'TEST', stages: [], inputs: {} });
  // The page's own layout (lib/layout/fast-view), not ELK: the file shows the positions the user
  // saw on screen, deterministically, and needs no 3 MB layout engine.
  const graph = layoutFastNow(buildViewGraph(result), args.direction);
  const svg = renderGraphSvg(graph, { title: result.graph.name, theme: args.theme });
  if (args.svg === '-') io.stdout(svg);
  else {
    await io.writeFile(args.svg, svg);
    // Bytes as written (UTF-8: ×, → and non-Latin names take more than one), not string length.
    io.stderr(`wrote ${args.svg} (${Buffer.byteLength(svg)} bytes, ${result.layers.length} layers)\n`);
  }
  const name = args.file === '-' ? '<stdin>' : args.file;
  for (const d of result.diagnostics)
    if (d.severity !== 'info') io.stderr(formatDiagnostic(name, d, result.graph) + '\n');
  return result.diagnostics.some((d) => d.severity === 'error') ? EXIT_MODEL_ERROR : EXIT_OK;
}
