'use client';
import type * as MonacoNs from 'monaco-editor';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Diagnostic, SourceSpan } from '@/lib/ir';
import { loadMonaco, type Monaco } from './load-monaco';
import { PlainTextView } from './PlainTextView';

/** Monaco language id of Caffe prototxt (prototxt-language.ts registers it; that module loads with Monaco, off the first paint). */
const PROTOTXT = 'prototxt';
/** Monaco language id of the read-only ONNX text form (onnx-language.ts registers it, also with Monaco). */
const ONNX_TEXT = 'onnx-text';

/** Monaco language id of an editor language. */
const languageId = (l: ModelEditorProps['language']) => (l === 'json' ? 'json' : l === 'onnx' ? ONNX_TEXT : PROTOTXT);

/**
 * Texts longer than this (characters) are shown in a plain read-only view instead of Monaco:
 * Monaco takes a 2 MB text in main-thread tasks of 0.5–2 s (line index, rendering, tokenising,
 * markers), so a 30,000-layer model or a pasted 5 MB file would freeze the page. The user can
 * still open such a text in the editor on purpose.
 */
export const LARGE_TEXT_CHARS = 1_000_000;

/** Imperative actions the workspace triggers (keyboard shortcuts, selection from the graph). */
export interface ModelEditorHandle {
  format(): void;
  focus(): void;
  /** Moves the cursor to a span and scrolls it into view. */
  reveal(span: SourceSpan): void;
}

/** Props of the model editor. */
export interface ModelEditorProps {
  /** The initial text. Later changes of this prop are the editor's own edits coming back and are ignored. */
  value: string;
  /**
   * An external replacement (preset, shared link, an advisor rewrite): applied once per `seq` as
   * one undoable edit. `keepView` edits only the changed range and keeps the scroll position (a
   * rewrite of one layer), instead of replacing everything and scrolling to the top.
   */
  replace?: { readonly text: string; readonly seq: number; readonly keepView?: boolean } | null;
  onChange(text: string): void;
  language: 'prototxt' | 'json' | 'onnx';
  /** The text is a view of a binary model (ONNX): it cannot be edited. */
  readOnly?: boolean;
  theme: 'light' | 'dark';
  diagnostics: readonly Diagnostic[];
  /** Span of the selected layer, highlighted in the gutter and background. */
  highlight: SourceSpan | null;
  /** Reports the cursor offset when the user moves it (not when reveal() moves it). */
  onCursor?(offset: number): void;
  /**
   * Hold Monaco back while true (the page's first graph is not painted yet): its scripts take the
   * main thread for ~0.7 s, which would sit in front of the first paint. The text is shown
   * read-only meanwhile.
   */
  deferLoad?: boolean;
}

const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

/** Monaco markers for diagnostics at their exact spans; diagnostics without a span have no marker. */
function toMarkers(
  model: MonacoNs.editor.ITextModel,
  diagnostics: readonly Diagnostic[],
): MonacoNs.editor.IMarkerData[] {
  const max = model.getValueLength();
  const markers: MonacoNs.editor.IMarkerData[] = [];
  for (const d of diagnostics) {
    if (!d.span) continue;
    const startOffset = Math.min(d.span.offset, max);
    const start = model.getPositionAt(startOffset);
    const end = model.getPositionAt(Math.min(startOffset + Math.max(1, d.span.length), max));
    markers.push({
      severity: SEVERITY[d.severity],
      message: d.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.lineNumber === start.lineNumber && end.column === start.column ? start.column + 1 : end.column,
      source: 'layerscope',
    });
  }
  return markers;
}

