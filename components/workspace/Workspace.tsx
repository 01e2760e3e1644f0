'use client';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchChoice } from '@/lib/analysis';
import type { Diagnostic, Shape, SourceSpan } from '@/lib/ir';
import type { InputNeed } from '@/lib/workspace/input-suggestions';
import { fieldInputs } from '@/lib/workspace/field-inputs';
import { detectFormat } from '@/lib/parse/detect-format';
import { getPreset } from '@/lib/presets';
import { parseLocation } from '@/lib/share/location';
import { LARGE_TEXT_CHARS, ModelEditor, type ModelEditorHandle } from '@/components/editor/ModelEditor';
import { ShareMenu } from '@/components/share/ShareMenu';
import { GraphView, type ColorMode, type GraphViewHandle, type LayoutStatus } from '@/components/graph/GraphView';
import { LayerTable } from '@/components/table/LayerTable';
import { InspectorFrame } from '@/components/summary/InspectorFrame';
import { ModelSourceProvider } from '@/components/explain/model-source';
import { SplitPane } from '@/components/ui/SplitPane';
import { Tabs } from '@/components/ui/Tabs';
import { Header } from './Header';
import { resolveInitialText, resolveInitialTextSync, type InitialText } from './initial-text';
import { ProblemsList } from './ProblemsList';
import { matchShortcut } from './shortcuts';
import { readStorage, STORAGE_KEYS, writeStorage } from './storage';
import { AnalysisStatus } from './AnalysisStatus';
import { startAnalysisEarly, useAnalysis } from './use-analysis';
import { layerAtOffset } from './selection';
import { ExtraTabs } from './extra-tabs';
import { markAnalysis } from '@/lib/workspace/partial';
import { pageDiagnostics } from '@/lib/workspace/page-message';
import { InputBanner } from './InputBanner';
import { ShapeField } from './ShapeField';
import type { NodeOverlay } from '@/components/graph/GraphCanvas';
import { StaleNote, type StaleInfo } from './StaleNote';
import { readSavedInputs, saveInputs } from './saved-inputs';
import { Inspector, prefetchPanels, SummaryPanel } from './lazy-panels';
import { parseReadSettings, READ_SETTINGS_KEY, ReadOptionsControl, useReadSettings } from './ReadOptionsControl';
import type { BinaryModel } from '@/lib/worker/protocol';
import { openModelFile } from '@/components/onnx/open-file';
import { useFileDrop } from '@/components/onnx/use-file-drop';
import { BinaryBanner } from '@/components/onnx/BinaryBanner';
import { DimsBar } from '@/components/onnx/DimsBar';

const SAVE_DELAY_MS = 300;
/** Monaco loads after the first graph paint, or this long after the first analysis answered when no graph comes (errors, nothing to draw). */
const EDITOR_LOAD_FALLBACK_MS = 3000;
const EMPTY_INPUTS: Readonly<Record<string, Shape>> = Object.freeze({});
const EMPTY_NEEDS: readonly InputNeed[] = Object.freeze([]);

/** The first text and the saved one, resolved while the page's script is evaluated. */
interface Boot {
  readonly initial: InitialText;
  readonly saved: string | null;
}
let boot: Boot | null = null;

/**
 * A cold open's critical path starts here, before React hydrates: the text to open is resolved
 * (a share or preset link needs no waiting) and its analysis starts in the worker at once, so
 * the worker's start-up and the analysis run beside hydration rather than after it.
 */
function startBoot(): void {
  const saved = readStorage(STORAGE_KEYS.text);
  const initial = resolveInitialTextSync(location.hash, location.search, saved);
  if (!initial) return;
  boot = { initial, saved };
  // With the read settings the page will use (stored), so the hook takes this request over as is.
  const read = parseReadSettings(readStorage(READ_SETTINGS_KEY));
  // A link's text is what the boot script's worker is already analysing (lib/boot).
  const target = parseLocation(location.hash, location.search);
  const link = initial.source === 'link' && target.kind === 'share' ? target.fragment : null;
  startAnalysisEarly({ text: initial.text, batch: initial.view?.batch ?? 1, inputs: EMPTY_INPUTS, ...read }, link);
}
if (typeof window !== 'undefined') startBoot();

