'use client';
import type * as MonacoNs from 'monaco-editor';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Diagnostic, SourceSpan } from '@/lib/ir';
import { loadMonaco, type Monaco } from './load-monaco';
import { PROTOTXT, registerLanguages } from './prototxt-language';
import { ONNX_TEXT, registerOnnxLanguage } from './onnx-language';

/** Monaco language id of an editor language. */
const languageId = (l: ModelEditorProps['language']) => (l === 'json' ? 'json' : l === 'onnx' ? ONNX_TEXT : PROTOTXT);

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
  /** An external replacement (preset, shared link): applied once per `seq`, undoable. */
  replace?: { readonly text: string; readonly seq: number } | null;
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

  useEffect(() => {
    let cancelled = false;
    loadMonaco().then(
      (m) => {
        if (cancelled || !host.current) return;
        registerLanguages(m);
        registerOnnxLanguage(m);
        const p = latest.current;
        const model = m.editor.createModel(p.value, languageId(p.language));
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
  }, []);

  // External text (preset, link): replace the content but keep undo history. Keyed by seq, not by
  // comparing texts: while the user types, the text prop lags the model by a keystroke or more,
  // and "fixing" that lag would throw away what was just typed.
  const applied = useRef<number | null>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    const r = props.replace;
    if (!editor || !model || !r || applied.current === r.seq) return;
    applied.current = r.seq;
    if (model.getValue() === r.text) return;
    editor.executeEdits('external', [{ range: model.getFullModelRange(), text: r.text }]);
    editor.pushUndoStop();
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
    if (monaco && model) monaco.editor.setModelMarkers(model, 'layerscope', toMarkers(model, props.diagnostics));
  }, [props.diagnostics, monaco]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!monaco || !editor || !model || !decorations.current) return;
    const span = props.highlight;
    if (!span || span.offset > model.getValueLength()) {
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
  }, [props.highlight, monaco]);

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

  return (
    <div className="relative h-full w-full" data-testid="editor">
      <div ref={host} className="absolute inset-0" data-testid="editor-host" />
      {!monaco && !loadError && (
        <div className="absolute inset-0 flex items-center justify-center text-muted">Loading editor…</div>
      )}
      {loadError && (
        // The editor could not load: a plain text area keeps the model editable and analysed.
        <div className="absolute inset-0 flex flex-col">
          <div className="bg-danger/10 px-2 py-1 text-xs text-danger">
            Editor failed to load ({loadError}); plain text mode.
          </div>
          <textarea
            defaultValue={props.value}
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
