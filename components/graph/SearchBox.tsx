'use client';

import { useMemo, useState, type Ref } from 'react';

/** One searchable entry: a layer or an input. */
export interface SearchItem {
  name: string;
  type: string;
}

interface SearchBoxProps {
  items: readonly SearchItem[];
  query: string;
  onQuery(q: string): void;
  onPick(name: string): void;
  inputRef?: Ref<HTMLInputElement>;
}

const MAX_RESULTS = 12;

/** Items whose name or type contains the query (case-insensitive); name matches first. */
export function searchItems(items: readonly SearchItem[], query: string, limit = Infinity): SearchItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byName: SearchItem[] = [];
  const byType: SearchItem[] = [];
  for (const it of items) {
    if (it.name.toLowerCase().includes(q)) byName.push(it);
    else if (it.type.toLowerCase().includes(q)) byType.push(it);
    if (byName.length >= limit) break;
  }
  return [...byName, ...byType].slice(0, limit);
}

/** Find a layer by name or type; Enter / click jumps to it and selects it, arrows move through results. */
export function SearchBox({ items, query, onQuery, onPick, inputRef }: SearchBoxProps) {
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const results = useMemo(() => searchItems(items, query, MAX_RESULTS), [items, query]);
  const pick = (i: number) => {
    const r = results[i];
    if (!r) return;
    onPick(r.name);
    setActive(i);
    // The list closes on a pick (it would cover the toolbar's second row and the graph); the
    // arrow keys open it again to step to the next match.
    setOpen(false);
  };
  return (
    <div className="relative" onPointerDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder="Find layer (name or type)"
        aria-label="Find layer by name or type"
        data-testid="graph-search"
        className="w-52 rounded border border-line bg-surface px-2 py-1 text-xs text-fg outline-none focus:border-accent"
        onChange={(e) => {
          onQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(results.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(active);
          } else if (e.key === 'Escape') {
            onQuery('');
            setOpen(false);
          }
        }}
      />
      {open && query.trim() !== '' && (
        <ul
          role="listbox"
          data-testid="graph-search-results"
          className="absolute left-0 top-full z-20 mt-1 max-h-72 w-72 overflow-auto rounded border border-line bg-surface py-1 text-xs shadow-lg"
        >
          {results.length === 0 && <li className="px-2 py-1 text-muted">No layer matches</li>}
          {results.map((r, i) => (
            <li
              key={`${r.name}#${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex cursor-pointer justify-between gap-2 px-2 py-1 ${i === active ? 'bg-accent-soft' : 'hover:bg-raised'}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
            >
              <span className="truncate font-mono text-fg">{r.name}</span>
              <span className="shrink-0 text-muted">{r.type}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