/** The boot's result, once (React's strict mode runs the startup effect twice in development). */
function takeBoot(): Boot | null {
  const b = boot;
  boot = null;
  return b;
}

const NO_DIMS: Readonly<Record<string, number>> = Object.freeze({});

/** The page a user meets: editor, graph, inspector, table and summary of one model, live. */
export function Workspace() {
  const [text, setText] = useState<string | null>(null);
  const [replace, setReplace] = useState<{ text: string; seq: number; keepView?: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchChoice>(1);
  const [inputs, setInputs] = useState<Readonly<Record<string, Shape>>>(EMPTY_INPUTS);
  const [selected, setSelected] = useState<string | null>(null);
  const [direction, setDirection] = useState<'DOWN' | 'RIGHT'>('DOWN');
  const [colorMode, setColorMode] = useState<ColorMode>('category');
  // Collapsed name-prefix blocks of the graph, kept here beside colorMode so exports can draw what the screen shows.
  const [collapsedBlocks, setCollapsedBlocks] = useState<ReadonlySet<string>>(() => new Set());
  // Monaco loads once the first graph is painted (or EDITOR_LOAD_FALLBACK_MS after the first
  // analysis answered without one), off the first paint's path.
  const [graphPainted, setGraphPainted] = useState(false);
  const onGraphLayout = useCallback((s: LayoutStatus) => {
    if ((s.state === 'done' && s.nodes > 0) || s.state === 'error' || s.state === 'cancelled') setGraphPainted(true);
  }, []);
  useEffect(() => {
    if (graphPainted) prefetchPanels();
  }, [graphPainted]);
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [helpOpen, setHelpOpen] = useState(false);
  const [tab, setTab] = useState('layers');
  const [measured, setMeasured] = useState<Record<string, number> | null>(null);
  const [runDiagnostics, setRunDiagnostics] = useState<Diagnostic[]>([]);
  // An open binary model (ONNX): analysed in place of the text, shown as a read-only text form.
  const [binary, setBinary] = useState<BinaryModel | null>(null);
  const binaryRef = useRef<BinaryModel | null>(null);
  binaryRef.current = binary;
  const [dims, setDims] = useState<Readonly<Record<string, number>>>(NO_DIMS);
  const editor = useRef<ModelEditorHandle>(null);
  const graph = useRef<GraphViewHandle>(null);
  // The newest text, set wherever the text changes (not during render: a render of an older,
  // still-pending text must not make the unload save write it).
  const textRef = useRef<string | null>(null);

  // Startup: link / preset / ?url= / saved text / default preset, once (usually resolved already
  // while the script was evaluated, see `boot` below).
  useEffect(() => {
    setTheme(document.documentElement.classList.contains('dark') ? 'dark' : 'light');
    let cancelled = false;
    const early = takeBoot();
    const saved = early ? early.saved : readStorage(STORAGE_KEYS.text);
    const apply = (r: InitialText) => {
      if (cancelled) return;
      // Opening a link must not destroy what the user typed before: keep a copy.
      if (r.source !== 'saved' && saved && saved !== r.text) writeStorage(`${STORAGE_KEYS.text}.previous`, saved);
      textRef.current = r.text;
      setText(r.text);
      if (r.binary) setBinary(r.binary);
      if (r.notice) setNotice(r.notice);
      // Input shapes the user set travel with the text: in the link, or saved beside the saved text.
      const shapes = r.view?.inputs ?? (r.source === 'saved' ? readSavedInputs() : null);
      if (shapes) setInputs(shapes);
      if (r.view) {
        setBatch(r.view.batch);
        setDirection(r.view.direction === 'LR' ? 'RIGHT' : 'DOWN');
        if (['category', 'macs', 'params', 'memory', 'time'].includes(r.view.colorMode))
          setColorMode(r.view.colorMode as ColorMode);
        if (r.view.selected) setSelected(r.view.selected);
      }
    };
    if (early) apply(early.initial);
    else void resolveInitialText(location.hash, location.search, saved, (url, init) => fetch(url, init)).then(apply);
    return () => {
      cancelled = true;
    };
  }, []);

  // Debounced save, plus a synchronous save when the page goes away: nothing typed is lost.
  useEffect(() => {
    if (text === null) return;
    const t = setTimeout(() => {
      // A text past the editor's size limit is saved when the page goes away only: one
      // localStorage write of a few MB holds the main thread for a second or more.
      if (text.length <= LARGE_TEXT_CHARS) writeStorage(STORAGE_KEYS.text, text);
      saveInputs(inputs);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, inputs]);
  useEffect(() => {
    const flush = () => textRef.current !== null && writeStorage(STORAGE_KEYS.text, textRef.current);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
  const toggleTheme = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      writeStorage(STORAGE_KEYS.theme, next);
      return next;
    });
  }, []);

  const [readSettings, setReadSettings] = useReadSettings();
  const state = useAnalysis(text, batch, inputs, readSettings, binary, dims);
  const { submitText } = state;
  // The fallback counts from the first answer, not from the page's start: on a slow or loaded
  // machine a timer from the start fired before the graph had painted and put Monaco's
  // scripts in its way.
  const answered = state.latest !== null || state.failure !== null;
  useEffect(() => {
    if (!answered) return;
    const t = setTimeout(() => setGraphPainted(true), EDITOR_LOAD_FALLBACK_MS);
    return () => clearTimeout(t);
  }, [answered]);
  const onEdit = useCallback(
    (v: string) => {
      // A binary model's text form is read-only: its replacement in the editor is not an edit.
      if (binaryRef.current) return;
      // The worker gets the text first; the page's re-render for it (language, share state, the
      // editor's props) is a transition, so the analysis result can interrupt it and reach the
      // screen without waiting behind it.
      submitText(v);
      textRef.current = v;
      startTransition(() => setText(v));
    },
    [submitText],
  );
  // A result of another model than the one open (a text while a file opens, a closed file) is never shown.
  const current = (r: typeof state.latest) => (r && r.binaryId === binary?.id ? r : null);
  const latestResult = current(state.latest);
  const goodResult = current(state.good);
  const latest = latestResult?.analysis ?? null;
  // Honest partial results (lib/workspace/partial): the newest text is shown whenever it can be
  // read, errors and all; only unreadable text leaves the previous version up, and then says so.
  const stale = !!latest && !!goodResult && goodResult !== latestResult;
  const shownResult = goodResult ?? latestResult;
  const marked = useMemo(() => (shownResult ? markAnalysis(shownResult.analysis) : null), [shownResult]);
  const shown = marked?.analysis ?? null;
  const staleInfo = useMemo<StaleInfo | null>(() => {
    if (!stale || !goodResult || !latest) return null;
    const syntax = latest.diagnostics.find((d) => d.syntax);
    const why = syntax
      ? `syntax error${syntax.span ? ` at ${syntax.span.line}:${syntax.span.column}` : ''}`
      : 'no layers that could be read';
    return {
      name: goodResult.analysis.graph.name,
      layers: goodResult.analysis.layers.length,
      at: state.goodAt ?? 0,
      why,
    };
  }, [stale, goodResult, state.goodAt, latest]);
  const needs = stale ? EMPTY_NEEDS : (latestResult?.inputNeeds ?? EMPTY_NEEDS);
  // The table also offers the field for a guessed input shape (its warning points there) and a set one.
  const tableNeeds = useMemo(
    () => (stale || !latest ? needs : fieldInputs(latest.graph, needs, latest.diagnostics, inputs)),
    [stale, latest, needs, inputs],
  );
  const diagnostics = useMemo(
    () =>
      pageDiagnostics(
        runDiagnostics.length ? [...(latest?.diagnostics ?? []), ...runDiagnostics] : (latest?.diagnostics ?? []),
        inputs,
      ),
    [latest, runDiagnostics, inputs],
  );
  const language = binary ? 'onnx' : text !== null && detectFormat(text) !== 'caffe' ? 'json' : 'prototxt';

  // The editor shows the open binary model's text form (from its analysis), and the text model again when it closes.
  const sourceText = binary ? latest?.graph.sourceText : undefined;
  useEffect(() => {
    if (sourceText !== undefined) setReplace((r) => ({ text: sourceText, seq: (r?.seq ?? 0) + 1 }));
  }, [sourceText]);
  const openFile = useCallback(async (file: File) => {
    let opened;
    try {
      opened = await openModelFile(file);
    } catch (err) {
      setNotice(`${file.name} could not be read: ${(err as Error).message}`);
      return;
    }
    setInputs(EMPTY_INPUTS);
    setDims(NO_DIMS);
    setSelected(null);
    if (opened.kind === 'binary') {
      setBinary(opened.model);
      return;
    }
    setBinary(null);
    textRef.current = opened.text;
    setText(opened.text);
    setReplace((r) => ({ text: opened.text, seq: (r?.seq ?? 0) + 1 }));
  }, []);
  const closeBinary = useCallback(() => {
    setBinary(null);
    setDims(NO_DIMS);
    setSelected(null);
    const t = textRef.current ?? '';
    setReplace((r) => ({ text: t, seq: (r?.seq ?? 0) + 1 }));
  }, []);
  const dropping = useFileDrop(openFile);
  const onDim = useCallback((name: string, value: number | null) => {
    setDims((prev) => {
      const next = { ...prev };
      if (value === null) delete next[name];
      else next[name] = value;
      return next;
    });
  }, []);

  const selectedSpan = useMemo<SourceSpan | null>(() => {
    if (!selected || !latest) return null;
    const node = latest.graph.nodes.find((n) => n.name === selected);
    return node?.span ?? null;
  }, [selected, latest]);

  /** Selection from the graph, table or inspector: also moves the editor cursor to the layer. */
  const selectFromView = useCallback(
    (name: string | null) => {
      setSelected(name);
      if (!name || !latest) return;
      const node = latest.graph.nodes.find((n) => n.name === name);
      const span = node?.nameSpan ?? node?.span;
      if (span) editor.current?.reveal(span);
    },
    [latest],
  );
  const selectFromTable = useCallback(
    (name: string) => {
      selectFromView(name);
      graph.current?.focusNode(name);
    },
    [selectFromView],
  );
  const onCursor = useCallback(
    (offset: number) => {
      if (!latest) return;
      const name = layerAtOffset(latest.graph.nodes, offset);
      if (name) {
        setSelected(name);
        graph.current?.focusNode(name);
      }
    },
    [latest],
  );

  const loadPreset = useCallback((id: string) => {
    const p = getPreset(id);
    if (!p) return;
    setBinary(null);
    setInputs(EMPTY_INPUTS);
    setSelected(null);
    textRef.current = p.text;
    setText(p.text);
    setReplace((r) => ({ text: p.text, seq: (r?.seq ?? 0) + 1 }));
  }, []);

  // The advisor's rewrites: one undoable edit of the changed range; selection and inputs stay.
  const applyText = useCallback((t: string) => {
    textRef.current = t;
    setText(t);
    setReplace((r) => ({ text: t, seq: (r?.seq ?? 0) + 1, keepView: true }));
  }, []);
  const modelSource = useMemo(
    () => ({ text: text ?? '', batch, inputs, apply: applyText }),
    [text, batch, inputs, applyText],
  );

  const onOverride = useCallback((name: string, shape: Shape | null) => {
    setInputs((prev) => {
      const next = { ...prev };
      if (shape) next[name] = shape;
      else delete next[name];
      return next;
    });
  }, []);
  // The same shape field on the graph: under the card of each input the file gives no shape for
  // (a Data layer's card carries the layer's name, a net-level input's card the input's).
  const nodeOverlay = useMemo<NodeOverlay | undefined>(() => {
    if (needs.length === 0) return undefined;
    const byCard = new Map(needs.map((n) => [n.layer ?? n.name, n.name]));
    return {
      names: new Set(byCard.keys()),
      render: (card) => {
        const name = byCard.get(card)!;
        return (
          <div className="w-40 rounded bg-surface/90 shadow-sm">
            <ShapeField
              name={name}
              value={inputs[name] ?? null}
              onCommit={(s) => onOverride(name, s)}
              compact
              testId="graph-shape"
            />
          </div>
        );
      },
    };
  }, [needs, inputs, onOverride]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing =
        !!el &&
        (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || !!el.closest('.monaco-editor'));
      const id = matchShortcut(e, typing);
      if (!id) {
        if (e.key === 'Escape') setHelpOpen(false);
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      if (id === 'format') editor.current?.format();
      else if (id === 'fit') graph.current?.fit();
      else if (id === 'search') graph.current?.focusSearch();
      else if (id === 'theme') toggleTheme();
      else if (id === 'help') setHelpOpen((o) => !o);
    };
    // Capture phase: Monaco swallows keys it knows (Shift+Alt+F) before they bubble to window.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [toggleTheme]);

  const status = state.failure ? (
    <span className="text-danger" data-testid="status-failure">
      {state.failure}
    </span>
  ) : (
    <AnalysisStatus timing={state.timing} layers={state.latest?.analysis.layers.length ?? null} />
  );

  const tooLarge = state.good?.tooLargeToDraw ?? state.latest?.tooLargeToDraw ?? false;

  return (
    <div className="flex h-full flex-col" data-testid="workspace">
      <Header
        onPreset={loadPreset}
        onOpenFile={openFile}
        batch={batch}
        declaredBatch={shown?.declaredBatch ?? null}
        onBatch={setBatch}
        direction={direction}
        onDirection={setDirection}
        colorMode={colorMode}
        onColorMode={setColorMode}
        theme={theme}
        onTheme={toggleTheme}
        helpOpen={helpOpen}
        onHelp={setHelpOpen}
        status={status}
        // Caffe phase and schema leniency mean nothing for an opened ONNX model.
        readOptions={binary ? null : <ReadOptionsControl value={readSettings} onChange={setReadSettings} />}
        share={
          <ShareMenu
            text={text ?? ''}
            binary={binary}
            analysis={shown}
            theme={theme}
            view={{
              direction: direction === 'RIGHT' ? 'LR' : 'TB',
              colorMode,
              batch,
              ...(selected ? { selected } : {}),
              ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
            }}
            stale={staleInfo}
            collapsed={collapsedBlocks}
            {...(measured ? { measuredMs: measured } : {})}
          />
        }
      />
      {dropping && (
        <div
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-accent-soft/80 text-lg font-semibold text-fg"
          data-testid="drop-overlay"
        >
          Drop a model file to open it (ONNX, prototxt, JSON)
        </div>
      )}
      {shown?.dims && shown.dims.length > 0 && <DimsBar dims={shown.dims} onDim={onDim} onBatch={setBatch} />}
      {notice && (
        <div
          className="flex items-center gap-2 border-b border-line bg-accent-soft px-3 py-1 text-xs"
          role="status"
          data-testid="notice"
        >
          <span>{notice}</span>
          <button className="ml-auto text-muted hover:text-fg" onClick={() => setNotice(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      <div className="min-h-0 flex-1">
        <SplitPane
          direction="horizontal"
          initial={0.36}
          min={0.2}
          max={0.7}
          storageKey={STORAGE_KEYS.editorSplit}
          testId="main-split"
          first={
            <div className="flex h-full flex-col">
              {binary && <BinaryBanner model={binary} onClose={closeBinary} />}
              <div className="min-h-0 flex-1">
                {text !== null && (
                  <ModelEditor
                    readOnly={!!binary}
                    ref={editor}
                    value={text}
                    replace={replace}
                    onChange={onEdit}
                    language={language}
                    theme={theme}
                    diagnostics={diagnostics}
                    highlight={selectedSpan}
                    onCursor={onCursor}
                    deferLoad={!graphPainted && !state.failure && !tooLarge}
                  />
                )}
              </div>
              <ProblemsList
                diagnostics={diagnostics}
                onJump={(span) => editor.current?.reveal(span)}
                stale={stale}
                failure={state.failure}
              />
            </div>
          }
          second={
            <div className="flex h-full min-h-0 flex-col">
              <InputBanner needs={needs} overrides={inputs} onOverride={onOverride} />
              <div className="min-h-0 flex-1">
                <SplitPane
                  direction="vertical"
                  initial={0.58}
                  min={0.2}
                  max={0.85}
                  storageKey={STORAGE_KEYS.graphSplit}
                  first={
                    <div className="flex h-full min-h-0">
                      <div className="relative flex min-w-0 flex-1 flex-col">
                        {staleInfo && <StaleNote info={staleInfo} pane="graph" />}
                        <div className="relative min-h-0 flex-1">
                          <GraphView
                            ref={graph}
                            analysis={shown}
                            selected={selected}
                            onSelect={selectFromView}
                            direction={direction}
                            colorMode={colorMode}
                            {...(measured ? { measuredMs: measured } : {})}
                            tooLarge={tooLarge}
                            theme={theme}
                            collapsed={collapsedBlocks}
                            onCollapsedChange={setCollapsedBlocks}
                            onLayout={onGraphLayout}
                            {...(nodeOverlay ? { nodeOverlay } : {})}
                            className="h-full w-full"
                          />
                        </div>
                      </div>
                      <InspectorFrame
                        storageKey={STORAGE_KEYS.inspectorWidth}
                        header={staleInfo && <StaleNote info={staleInfo} pane="inspector" />}
                      >
                        <ModelSourceProvider value={modelSource}>
                          <Inspector analysis={shown} selected={selected} onSelect={selectFromView} />
                        </ModelSourceProvider>
                      </InspectorFrame>
                    </div>
                  }
                  second={
                    <Tabs
                      active={tab}
                      onChange={setTab}
                      tabs={[
                        {
                          id: 'layers',
                          label: `Layers${shown ? ` (${shown.layers.length})` : ''}`,
                          content: (
                            <PaneWithNote info={staleInfo} pane="table">
                              <LayerTable
                                analysis={shown}
                                selected={selected}
                                onSelect={selectFromTable}
                                inputFields={{ needs: tableNeeds, overrides: inputs, onOverride }}
                              />
                            </PaneWithNote>
                          ),
                        },
                        {
                          id: 'summary',
                          label: 'Summary',
                          content: (
                            <PaneWithNote info={staleInfo} pane="summary">
                              <SummaryPanel
                                analysis={shown}
                                overrides={inputs}
                                onOverride={onOverride}
                                unknownLayers={marked?.unknown ?? 0}
                              />
                            </PaneWithNote>
                          ),
                        },
                        ...ExtraTabs({
                          text: text ?? '',
                          analysis: shown,
                          onMeasured: setMeasured,
                          onDiagnostics: setRunDiagnostics,
                          binary,
                          dims,
                          selected,
                        }),
                      ]}
                    />
                  }
                />
              </div>
            </div>
          }
        />
      </div>
    </div>
  );
}

/** A pane's content under the note that it shows an older version (when it does). */
function PaneWithNote({ info, pane, children }: { info: StaleInfo | null; pane: string; children: React.ReactNode }) {
  if (!info) return <>{children}</>;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <StaleNote info={info} pane={pane} />
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
