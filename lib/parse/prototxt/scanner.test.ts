import { describe, expect, it } from 'vitest';
import { parsePrototxt } from './parser';

/**
 * The scanner hands back one cached string for repeated identifiers and short strings. These
 * tests make the cache collide and overflow and check that every value is still exactly the
 * text written, so a caching bug cannot silently rename a field or a blob.
 */
describe('scanner string cache', () => {
  it('returns exactly the written identifiers and strings across thousands of distinct values', () => {
    const n = 9000; // more than the cache's slots: collisions and evictions are certain
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      // Same length, similar characters: the hardest case for a hash of the characters.
      const id = `f${i.toString(36).padStart(4, '0')}`;
      lines.push(`${id}: "s_${i.toString(36).padStart(4, 'a')}_${'x'.repeat(i % 20)}" e: E${i % 97}`);
    }
    const text = lines.join('\n');
    for (let pass = 0; pass < 2; pass++) {
      // The second pass reads values the first one cached (or evicted).
      const { root, diagnostics } = parsePrototxt(text);
      expect(diagnostics).toEqual([]);
      expect(root.fields).toHaveLength(2 * n);
      for (let i = 0; i < n; i++) {
        const f = root.fields[2 * i]!;
        expect(f.name).toBe(`f${i.toString(36).padStart(4, '0')}`);
        expect(f.value).toBe(`s_${i.toString(36).padStart(4, 'a')}_${'x'.repeat(i % 20)}`);
        expect(root.fields[2 * i + 1]!.value).toBe(`E${i % 97}`);
      }
    }
  });

  it('keeps long strings, strings with escapes and one-character names exact', () => {
    const long = 'a'.repeat(60);
    const { root } = parsePrototxt(`${long}: "${long}"\nb: "x\\ty"\nb: "x\\ty"\nc: 'q'\nc: "q"\n`);
    expect(root.fields.map((f) => [f.name, f.value])).toEqual([
      [long, long],
      ['b', 'x\ty'],
      ['b', 'x\ty'],
      ['c', 'q'],
      ['c', 'q'],
    ]);
  });
});