/** The Monaco editor, self-hosted and loaded on the client only. */
export const ModelEditor = forwardRef<ModelEditorHandle, ModelEditorProps>(function ModelEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const editorRef = useRef<MonacoNs.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<MonacoNs.editor.IEditorDecorationsCollection | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const revealing = useRef(false);
  // Monaco's Tab-focus mode (Ctrl+M): when on, Tab leaves the editor, so keyboard users can reach the graph and table.
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const tabOn = useRef(false);
  const toggleTabFocus = useRef(() => {
    const editor = editorRef.current;
    if (!editor) return;
    tabOn.current = !tabOn.current;
    editor.updateOptions({ tabFocusMode: tabOn.current });
    setTabMovesFocus(tabOn.current);
  });
  // A text too large for Monaco, shown in the plain view instead (null: Monaco shows the text).
  const [large, setLarge] = useState<string | null>(() => (props.value.length > LARGE_TEXT_CHARS ? props.value : null));
  const largeRef = useRef(large);
  largeRef.current = large;
  const wanted = !props.deferLoad && large === null;
  const [requested, setRequested] = useState(false);
  if (wanted && !requested) setRequested(true);

  useEffect(() => {
    if (!requested) return;
    let cancelled = false;
    // The language support (completion and hover from the op schema, all of lib/ops) comes with
    // Monaco rather than in the page's first script.
    Promise.all([loadMonaco(), import('./prototxt-language'), import('./onnx-language')]).then(
      ([m, { registerLanguages }, { registerOnnxLanguage }]) => {
        if (cancelled || !host.current) return;
        registerLanguages(m);
        registerOnnxLanguage(m);
        const p = latest.current;
        const model = m.editor.createModel(largeRef.current ?? p.value, languageId(p.language));
        const editor = m.editor.create(host.current, {
          model,
          theme: p.theme === 'dark' ? 'layerscope-dark' : 'layerscope-light',
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 12.5,
          lineHeight: 18,
          scrollBeyondLastLine: false,
          tabSize: 2,
          folding: true,
          foldingStrategy: 'auto',
          renderLineHighlight: 'line',
          fixedOverflowWidgets: true,
          wordBasedSuggestions: 'off',
          quickSuggestions: { other: true, comments: false, strings: true },
        });
        editorRef.current = editor;
        decorations.current = editor.createDecorationsCollection();
        // Our own Ctrl+M: Monaco's built-in toggle flips a global flag no API can read, so the
        // indicator could not show it. The editor option does the same job and is ours to read.
        editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyM, () => toggleTabFocus.current());
        editor.onDidChangeModelContent(() => latest.current.onChange(editor.getValue()));
        editor.onDidChangeCursorPosition((e) => {
          if (revealing.current || e.source === 'api' || e.source === 'modelChange') return;
          const offset = editor.getModel()?.getOffsetAt(e.position);
          if (offset !== undefined) latest.current.onCursor?.(offset);
        });
        setMonaco(m);
      },
      (err: Error) => !cancelled && setLoadError(err.message),
    );
    return () => {
      cancelled = true;
      const editor = editorRef.current;
      editorRef.current = null;
      editor?.getModel()?.dispose();
      editor?.dispose();
    };
  }, [requested]);

  // A paste larger than LARGE_TEXT_CHARS never reaches Monaco: the pasted text replaces the
  // selection here and the result goes to the plain view (and to the analysis, as any edit).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const onPaste = (e: ClipboardEvent) => {
      if (!(e.target instanceof Node) || !el.contains(e.target)) return;
      const pasted = e.clipboardData?.getData('text/plain') ?? '';
      const editor = editorRef.current;
      const model = editor?.getModel();
      const sel = editor?.getSelection();
      if (!model || !sel) return;
      const from = model.getOffsetAt(sel.getStartPosition());
      const to = model.getOffsetAt(sel.getEndPosition());
      if (model.getValueLength() - (to - from) + pasted.length <= LARGE_TEXT_CHARS) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const current = model.getValue();
      const next = current.slice(0, from) + pasted + current.slice(to);
      // Out of the paste event, and in two tasks: the plain view first, then the page's own
      // update for the new text (analysis request, re-render), so neither lengthens the other.
      setTimeout(() => {
        setLarge(next);
        setTimeout(() => latest.current.onChange(next), 0);
      }, 0);
    };
    // On the window, capturing: Monaco listens for paste above its own text area too, so a
    // listener on the editor's element would run after Monaco had already taken the text.
    window.addEventListener('paste', onPaste, true);
    return () => window.removeEventListener('paste', onPaste, true);
  }, []);

  // Opening the large text in the editor anyway (the user asked for it).
  const openInEditor = () => {
    const text = large;
    if (text === null) return;
    setLarge(null);
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor && model && model.getValue() !== text) {
      editor.executeEdits('external', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    }
  };

  // External text (preset, link): replace the content but keep undo history. Keyed by seq, not by
  // comparing texts: while the user types, the text prop lags the model by a keystroke or more,
  // and "fixing" that lag would throw away what was just typed.
  const applied = useRef<number | null>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    const r = props.replace;
    if (!r || applied.current === r.seq) return;
    if (r.text.length > LARGE_TEXT_CHARS) {
      applied.current = r.seq;
      setLarge(r.text);
      return;
    }
    if (largeRef.current !== null && r.text !== largeRef.current) setLarge(null);
    if (!editor || !model) return;
    applied.current = r.seq;
    const old = model.getValue();
    if (old === r.text) return;
    // Monaco refuses edits while read-only, and this may run before the read-only flag follows the
    // new content (closing an ONNX text form, opening one): the flag is set again below.
    editor.updateOptions({ readOnly: false });
    // A stop first, so the edit is never merged into the user's last typing: one Ctrl+Z undoes exactly it.
    editor.pushUndoStop();
    if (r.keepView && monaco) {
      let a = 0;
      const max = Math.min(old.length, r.text.length);
      while (a < max && old.charCodeAt(a) === r.text.charCodeAt(a)) a++;
      let b = 0;
      while (b < max - a && old.charCodeAt(old.length - 1 - b) === r.text.charCodeAt(r.text.length - 1 - b)) b++;
      const start = model.getPositionAt(a);
      const end = model.getPositionAt(old.length - b);
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      editor.executeEdits('external', [{ range, text: r.text.slice(a, r.text.length - b) }]);
      editor.pushUndoStop();
      editor.updateOptions({ readOnly: !!latest.current.readOnly });
      editor.revealLineInCenterIfOutsideViewport(start.lineNumber);
      return;
    }
    editor.executeEdits('external', [{ range: model.getFullModelRange(), text: r.text }]);
    editor.pushUndoStop();
    editor.updateOptions({ readOnly: !!latest.current.readOnly });
    editor.setScrollTop(0);
  }, [props.replace, monaco]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (monaco && model) monaco.editor.setModelLanguage(model, languageId(props.language));
  }, [props.language, monaco]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: !!props.readOnly });
  }, [props.readOnly, monaco]);

  useEffect(() => {
    monaco?.editor.setTheme(props.theme === 'dark' ? 'layerscope-dark' : 'layerscope-light');
  }, [props.theme, monaco]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    // A large text is not in Monaco: its diagnostics' positions mean nothing there (and thousands of
    // markers for 5 MB of garbage cost Monaco seconds of rendering). The problems list shows them.
    if (monaco && model)
      monaco.editor.setModelMarkers(model, 'layerscope', large !== null ? [] : toMarkers(model, props.diagnostics));
  }, [props.diagnostics, monaco, large]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!monaco || !editor || !model || !decorations.current) return;
    const span = props.highlight;
    if (!span || large !== null || span.offset > model.getValueLength()) {
      decorations.current.clear();
      return;
    }
    const start = model.getPositionAt(span.offset);
    const end = model.getPositionAt(Math.min(span.offset + span.length, model.getValueLength()));
    decorations.current.set([
      {
        range: new monaco.Range(start.lineNumber, 1, end.lineNumber, 1),
        options: { isWholeLine: true, className: 'ls-selected-line', linesDecorationsClassName: 'ls-selected-gutter' },
      },
    ]);
  }, [props.highlight, monaco, large]);

  useImperativeHandle(
    ref,
    () => ({
      format() {
        void editorRef.current?.getAction('editor.action.formatDocument')?.run();
      },
      focus() {
        editorRef.current?.focus();
      },
      reveal(span) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        const pos = model.getPositionAt(Math.min(span.offset, model.getValueLength()));
        revealing.current = true;
        editor.setPosition(pos);
        editor.revealPositionInCenterIfOutsideViewport(pos);
        revealing.current = false;
      },
    }),
    [],
  );

  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  return (
    <div
      className="relative h-full w-full"
      data-testid="editor"
      data-mode={large !== null ? 'large' : monaco ? 'editor' : 'loading'}
    >
      <div ref={host} className={`absolute inset-0 ${large !== null ? 'invisible' : ''}`} data-testid="editor-host" />
      {monaco && large === null && (
        <button
          type="button"
          className={`absolute bottom-1 right-4 z-10 rounded border px-1.5 py-px text-[10px] leading-4 ${
            tabMovesFocus ? 'border-accent bg-accent-soft text-fg' : 'border-line bg-surface/90 text-muted'
          }`}
          onClick={() => toggleTabFocus.current()}
          title="Ctrl+M switches what Tab does in the editor: indent, or move the focus on to the graph and table"
          aria-pressed={tabMovesFocus}
          data-testid="tab-focus"
          data-on={tabMovesFocus ? 'true' : 'false'}
        >
          {tabMovesFocus ? 'Tab moves focus · Ctrl+M' : 'Tab indents · Ctrl+M to move focus'}
        </button>
      )}
      {large !== null && (
        <div className="absolute inset-0">
          <PlainTextView
            text={large}
            testId="editor-large"
            banner={
              <div
                className="flex items-center gap-2 border-b border-line bg-accent-soft px-2 py-1 text-xs"
                role="status"
              >
                <span>{`Large text (${mb(large.length)}): shown read-only so the page stays responsive; the analysis uses all of it.`}</span>
                <button
                  type="button"
                  className="ml-auto rounded border border-line bg-surface px-1.5 py-0.5 hover:bg-raised"
                  onClick={openInEditor}
                >
                  Edit in the editor (slow)
                </button>
              </div>
            }
          />
        </div>
      )}
      {!monaco && !loadError && large === null && (
        // The text, read-only, until the editor has loaded (it loads after the first graph paint).
        <div className="absolute inset-0">
          <PlainTextView
            text={props.value}
            testId="editor-loading"
            banner={<div className="border-b border-line px-2 py-0.5 text-xs text-muted">Loading editor…</div>}
          />
        </div>
      )}
      {loadError && (
        // The editor could not load: a plain text area keeps the model editable and analysed.
        <div className="absolute inset-0 flex flex-col">
          <div className="bg-danger/10 px-2 py-1 text-xs text-danger">
            Editor failed to load ({loadError}); plain text mode.
          </div>
          <textarea
            defaultValue={props.value}
            readOnly={props.readOnly}
            onChange={(e) => props.onChange(e.target.value)}
            spellCheck={false}
            className="min-h-0 flex-1 resize-none bg-surface p-2 font-mono text-xs text-fg outline-none"
            data-testid="editor-fallback"
          />
        </div>
      )}
    </div>
  );
});
