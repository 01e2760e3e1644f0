import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../ir';
import { attrSpansOf } from '../../ir';
import { corpusAvailable, readCorpus } from '../../testing/corpus';
import { readCaffeJson } from '../json';
import { readCaffe, toCaffeJson } from './index';

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '{}<>[]:;,"\'\\#\n \t-.0123456789eExf_layertop\u0000\u00ff';

/** Deletes, inserts and duplicates a few random slices. */
function mutate(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * t.length);
    const kind = random();
    if (kind < 0.4) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 20));
    else if (kind < 0.8) t = t.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)] + t.slice(at);
    else t = t.slice(0, at) + t.slice(at, at + 200) + t.slice(at);
  }
  return t;
}

/** Every span must be inside the text, and its line:column must match its offset. */
function checkSpans(text: string, r: ReadResult): void {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const check = (s: { offset: number; length: number; line: number; column: number } | undefined) => {
    if (!s) return;
    expect(s.offset).toBeGreaterThanOrEqual(0);
    expect(s.offset + s.length).toBeLessThanOrEqual(text.length);
    const start = lineStarts[s.line - 1];
    expect(start).toBeDefined();
    // A BOM at offset 0 is not a column.
    expect(s.offset - start! + 1 - (s.line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0)).toBe(s.column);
  };
  for (const d of r.diagnostics) check(d.span);
  for (const n of r.graph.nodes) {
    check(n.span);
    check(n.nameSpan);
    for (const s of Object.values(attrSpansOf(n) ?? {})) check(s);
  }
}

describe.skipIf(!corpusAvailable())('readers on randomly damaged models', () => {
  const base = corpusAvailable() ? readCorpus('caffe', 'googlenet.prototxt').slice(0, 12_000) : '';

  it('readCaffe never throws, and every position it gives is consistent', () => {
    const random = rng(20261123);
    for (let i = 0; i < 300; i++) {
      const text = mutate(base, random);
      const r = readCaffe(text);
      expect(r.diagnostics.some((d) => d.message.startsWith('internal error'))).toBe(false);
      checkSpans(text, r);
    }
  });

  it('readCaffeJson never throws, and every position it gives is consistent', () => {
    const random = rng(7);
    const json = toCaffeJson(base, 1);
    for (let i = 0; i < 300; i++) {
      const text = mutate(json, random);
      const r = readCaffeJson(text);
      expect(r.diagnostics.some((d) => d.message.startsWith('internal error'))).toBe(false);
      checkSpans(text, r);
    }
  });
});
