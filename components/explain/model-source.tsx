'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { BatchChoice } from '@/lib/analysis';
import type { Shape } from '@/lib/ir';

/**
 * What the explanation panel needs from the page besides the analysis: the text exactly as in
 * the editor (the advisor rewrites it), the analysis settings (so its figures match the
 * inspector's) and a way to put a rewritten text into the editor as one undoable edit.
 */
export interface ModelSource {
  readonly text: string;
  readonly batch: BatchChoice;
  readonly inputs: Readonly<Record<string, Shape>>;
  /** Replaces the editor's text with `text` as one edit (Ctrl+Z restores the original). */
  apply(text: string): void;
}

const Ctx = createContext<ModelSource | null>(null);

/** Provides the model source to the explanation panel inside the inspector. */
export function ModelSourceProvider({ value, children }: { value: ModelSource; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The model source, or null where none is provided (the advisor is then read-only). */
export function useModelSource(): ModelSource | null {
  return useContext(Ctx);
}
