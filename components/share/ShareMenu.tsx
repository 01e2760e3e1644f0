'use client';

/**
 * ShareMenu: "Share" button with a popover — copy a link that carries the model text and the
 * view in the URL fragment, and download the graph (SVG, PNG) or the per-layer table (CSV,
 * Markdown, JSON). Everything happens in the page; nothing is uploaded.
 *
 * Props: text (the editor text), view (selected layer, direction TB/LR, colour mode, batch),
 * analysis (null disables the exports), optional theme for the graph exports, optional
 * `compareWith` (B's text: the link then opens the compare view with both texts).
 * Test hooks: share-button, share-copy, share-link, share-confirm, share-error, export-{svg,png,csv,md,json}.
 */

import { useEffect, useRef, useState } from 'react';
import type { AnalysisResult } from '@/lib/analysis';
import { encodeShare, encodeShareBinary, type ShareView } from '@/lib/share/codec';
import { exportTable, svgFile, exportBaseName, type TableFormat } from '@/lib/share/exports';
import { pngLimitNote, svgToPng } from '@/lib/share/png';
import type { ColorMode } from '@/components/graph/heat';
import { detectFormat } from '@/lib/parse';
import { staleVersion, type StaleInfo } from '@/components/workspace/StaleNote';
import { copyText, downloadFile } from './download';
import { exportGraphSvg } from './export-svg';

/** Props of ShareMenu; see the file header. */
export interface ShareMenuProps {
  text: string;
  view: ShareView;
  analysis: AnalysisResult | null;
  theme?: 'light' | 'dark';
  /** When set, the link is a compare link carrying `text` as A and this as B. */
  compareWith?: string;
  /** Path the link opens (default: the current page). */
  path?: string;
  /** Set while the views (and so the exports) show an older version because the text cannot be read. */
  stale?: StaleInfo | null;
  /** Name-prefix blocks collapsed on screen: the graph exports collapse them too. */
  collapsed?: ReadonlySet<string>;
  /** Measured layer times, for the 'time' colour mode. */
  measuredMs?: Readonly<Record<string, number>>;
  /** An open binary model (ONNX): the link carries the file itself, when it is small enough. */
  binary?: { readonly bytes: Uint8Array; readonly name: string } | null;
}

const COLOR_MODES: readonly ColorMode[] = ['category', 'macs', 'params', 'memory', 'time'];

/**
 * Links longer than this get a warning and a file to send instead: chat apps and mail clients
 * cut messages at 2,000–4,000 characters and browsers' address bars choke on very long URLs.
 */
export const LONG_LINK_CHARS = 8_000;

/** The model text(s) as files to send instead of a long link: `.prototxt` or `.json` by format. */
export function modelFiles(
  props: Pick<ShareMenuProps, 'text' | 'compareWith'>,
  modelName: string | undefined,
): { filename: string; content: string }[] {
  const ext = (t: string) => (detectFormat(t) === 'caffe' ? 'prototxt' : 'json');
  const base = exportBaseName(modelName ?? 'model');
  if (props.compareWith === undefined) return [{ filename: `${base}.${ext(props.text)}`, content: props.text }];
  return [
    { filename: `${base}.A.${ext(props.text)}`, content: props.text },
    { filename: `${base}.B.${ext(props.compareWith)}`, content: props.compareWith },
  ];
}

/** Above this no link is made for a binary model (browsers cap URLs near 2 MB): only the file. */
export const MAX_BINARY_LINK_CHARS = 1_500_000;

const control =
  'h-7 whitespace-nowrap rounded border border-line bg-surface px-2 text-xs text-fg hover:border-accent focus:border-accent focus:outline-none disabled:opacity-40';

