'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** Line height in px of the plain view (the same as the editor's). */
const LINE = 18;
/** Lines drawn above and below the visible ones. */
const OVERSCAN = 20;
/** Characters scanned for line breaks per slice of the line index (a few ms each). */
const SCAN_CHARS = 1 << 21;
/** A line longer than this is cut in the view (the text itself is untouched). */
const MAX_LINE_CHARS = 2000;

/**
 * Start offsets of the lines of `text`, built in slices of SCAN_CHARS so a 20 MB text never
 * holds the main thread for long; until it is complete the view shows the lines found so far.
 */
function useLineStarts(text: string): { starts: Int32Array; count: number; complete: boolean } {
  const [state, setState] = useState(() => ({
    starts: new Int32Array([0]),
    count: 1,
    complete: text.length === 0,
    text,
  }));
  useEffect(() => {
    let starts = new Int32Array(Math.max(16, Math.ceil(text.length / 40)));
    let count = 1;
    let pos = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const step = () => {
      const end = Math.min(text.length, pos + SCAN_CHARS);
      for (;;) {
        const nl = text.indexOf('\n', pos);
        if (nl === -1 || nl >= end) {
          pos = nl === -1 ? text.length : end;
          break;
        }
        if (count === starts.length) {
          const grown = new Int32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[count++] = nl + 1;
        pos = nl + 1;
      }
      const complete = pos >= text.length;
      setState({ starts, count, complete, text });
      if (!complete) timer = setTimeout(step, 0);
    };
    step();
    return () => {
      if (timer !== null) clearTimeout(timer);
    };
  }, [text]);
  return state.text === text ? state : { starts: new Int32Array([0]), count: 1, complete: false };
}

/** Props of PlainTextView. */
export interface PlainTextViewProps {
  text: string;
  /** A bar above the text (what this view is and how to leave it). */
  banner?: ReactNode;
  testId?: string;
}

/**
 * A read-only, virtualised view of a text: only the lines in view are in the DOM, so a 20 MB
 * model scrolls as lightly as a short one. Shown while the editor loads and instead of the editor
 * for texts too large for it to take without freezing the page.
 */
export function PlainTextView({ text, banner, testId = 'plain-text' }: PlainTextViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const { starts, count, complete } = useLineStarts(text);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(top / LINE) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / LINE) + OVERSCAN);
  const lines = useMemo(() => {
    const out: { n: number; text: string }[] = [];
    for (let i = first; i < last; i++) {
      const a = starts[i]!;
      const b = i + 1 < count ? starts[i + 1]! - 1 : text.length;
      const line = text.slice(a, Math.min(b, a + MAX_LINE_CHARS));
      out.push({ n: i + 1, text: b - a > MAX_LINE_CHARS ? `${line} …` : line });
    }
    return out;
  }, [first, last, starts, count, text]);
  const gutter = `${String(count).length + 1}ch`;
  return (
    <div className="flex h-full flex-col" data-testid={testId} data-lines={complete ? count : undefined}>
      {banner}
      <div
        ref={scroller}
        className="relative min-h-0 flex-1 overflow-auto bg-surface font-mono text-[12.5px] text-fg"
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="document"
        aria-label="Model text (read-only)"
      >
        <div style={{ height: count * LINE, position: 'relative', minWidth: '100%' }}>
          {lines.map((l) => (
            <div
              key={l.n}
              className="absolute left-0 flex whitespace-pre"
              style={{ top: (l.n - 1) * LINE, height: LINE, lineHeight: `${LINE}px` }}
            >
              <span className="shrink-0 select-none pr-3 text-right text-muted" style={{ width: gutter }}>
                {l.n}
              </span>
              <span>{l.text}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
