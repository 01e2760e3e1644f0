'use client';
import type { ReactNode } from 'react';

/** One tab: id, label, content. */
export interface TabDef {
  id: string;
  label: ReactNode;
  content: ReactNode;
}

/** A compact tab strip; inactive panels are not rendered. */
export function Tabs({
  tabs,
  active,
  onChange,
  right,
}: {
  tabs: TabDef[];
  active: string;
  onChange(id: string): void;
  right?: ReactNode;
}) {
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div className="flex h-full min-h-0 flex-col bg-surface">
      <div role="tablist" className="flex h-8 shrink-0 items-stretch gap-0.5 border-b border-line px-1">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={t.id === current?.id}
            data-testid={`tab-${t.id}`}
            onClick={() => onChange(t.id)}
            className={`px-3 text-xs font-medium ${
              t.id === current?.id
                ? 'border-b-2 border-accent text-fg'
                : 'border-b-2 border-transparent text-muted hover:text-fg'
            }`}
          >
            {t.label}
          </button>
        ))}
        <div className="ml-auto flex items-center">{right}</div>
      </div>
      <div role="tabpanel" className="relative min-h-0 flex-1 overflow-hidden">
        {current?.content}
      </div>
    </div>
  );
}