/** Builds the absolute share URL for the current origin. */
export function shareUrl(props: Pick<ShareMenuProps, 'text' | 'view' | 'compareWith' | 'path' | 'binary'>): string {
  const fragment = props.binary
    ? encodeShareBinary({ name: props.binary.name, bytes: props.binary.bytes, view: props.view })
    : props.compareWith !== undefined
      ? encodeShare({ kind: 'compare', a: props.text, b: props.compareWith, view: props.view })
      : encodeShare({ text: props.text, view: props.view });
  const path = props.path ?? location.pathname;
  return `${location.origin}${path}#${fragment}`;
}

export function ShareMenu(props: ShareMenuProps) {
  const { analysis, theme = 'light', stale } = props;
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const long = link !== null && link.length > LONG_LINK_CHARS;
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [pngNote, setPngNote] = useState<string | null>(null);
  // A binary model whose link is long or impossible: say so and offer the file.
  const [fileOffer, setFileOffer] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // A link describes one moment: any edit makes the shown link stale. The view is compared by
  // value because pages rebuild the object on every render.
  const viewKey = JSON.stringify(props.view);
  useEffect(() => {
    setLink(null);
    setConfirm(null);
    setFileOffer(null);
  }, [props.text, props.compareWith, viewKey, props.binary]);

  const copy = async () => {
    setError(null);
    const url = shareUrl(props);
    if (props.binary) {
      const chars = url.length.toLocaleString('en-US');
      if (url.length > MAX_BINARY_LINK_CHARS) {
        setLink(null);
        setConfirm(null);
        setFileOffer(
          `${props.binary.name} makes a ${chars}-character link, too long for any browser: send the file instead.`,
        );
        return;
      }
      setFileOffer(
        url.length > LONG_LINK_CHARS
          ? `The link carries all of ${props.binary.name} (${chars} characters): most chat and mail apps cut links this long. You can send the file instead.`
          : null,
      );
    }
    setLink(url);
    const ok = await copyText(url);
    const size = `${url.length.toLocaleString('en-US')} characters`;
    setConfirm(
      ok
        ? `Link copied to the clipboard (${size}).`
        : `Copy the link below (${size}); the clipboard was not available.`,
    );
    if (!ok) requestAnimationFrame(() => linkInput.current?.select());
  };

  const run = async (what: string, job: () => Promise<void> | void) => {
    setError(null);
    setBusy(what);
    try {
      await job();
    } catch (e) {
      setError(`${what} export failed: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  // The graph exports draw what the screen shows: its colour mode, collapsed blocks and theme.
  const screen = {
    theme,
    direction: (props.view.direction === 'LR' ? 'RIGHT' : 'DOWN') as 'RIGHT' | 'DOWN',
    colorMode: COLOR_MODES.find((m) => m === props.view.colorMode) ?? 'category',
    ...(props.collapsed ? { collapsed: props.collapsed } : {}),
    ...(props.measuredMs ? { measuredMs: props.measuredMs } : {}),
  };
  const svg = () =>
    run('SVG', async () => {
      if (!analysis) return;
      const f = svgFile(analysis.graph.name, await exportGraphSvg(analysis, screen));
      downloadFile(f.filename, f.content, f.mime);
    });
  const png = () =>
    run('PNG', async () => {
      if (!analysis) return;
      setPngNote(null);
      const r = await svgToPng(await exportGraphSvg(analysis, screen));
      setPngNote(pngLimitNote(r));
      downloadFile(`${exportBaseName(analysis.graph.name)}.png`, r.blob);
    });
  const downloadModel = () => {
    for (const f of modelFiles(props, analysis?.graph.name))
      downloadFile(f.filename, f.content, 'text/plain;charset=utf-8');
  };
  const table = (format: TableFormat) =>
    run(format.toUpperCase(), () => {
      if (!analysis) return;
      const f = exportTable(analysis, format);
      downloadFile(f.filename, f.content, f.mime);
    });

  return (
    <div className="relative shrink-0" ref={root}>
      <button className={control} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="share-button">
        Share ▾
      </button>
      {open && (
        <div
          className="absolute right-0 top-9 z-50 w-96 whitespace-normal rounded border border-line bg-raised p-3 text-xs shadow-xl"
          role="dialog"
          aria-label="Share and export"
        >
          {stale && (
            <p className="mb-2 rounded border border-warn/50 bg-warn/10 p-1.5 text-warn" data-testid="share-stale">
              The current text cannot be read ({stale.why}). The exports below show {staleVersion(stale)}; the link
              carries the current text as typed.
            </p>
          )}
          <div className="mb-1 font-semibold">Link</div>
          <p className="mb-2 text-muted">
            {props.binary
              ? `The file ${props.binary.name} (weights included) and the view travel in the link itself (compressed, after the #): nothing is uploaded. Only small models make practical links.`
              : `The model text${props.compareWith !== undefined ? 's of A and B' : ''} and the view travel in the link itself (compressed, after the #): nothing is uploaded.`}
          </p>
          <button className={control} onClick={() => void copy()} data-testid="share-copy">
            Copy link
          </button>
          {confirm && (
            <div className="mt-2 text-accent" role="status" data-testid="share-confirm">
              {confirm}
            </div>
          )}
          {long && link && !props.binary && (
            <div
              className="mt-2 rounded border border-warn/50 bg-warn/10 p-1.5 text-warn"
              role="alert"
              data-testid="share-long"
            >
              This link is {link.length.toLocaleString('en-US')} characters long: many chat apps and mail clients cut
              messages at 2,000–4,000 characters, which breaks the link. Send the model as a file instead:
              <button className={`${control} ml-1 mt-1`} onClick={downloadModel} data-testid="share-download-model">
                Download {props.compareWith !== undefined ? 'both models as files' : 'the model as a file'}
              </button>
            </div>
          )}
          {link && (
            <input
              ref={linkInput}
              className="mt-2 w-full rounded border border-line bg-surface px-1 font-mono text-[11px]"
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-link"
              aria-label="Share link"
            />
          )}
          {fileOffer && props.binary && (
            <div className="mt-2" data-testid="share-file-offer">
              <p className="text-danger">{fileOffer}</p>
              <button
                className={`${control} mt-1`}
                onClick={() => downloadFile(props.binary!.name, new Blob([props.binary!.bytes.slice()]))}
                data-testid="share-download-file"
              >
                Download {props.binary.name}
              </button>
            </div>
          )}
          <div className="mb-1 mt-3 font-semibold">
            Export
            {stale && (
              <span className="ml-1 font-normal text-warn" data-testid="export-stale">
                (of the previous version, “{stale.name || 'unnamed'}”)
              </span>
            )}
          </div>
          <div className="flex flex-wrap gap-1">
            <button
              className={control}
              disabled={!analysis || !!busy}
              onClick={() => void svg()}
              data-testid="export-svg"
            >
              {busy === 'SVG' ? 'SVG…' : 'Graph SVG'}
            </button>
            <button
              className={control}
              disabled={!analysis || !!busy}
              onClick={() => void png()}
              data-testid="export-png"
            >
              {busy === 'PNG' ? 'PNG…' : 'Graph PNG'}
            </button>
            <button
              className={control}
              disabled={!analysis || !!busy}
              onClick={() => void table('csv')}
              data-testid="export-csv"
            >
              Table CSV
            </button>
            <button
              className={control}
              disabled={!analysis || !!busy}
              onClick={() => void table('md')}
              data-testid="export-md"
            >
              Markdown
            </button>
            <button
              className={control}
              disabled={!analysis || !!busy}
              onClick={() => void table('json')}
              data-testid="export-json"
            >
              JSON
            </button>
          </div>
          <p className="mt-1 text-muted">
            Graph exports show what the screen shows: colours, collapsed blocks, legend, name and totals. PNG at 2×.
          </p>
          {pngNote && (
            <div className="mt-2 text-warn" role="status" data-testid="png-limited">
              {pngNote}
            </div>
          )}
          {!analysis && <div className="mt-2 text-muted">Exports are available once the model has been analysed.</div>}
          {error && (
            <div className="mt-2 text-danger" role="alert" data-testid="share-error">
              {error}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
