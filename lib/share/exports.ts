/**
 * Download files for the per-layer table: CSV, Markdown and the CLI's JSON report, all
 * produced by lib/report so the UI and `layerscope analyze --format …` write the same bytes.
 */
import type { AnalysisResult } from '../analysis';
import { toCsv, toMarkdown, toReportJson } from '../report';

/** The table export formats. */
export type TableFormat = 'csv' | 'md' | 'json';

/** A file ready to download or write. */
export interface ExportFile {
  readonly filename: string;
  readonly mime: string;
  readonly content: string;
}

/** A file-system-safe base name from a model name (`ResNet-50` → `ResNet-50`, `a/b c` → `a_b_c`). */
export function exportBaseName(modelName: string): string {
  const base = modelName
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 80);
  return base || 'model';
}

const MIME: Record<TableFormat | 'svg', string> = {
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
};

/** The per-layer table of `analysis` as a file. */
export function exportTable(analysis: AnalysisResult, format: TableFormat): ExportFile {
  const base = exportBaseName(analysis.graph.name);
  const content =
    format === 'csv'
      ? toCsv(analysis)
      : format === 'md'
        ? toMarkdown(analysis)
        : JSON.stringify(toReportJson(analysis), null, 2) + '\n';
  return { filename: `${base}.layers.${format}`, mime: MIME[format], content };
}

/** An SVG document as a file. */
export function svgFile(modelName: string, svg: string): ExportFile {
  return { filename: `${exportBaseName(modelName)}.svg`, mime: MIME.svg, content: svg };
}
