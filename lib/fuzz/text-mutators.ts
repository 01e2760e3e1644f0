import type { Rng } from './rng';

/** One way of damaging a model text. */
export interface TextMutator {
  readonly name: string;
  apply(text: string, rng: Rng): string;
}

/** Numbers that have broken analysers: overflow, beyond 2^31/2^32/2^53, zero, negative, fractional, not a number. */
export const HOSTILE_NUMBERS: readonly string[] = [
  '0',
  '-1',
  '-0',
  '1.5',
  '1e308',
  '1e309',
  '-1e308',
  '1e-320',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '1e12',
  '1e15',
  '99999999',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1e400',
];

/** Names that break code which looks names up on plain objects, and other awkward names. */
export const HOSTILE_NAMES: readonly string[] = [
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  '',
  ' ',
  'a@1',
  'x:0:0',
  'x/y',
  '=cmd()',
  '💥',
  'ñ\u0301',
  'a'.repeat(300),
];

const CHARS = '{}[]<>:;,"\'\\#\n\t -.0123456789eExf_layertopbm\u0000\u00ff\ufeff\ud800';

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Positions of every match of a global regex (capped, so a huge text stays cheap). */
function matches(text: string, re: RegExp, max = 5000): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    out.push({ index: m.index, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const NUMBER_TOKEN = /-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;
const QUOTED = /"(?:[^"\\\n]|\\.){0,80}"/g;

/** Mutators that work on any text format (prototxt and JSON alike). */
export const TEXT_MUTATORS: readonly TextMutator[] = [
  {
    name: 'flip-bytes',
    apply(text, rng) {
      let t = text;
      const n = 1 + rng.int(6);
      for (let i = 0; i < n && t.length > 0; i++) {
        const at = rng.int(t.length);
        t = splice(t, at, 1, rng.chance(0.5) ? CHARS[rng.int(CHARS.length)]! : String.fromCharCode(rng.int(0x10000)));
      }
      return t;
    },
  },
  {
    name: 'cut',
    apply(text, rng) {
      // The end of a file lost in a copy, or a slice lost in the middle.
      if (rng.chance(0.6)) return text.slice(0, rng.int(text.length + 1));
      const at = rng.int(text.length);
      return splice(text, at, 1 + rng.int(400), '');
    },
  },
  {
    name: 'braces',
    apply(text, rng) {
      let t = text;
      const n = 1 + rng.int(4);
      for (let i = 0; i < n; i++)
        t = splice(t, rng.int(t.length + 1), rng.chance(0.3) ? 1 : 0, rng.pick(['{', '}', '[', ']', '"', ',', ':']));
      return t;
    },
  },
  {
    name: 'duplicate-slice',
    apply(text, rng) {
      const at = rng.int(text.length + 1);
      const len = 1 + rng.int(2000);
      const copies = rng.chance(0.1) ? 2 + rng.int(20) : 1;
      return text.slice(0, at) + text.slice(at, at + len).repeat(copies) + text.slice(at);
    },
  },
  {
    name: 'hostile-number',
    apply(text, rng) {
      const found = matches(text, NUMBER_TOKEN);
      if (found.length === 0) return text;
      let t = text;
      // Right to left, so earlier indices stay valid.
      const chosen = Array.from({ length: 1 + rng.int(4) }, () => rng.pick(found)).sort((a, b) => b.index - a.index);
      let last = Infinity;
      for (const m of chosen) {
        if (m.index + m.text.length > last) continue;
        t = splice(t, m.index, m.text.length, rng.pick(HOSTILE_NUMBERS));
        last = m.index;
      }
      return t;
    },
  },
  {
    name: 'hostile-name',
    apply(text, rng) {
      const found = matches(text, QUOTED);
      if (found.length === 0) return text;
      // Often the same name everywhere it occurs (a blob named `toString` used as top and bottom).
      const m = rng.pick(found);
      const name = JSON.stringify(rng.pick(HOSTILE_NAMES));
      return rng.chance(0.5) ? text.split(m.text).join(name) : splice(text, m.index, m.text.length, name);
    },
  },
];

/** A text mutator that nests `open … close` `depth` levels deep at a random point. */
export function deepNesting(open: string, close: string): TextMutator {
  return {
    name: 'deep-nesting',
    apply(text, rng) {
      const depth = rng.pick([50, 101, 1000, 20_000]);
      const at = rng.int(text.length + 1);
      const inner = rng.chance(0.5) ? '1' : '';
      return splice(text, at, 0, open.repeat(depth) + inner + (rng.chance(0.7) ? close.repeat(depth) : ''));
    },
  };
}
