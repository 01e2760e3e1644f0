'use client';

/**
 * The compare view (/compare): editors A and B, totals side by side with deltas, the B graph
 * coloured by change with removed layers listed, and the per-layer diff table — all live as
 * either side is edited. The share link carries both texts.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchChoice } from '@/lib/analysis';
import { diffAnalyses, diffHeadline } from '@/lib/diff';
import type { Shape, SourceSpan } from '@/lib/ir';
import { detectFormat } from '@/lib/parse/detect-format';
import { getPreset, PRESETS } from '@/lib/presets';
import type { ShareView } from '@/lib/share/codec';
import { ModelEditor, type ModelEditorHandle } from '@/components/editor/ModelEditor';
import { ShareMenu } from '@/components/share/ShareMenu';
import { SplitPane } from '@/components/ui/SplitPane';
import { readStorage, STORAGE_KEYS, writeStorage } from '@/components/workspace/storage';
import { useAnalysis } from '@/components/workspace/use-analysis';
import { readSavedInputs } from '@/components/workspace/saved-inputs';
import { OpenFileButton } from '@/components/onnx/OpenFileButton';
import { openModelFile } from '@/components/onnx/open-file';
import type { BinaryModel } from '@/lib/worker/protocol';
import { COMPARE_KEYS, resolveCompareInitial } from './compare-model';
import { DiffGraph } from './DiffGraph';
import { DiffTable } from './DiffTable';
import { TotalsCompare } from './TotalsCompare';

const EMPTY_INPUTS: Readonly<Record<string, Shape>> = Object.freeze({});
const SAVE_DELAY_MS = 300;
const control =
  'h-7 shrink-0 whitespace-nowrap rounded border border-line bg-surface px-2 text-xs text-fg hover:border-accent focus:border-accent focus:outline-none';

function PresetSelect({ label, onPick, testId }: { label: string; onPick(id: string): void; testId: string }) {
  return (
    <select
      className={`${control} max-w-32`}
      value=""
      onChange={(e) => e.target.value && onPick(e.target.value)}
      aria-label={label}
      data-testid={testId}
    >
      <option value="">{label}</option>
      {PRESETS.map((p) => (
        <option key={p.id} value={p.id} title={p.description}>
          {p.title}
        </option>
      ))}
    </select>
  );
}

function EditorPane(props: {
  side: 'A' | 'B';
  caption: string;
  text: string;
  onChange(t: string): void;
  theme: 'light' | 'dark';
  diagnostics: Parameters<typeof ModelEditor>[0]['diagnostics'];
  highlight: SourceSpan | null;
  editorRef?: React.Ref<ModelEditorHandle>;
  /** An opened binary model (ONNX) on this side, and its text form once read. */
  binary?: BinaryModel | null;
  sourceText?: string | undefined;
}) {
  const errors = props.diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <div className="flex h-full flex-col" data-testid={`compare-editor-${props.side}`}>
      <div className="flex h-6 shrink-0 items-center gap-2 border-b border-line bg-raised px-2 text-xs">
        <span className="font-semibold">{props.side}</span>
        <span className="text-muted">{props.caption}</span>
        {errors > 0 && (
          <span className="ml-auto text-danger" data-testid={`compare-errors-${props.side}`}>
            {errors} error{errors === 1 ? '' : 's'}
          </span>
        )}
      </div>
      <div className="min-h-0 flex-1">
        <ModelEditor
          // A binary model's read-only text form is a new editor per file (and once its text arrives).
          key={props.binary ? `bin:${props.binary.id}:${props.sourceText !== undefined}` : 'text'}
          ref={props.editorRef}
          value={props.binary ? (props.sourceText ?? `# reading ${props.binary.name}…`) : props.text}
          onChange={props.binary ? () => {} : props.onChange}
          readOnly={!!props.binary}
          language={props.binary ? 'onnx' : detectFormat(props.text) !== 'caffe' ? 'json' : 'prototxt'}
          theme={props.theme}
          diagnostics={props.diagnostics}
          highlight={props.highlight}
        />
      </div>
    </div>
  );
}

