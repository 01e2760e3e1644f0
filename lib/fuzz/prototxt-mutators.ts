import type { Rng } from './rng';
import type { TextMutator } from './text-mutators';

/** Start and end offsets of every top-level `layer { … }` / `layers { … }` block (brace matching, strings skipped). */
export function layerBlocks(text: string, max = 4000): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /(^|\n)\s*layers?\s*\{/g;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    const start = m.index + m[1]!.length;
    let depth = 0;
    let i = text.indexOf('{', start);
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (i >= text.length) break;
    out.push({ start, end: i + 1 });
    re.lastIndex = i + 1;
  }
  return out;
}

const TOP = /\btop\s*:\s*"([^"\n]*)"/g;
const BOTTOM = /\bbottom\s*:\s*"([^"\n]*)"/;

/** Mutators that know the shape of a Caffe prototxt: layers, tops and bottoms. */
export const PROTOTXT_MUTATORS: readonly TextMutator[] = [
  {
    name: 'duplicate-layer',
    apply(text, rng) {
      const blocks = layerBlocks(text);
      if (blocks.length === 0) return text;
      const b = rng.pick(blocks);
      const copies = rng.chance(0.1) ? 2 + rng.int(50) : 1;
      const block = text.slice(b.start, b.end);
      // The copy goes right after the original or at a random later layer boundary.
      const at = rng.chance(0.5) ? b.end : rng.pick(blocks).end;
      return text.slice(0, at) + ('\n' + block).repeat(copies) + text.slice(at);
    },
  },
  {
    name: 'cycle',
    apply(text, rng) {
      // An early layer reads a blob that a later layer writes: a cycle through the graph.
      const blocks = layerBlocks(text);
      if (blocks.length < 2) return text;
      const i = rng.int(blocks.length - 1);
      const j = i + 1 + rng.int(blocks.length - i - 1);
      const later = text.slice(blocks[j]!.start, blocks[j]!.end);
      TOP.lastIndex = 0;
      const top = TOP.exec(later)?.[1];
      const early = blocks[i]!;
      const body = text.slice(early.start, early.end);
      if (top === undefined || !BOTTOM.test(body)) return text;
      const changed = body.replace(BOTTOM, `bottom: "${top}"`);
      return text.slice(0, early.start) + changed + text.slice(early.end);
    },
  },
  {
    name: 'drop-layer',
    apply(text, rng) {
      const blocks = layerBlocks(text);
      if (blocks.length === 0) return text;
      const b = rng.pick(blocks);
      return text.slice(0, b.start) + text.slice(b.end);
    },
  },
  {
    name: 'many-bottoms',
    apply(text, rng: Rng) {
      // A layer with a huge fan-in (Concat of thousands of copies of one blob).
      const blocks = layerBlocks(text);
      if (blocks.length === 0) return text;
      const b = rng.pick(blocks);
      const body = text.slice(b.start, b.end);
      const m = BOTTOM.exec(body);
      // A bottom line that other mutations grew (a deep nesting inside its quotes) would make
      // this a size test (20,000 × 4 KB = 80 MB) rather than a fan-in test.
      if (!m || m[0].length > 200) return text;
      const extra = ` ${m[0]}`.repeat(rng.pick([10, 1000, 20_000]));
      const at = b.start + m.index + m[0].length;
      return text.slice(0, at) + extra + text.slice(at);
    },
  },
];
