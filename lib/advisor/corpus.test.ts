import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis/types';
import { analyzeText } from '../index';
import { toCaffeJson } from '../parse/caffe';
import { corpusAvailable, listCorpus, readCorpus } from '../testing/corpus';
import { adviseModel } from './advise';
import { checkApplied } from './testing';
import { REWRITE_KINDS, type Suggestion } from './types';

/**
 * The issue's "done when": every rewrite on every applicable layer of every corpus model
 * re-analyses to exactly the advised figures and leaves every other layer unchanged. Each kind
 * is applied to all its layers of a model at once (one re-read per kind; every block sees the same
 * input it would alone, since blocks keep their output shapes); where a rewrite changes the
 * receptive field (Keras' Reshape-based shuffle is not followed), its layers are applied one at a
 * time so the fields downstream of one block do not disturb another's.
 */

interface Model {
  readonly label: string;
  readonly text: string;
}

function models(): Model[] {
  if (!corpusAvailable()) return [];
  const out: Model[] = [];
  for (const f of listCorpus('caffe')) out.push({ label: `caffe/${f}`, text: readCorpus('caffe', f) });
  for (const f of listCorpus('keras')) out.push({ label: `keras/${f}`, text: readCorpus('keras', f) });
  // The Caffe JSON writer: JSON twins of a current-format, a V1, a grouped and a channel-shuffle model.
  for (const f of ['googlenet.prototxt', 'vgg16_v1.prototxt', 'alexnet.prototxt', 'shufflenet_1x_g3.prototxt']) {
    out.push({ label: `caffe-json/${f}`, text: toCaffeJson(readCorpus('caffe', f), 2) });
  }
  out.push({ label: 'caffe-json (one line)/resnet50', text: toCaffeJson(readCorpus('caffe', 'resnet50.prototxt')) });
  return out;
}

const rfChanges = (s: Suggestion) => JSON.stringify(s.before.rf) !== JSON.stringify(s.after.rf);

const cache = new Map<string, { analysis: AnalysisResult; suggestions: Suggestion[] }>();
function advised(m: Model) {
  let hit = cache.get(m.label);
  if (!hit) {
    const analysis = analyzeText(m.text);
    hit = { analysis, suggestions: adviseModel({ text: m.text, analysis }, { all: true }) };
    cache.set(m.label, hit);
  }
  return hit;
}

describe.skipIf(!corpusAvailable())('advisor on the corpus', () => {
  for (const m of models()) {
    describe(m.label, () => {
      for (const kind of REWRITE_KINDS) {
        it(kind, () => {
          const { analysis, suggestions } = advised(m);
          const mine = suggestions.filter((s) => s.kind === kind);
          const input = { text: m.text, analysis };
          if (mine.length === 0) return;
          for (const s of mine)
            expect(s.outputShape).toEqual(analysis.layers.find((l) => l.name === s.layer)!.outputs[0]);
          if (mine.some(rfChanges)) for (const s of mine) checkApplied(input, [s]);
          else checkApplied(input, mine);
        });
      }
    });
  }

  it('covers every rewrite kind somewhere in the corpus, on Caffe and on Keras', () => {
    const seen = new Set<string>();
    for (const m of models()) {
      if (m.label.startsWith('caffe-json')) continue;
      const { analysis, suggestions } = advised(m);
      for (const s of suggestions) seen.add(`${analysis.graph.format}:${s.kind}`);
    }
    for (const k of REWRITE_KINDS) expect(seen).toContain(`caffe:${k}`);
    for (const k of ['factorize-1xn', 'bottleneck', 'depthwise-separable', 'group-shuffle']) {
      expect(seen).toContain(`keras:${k}`);
    }
  });
});
