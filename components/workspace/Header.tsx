'use client';
import { useState, type ReactNode } from 'react';
import type { BatchChoice } from '@/lib/analysis';
import { PRESETS } from '@/lib/presets';
import type { ColorMode } from '@/components/graph/GraphView';
import { SHORTCUTS } from './shortcuts';
import { BYTE_UNITS } from '@/components/ui/format';
import { OpenFileButton } from '@/components/onnx/OpenFileButton';

/** Props of the workspace header bar. */
export interface HeaderProps {
  onPreset(id: string): void;
  batch: BatchChoice;
  declaredBatch: number | null;
  onBatch(b: BatchChoice): void;
  direction: 'DOWN' | 'RIGHT';
  onDirection(d: 'DOWN' | 'RIGHT'): void;
  colorMode: ColorMode;
  onColorMode(m: ColorMode): void;
  theme: 'light' | 'dark';
  onTheme(): void;
  helpOpen: boolean;
  onHelp(open: boolean): void;
  status: ReactNode;
  share?: ReactNode;
  /** Opens a model file (ONNX or text); shows the Open… button. */
  onOpenFile?(file: File): void;
  /** Caffe read options (phase, lenient), shown after the batch control. */
  readOptions?: ReactNode;
}

const control =
  'h-7 rounded border border-line bg-surface px-2 text-xs text-fg hover:border-accent focus:border-accent focus:outline-none';

/** Title, presets, batch, graph view options, theme, shortcuts help and status. */
export function Header(p: HeaderProps) {
  const [customBatch, setCustomBatch] = useState('8');
  const batchMode = p.batch === 'declared' ? 'declared' : p.batch === 1 ? '1' : 'n';
  return (
    <header className="flex h-10 shrink-0 items-center gap-2 whitespace-nowrap border-b border-line bg-surface px-3">
      <h1 className="mr-2 shrink-0 text-sm font-semibold tracking-tight">
        <span className="text-accent">▚</span> Layerscope
      </h1>
      {/* Fixed widths: a native select is as wide as its longest option, and the two menus took
          ~430 px of a 1280 px header, pushing the status and the shortcuts button out of view. */}
      <select
        className={`${control} w-28`}
        value=""
        onChange={(e) => e.target.value && p.onPreset(e.target.value)}
        aria-label="Open a built-in model"
        data-testid="preset-menu"
      >
        <option value="">Models…</option>
        <optgroup label="Networks">
          {PRESETS.filter((x) => x.kind === 'model').map((x) => (
            <option key={x.id} value={x.id} title={x.description}>
              {x.title}
            </option>
          ))}
        </optgroup>
        <optgroup label="Convolution demos">
          {PRESETS.filter((x) => x.kind === 'demo').map((x) => (
            <option key={x.id} value={x.id} title={x.description}>
              {x.title}
            </option>
          ))}
        </optgroup>
      </select>
      {p.onOpenFile && <OpenFileButton onFile={p.onOpenFile} className={control} />}

      <label
        className="ml-2 flex items-center gap-1 text-xs text-muted"
        title="Analysis batch: figures are for one forward pass at this batch"
      >
        Batch
        <select
          className={control}
          value={batchMode}
          data-testid="batch-mode"
          onChange={(e) => {
            const v = e.target.value;
            if (v === '1') p.onBatch(1);
            else if (v === 'declared') p.onBatch('declared');
            else p.onBatch(Math.max(1, Number(customBatch) || 1));
          }}
        >
          <option value="1">1 (per image)</option>
          <option value="declared">declared ({p.declaredBatch ?? 'none'})</option>
          <option value="n">N…</option>
        </select>
        {batchMode === 'n' && (
          <input
            type="number"
            min={1}
            value={customBatch}
            data-testid="batch-n"
            aria-label="Batch size"
            onChange={(e) => {
              setCustomBatch(e.target.value);
              const n = Math.floor(Number(e.target.value));
              if (Number.isFinite(n) && n >= 1) p.onBatch(n);
            }}
            className={`${control} w-16`}
          />
        )}
      </label>

      {p.readOptions}

      <div className="ml-2 flex items-center gap-1 text-xs text-muted">
        <button
          className={control}
          onClick={() => p.onDirection(p.direction === 'DOWN' ? 'RIGHT' : 'DOWN')}
          title="Layout direction"
          data-testid="direction-toggle"
        >
          {p.direction === 'DOWN' ? '↓ top-down' : '→ left-right'}
        </button>
        <select
          className={`${control} w-40`}
          value={p.colorMode}
          onChange={(e) => p.onColorMode(e.target.value as ColorMode)}
          aria-label="Node colours"
          data-testid="color-mode"
        >
          <option value="category">Colour: layer kind</option>
          <option value="macs">Heat: MACs</option>
          <option value="params">Heat: params</option>
          <option value="memory">Heat: activation memory</option>
          <option value="time">Heat: measured time</option>
        </select>
      </div>

      <div className="ml-auto flex min-w-0 items-center gap-2 [&>*:not([data-testid=status])]:shrink-0">
        <span className="min-w-0 truncate text-xs text-muted" data-testid="status">
          {p.status}
        </span>
        {p.share}
        <button
          className={control}
          onClick={p.onTheme}
          title="Switch theme (Shift+Alt+T)"
          aria-label="Switch theme"
          data-testid="theme-toggle"
        >
          {p.theme === 'dark' ? '☾ Dark' : '☀ Light'}
        </button>
        <div className="relative">
          <button
            className={control}
            onClick={() => p.onHelp(!p.helpOpen)}
            aria-expanded={p.helpOpen}
            title="Keyboard shortcuts (?)"
            data-testid="help-button"
          >
            ⌨ ?
          </button>
          {p.helpOpen && (
            <div
              className="absolute right-0 top-9 z-50 w-80 whitespace-normal rounded border border-line bg-raised p-3 text-xs shadow-xl"
              role="dialog"
              aria-label="Keyboard shortcuts"
              data-testid="help-popover"
            >
              <h2 className="mb-2 font-semibold">Keyboard shortcuts</h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                {SHORTCUTS.map((s) => (
                  <div key={s.id} className="contents">
                    <dt>
                      <kbd className="rounded border border-line bg-surface px-1 font-mono">{s.keys}</kbd>
                    </dt>
                    <dd>{s.label}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-2 text-muted">
                In the editor: Ctrl+Space completes layer types and fields; hover a type for its formula. Ctrl+M
                switches Tab between indenting and moving the focus on (to the graph and the table: arrow keys move
                through its rows); the editor&apos;s corner shows which.
              </p>
              <p className="mt-2 text-muted" data-testid="help-units">
                Units: bytes use SI prefixes everywhere ({BYTE_UNITS}); counts use k, M, G (base 1,000). Memory assumes
                fp32, 4 bytes per value.
              </p>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
