'use client';

/** Which older model the views show while the current text cannot be read. */
export interface StaleInfo {
  /** Model name of the version shown. */
  readonly name: string;
  readonly layers: number;
  /** When that version was read (Date.now()). */
  readonly at: number;
  /** Where the current text stops being readable, e.g. "syntax error at 12:5". */
  readonly why: string;
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** One sentence naming the version shown: `the previous version (“GoogLeNet”, 142 layers, read at 11:42:03)`. */
export function staleVersion(s: StaleInfo): string {
  return `the previous version (“${s.name || 'unnamed'}”, ${s.layers.toLocaleString('en-US')} layers, read at ${TIME.format(s.at)})`;
}

/**
 * The line every pane shows while it displays an older, readable version of the text: the
 * figures below are not the current text's. `pane` names the pane for tests and screen readers.
 */
export function StaleNote({ info, pane }: { info: StaleInfo; pane: string }) {
  return (
    <div
      className="shrink-0 border-b border-warn/50 bg-warn/10 px-2 py-0.5 text-[11px] text-warn"
      role="status"
      data-testid="stale-banner"
      data-pane={pane}
    >
      Showing {staleVersion(info)}: the current text has a {info.why}.
    </div>
  );
}