export function ComparePage() {
  const [texts, setTexts] = useState<{ a: string; b: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchChoice>(1);
  const [direction, setDirection] = useState<'DOWN' | 'RIGHT'>('DOWN');
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [selected, setSelected] = useState<string | null>(null);
  // Input shapes set in the workspace (or carried by the link) apply to both sides: A and B are versions of one model.
  const [inputs, setInputs] = useState<Readonly<Record<string, Shape>>>(EMPTY_INPUTS);
  // Set when the advisor opened this page on a rewrite (`?rewrite=KIND:LAYER`): B is that rewrite.
  const [rewrite, setRewrite] = useState<string | null>(null);
  const editorB = useRef<ModelEditorHandle>(null);
  // Binary models (ONNX) opened on either side: analysed instead of that side's text.
  const [bins, setBins] = useState<{ a: BinaryModel | null; b: BinaryModel | null }>({ a: null, b: null });

  // Opening: from the link, a preset, ?url=, or what was saved. Runs again when only the
  // fragment changes (a pasted link on this page does not reload it).
  useEffect(() => {
    setTheme(document.documentElement.classList.contains('dark') ? 'dark' : 'light');
    setRewrite(new URLSearchParams(location.search).get('rewrite'));
    let generation = 0;
    const load = () => {
      const mine = ++generation;
      const saved = {
        a: readStorage(COMPARE_KEYS.a),
        b: readStorage(COMPARE_KEYS.b),
        workspace: readStorage(STORAGE_KEYS.text),
      };
      void resolveCompareInitial(location.hash, location.search, saved, (url, init) => fetch(url, init)).then((r) => {
        if (mine !== generation) return;
        setTexts({ a: r.a, b: r.b });
        setNotice(r.notice ?? null);
        setSelected(r.view?.selected ?? null);
        setInputs(r.view?.inputs ?? (r.source === 'workspace' ? readSavedInputs() : null) ?? EMPTY_INPUTS);
        if (r.view) {
          setBatch(r.view.batch);
          setDirection(r.view.direction === 'LR' ? 'RIGHT' : 'DOWN');
        }
      });
    };
    load();
    window.addEventListener('hashchange', load);
    return () => {
      generation++;
      window.removeEventListener('hashchange', load);
    };
  }, []);

  useEffect(() => {
    if (!texts) return;
    const t = setTimeout(() => {
      writeStorage(COMPARE_KEYS.a, texts.a);
      writeStorage(COMPARE_KEYS.b, texts.b);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [texts]);

  const stateA = useAnalysis(texts?.a ?? '', batch, inputs, undefined, bins.a);
  const stateB = useAnalysis(texts?.b ?? '', batch, inputs, undefined, bins.b);
  // A result of another model than the side's open one is never compared.
  const mine = (s: typeof stateA, bin: BinaryModel | null) => {
    const r = s.good ?? s.latest;
    return r && r.binaryId === bin?.id ? r.analysis : null;
  };
  const a = mine(stateA, bins.a);
  const b = mine(stateB, bins.b);
  const openSide = useCallback(async (side: 'a' | 'b', file: File) => {
    try {
      const opened = await openModelFile(file);
      if (opened.kind === 'binary') setBins((s) => ({ ...s, [side]: opened.model }));
      else {
        setBins((s) => ({ ...s, [side]: null }));
        setTexts((s) => (s ? { ...s, [side]: opened.text } : s));
      }
    } catch (err) {
      setNotice(`${file.name} could not be read: ${(err as Error).message}`);
    }
  }, []);
  const diff = useMemo(() => (a && b ? diffAnalyses(a, b) : null), [a, b]);

  const setA = useCallback((t: string) => setTexts((s) => (s ? { ...s, a: t } : s)), []);
  const setB = useCallback((t: string) => setTexts((s) => (s ? { ...s, b: t } : s)), []);
  const pick = (side: 'a' | 'b', id: string) => {
    const p = getPreset(id);
    if (!p) return;
    setBins((s) => ({ ...s, [side]: null }));
    setTexts((s) => (s ? { ...s, [side]: p.text } : s));
  };

  const selectedSpan = useMemo<SourceSpan | null>(() => {
    if (!selected || !b) return null;
    return b.graph.nodes.find((n) => n.name === selected)?.span ?? null;
  }, [selected, b]);
  const onSelect = useCallback(
    (name: string) => {
      setSelected(name);
      const node = b?.graph.nodes.find((n) => n.name === name);
      const span = node?.nameSpan ?? node?.span;
      if (span) editorB.current?.reveal(span);
    },
    [b],
  );

  const view: ShareView = {
    ...(selected ? { selected } : {}),
    direction: direction === 'RIGHT' ? 'LR' : 'TB',
    colorMode: 'category',
    batch,
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
  };
  const failure = stateA.failure ?? stateB.failure;

  return (
    <div className="flex h-full flex-col" data-testid="compare-page">
      <header className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-surface px-3">
        <h1 className="mr-1 shrink-0 whitespace-nowrap text-sm font-semibold tracking-tight">
          <a href="/" className="hover:underline">
            <span className="text-accent">▚</span> Layerscope
          </a>{' '}
          <span className="font-normal text-muted">· compare</span>
        </h1>
        <PresetSelect label="A: model…" onPick={(id) => pick('a', id)} testId="compare-preset-a" />
        <PresetSelect label="B: model…" onPick={(id) => pick('b', id)} testId="compare-preset-b" />
        <OpenFileButton
          className={control}
          label="A: open…"
          testId="compare-open-a"
          onFile={(f) => void openSide('a', f)}
        />
        <OpenFileButton
          className={control}
          label="B: open…"
          testId="compare-open-b"
          onFile={(f) => void openSide('b', f)}
        />
        <button
          className={control}
          onClick={() => setTexts((s) => (s ? { ...s, b: s.a } : s))}
          data-testid="compare-copy-a"
          title="Replace B by a copy of A"
        >
          B ← copy of A
        </button>
        <select
          className={control}
          value={batch === 'declared' ? 'declared' : String(batch)}
          onChange={(e) => setBatch(e.target.value === 'declared' ? 'declared' : Number(e.target.value))}
          aria-label="Analysis batch"
        >
          <option value="1">batch 1</option>
          <option value="declared">declared batch</option>
          {typeof batch === 'number' && batch !== 1 && <option value={String(batch)}>batch {batch}</option>}
        </select>
        <button
          className={control}
          onClick={() => setDirection((d) => (d === 'DOWN' ? 'RIGHT' : 'DOWN'))}
          title="Layout direction"
        >
          {direction === 'DOWN' ? '↓ top-down' : '→ left-right'}
        </button>
        <span className="ml-auto min-w-0 truncate text-xs text-muted" data-testid="compare-headline">
          {failure ? <span className="text-danger">{failure}</span> : diff ? diffHeadline(diff) : 'Analysing…'}
        </span>
        <ShareMenu
          text={texts?.a ?? ''}
          compareWith={texts?.b ?? ''}
          view={view}
          analysis={b}
          theme={theme}
          path="/compare"
        />
      </header>
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
          storageKey="layerscope.split.compare"
          first={
            texts && (
              <SplitPane
                direction="vertical"
                initial={0.5}
                min={0.15}
                max={0.85}
                storageKey="layerscope.split.compare-editors"
                first={
                  <EditorPane
                    side="A"
                    caption="original"
                    text={texts.a}
                    onChange={setA}
                    theme={theme}
                    diagnostics={a?.diagnostics ?? []}
                    highlight={null}
                    binary={bins.a}
                    sourceText={bins.a ? a?.graph.sourceText : undefined}
                  />
                }
                second={
                  <EditorPane
                    side="B"
                    caption={rewrite ? `advisor rewrite ${rewrite} — the graph shows B` : 'edited — the graph shows B'}
                    text={texts.b}
                    onChange={setB}
                    theme={theme}
                    diagnostics={b?.diagnostics ?? []}
                    highlight={selectedSpan}
                    editorRef={editorB}
                    binary={bins.b}
                    sourceText={bins.b ? b?.graph.sourceText : undefined}
                  />
                }
              />
            )
          }
          second={
            <SplitPane
              direction="vertical"
              initial={0.6}
              min={0.2}
              max={0.85}
              storageKey="layerscope.split.compare-graph"
              first={
                <div className="flex h-full min-h-0 flex-col">
                  <div className="shrink-0 border-b border-line bg-surface py-1">
                    <TotalsCompare diff={diff} />
                  </div>
                  <div className="min-h-0 flex-1">
                    <DiffGraph
                      analysis={b}
                      diff={diff}
                      direction={direction}
                      theme={theme}
                      selected={selected}
                      onSelect={onSelect}
                    />
                  </div>
                </div>
              }
              second={<DiffTable diff={diff} theme={theme} selected={selected} onSelect={onSelect} />}
            />
          }
        />
      </div>
    </div>
  );
}
