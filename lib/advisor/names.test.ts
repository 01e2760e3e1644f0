import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { syntheticPrototxt } from '../testing/synthetic';
import { adviseModel, freshNames, nameSource, takenNames } from './advise';

describe('advisor: names for the layers a rewrite adds', () => {
  it('clash with no name of the model nor with each other, and leave the shared set as it was', () => {
    const taken = new Set(['a', 'a_2', 'b']);
    const one = freshNames(taken);
    expect([one('a'), one('a'), one('b'), one('c'), one('c')]).toEqual(['a_3', 'a_4', 'b_2', 'c', 'c_2']);
    expect([...taken]).toEqual(['a', 'a_2', 'b']);
    // A second rewrite draws from the model's names alone, as if the first had not happened.
    const two = freshNames(taken);
    expect(two('a')).toBe('a_3');
  });

  it('are the same as from a set made for each rewrite, across a whole model', () => {
    const text = syntheticPrototxt(60);
    const analysis = analyzeText(text);
    const taken = takenNames(analysis);
    expect(taken.has('b0_conv')).toBe(true);
    const shared = adviseModel({ text, analysis }, { all: true });
    expect(shared.length).toBeGreaterThan(20);
    // Every suggestion's block names are fresh against the model, and equal to those of a source
    // made for that rewrite alone (what each rewrite used before the set was shared).
    for (const s of shared) {
      const own = nameSource(analysis);
      const added = s.block.map((b) => b.name).filter((n) => !taken.has(n));
      for (const n of added) expect(own(n)).toBe(n);
    }
  });
});
