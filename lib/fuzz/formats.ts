import type { ReadResult } from '../ir';
import { readCaffe, toCaffeJson } from '../parse/caffe';
import { readCaffeJson } from '../parse/json';
import { readKeras } from '../parse/keras';
import { PRESETS } from '../presets';
import { corpusAvailable, listCorpus, readCorpus } from '../testing/corpus';
import { JSON_MUTATORS } from './json-mutators';
import { PROTOTXT_MUTATORS } from './prototxt-mutators';
import type { Rng } from './rng';
import { TEXT_MUTATORS, deepNesting, type TextMutator } from './text-mutators';
import { readOnnx } from '../parse/onnx';
import { onnxSeeds } from './onnx-seeds';
import { ONNX_MUTATORS } from './onnx-mutators';

/** An input of a format under test: text, or bytes for binary formats (ONNX). */
export type FuzzInput = string | Uint8Array;

/** One way of damaging an input of a format. */
export interface Mutator<I extends FuzzInput> {
  readonly name: string;
  apply(input: I, rng: Rng): I;
}

/** One generated case: the damaged input and how it was made. */
export interface FuzzCase {
  readonly format: string;
  /** Which seed model it came from. */
  readonly seed: string;
  readonly mutators: readonly string[];
  readonly input: FuzzInput;
}

/**
 * A format plugged into the fuzz harness: where its valid models come from, how to damage
 * them, and its reader. A new reader (ONNX: bytes, positions as byte offsets) adds one of these
 * to FUZZ_FORMATS; the runner and the invariants need nothing else.
 */
export interface FuzzFormat {
  readonly name: string;
  /** File extension for reproducer files. */
  readonly ext: string;
  /** Builds one case: a seed model with one to three mutations. */
  generate(rng: Rng): FuzzCase;
  /** The reader under test. Must never throw. */
  read(input: FuzzInput): ReadResult;
}

/** Builds a FuzzFormat from seeds (loaded once, lazily), mutators and a reader. */
export function mutationFormat<I extends FuzzInput>(spec: {
  readonly name: string;
  readonly ext: string;
  readonly seeds: () => readonly { readonly name: string; readonly input: I }[];
  readonly mutators: readonly Mutator<I>[];
  readonly read: (input: I) => ReadResult;
  /** Accepts an input of this format (a reproducer file read back). */
  readonly accept: (input: FuzzInput) => I;
}): FuzzFormat {
  let seeds: readonly { readonly name: string; readonly input: I }[] | undefined;
  return {
    name: spec.name,
    ext: spec.ext,
    generate(rng) {
      seeds ??= spec.seeds();
      const seed = rng.pick(seeds);
      let input = seed.input;
      const names: string[] = [];
      for (let n = 1 + rng.int(3); n > 0; n--) {
        const m = rng.pick(spec.mutators);
        input = m.apply(input, rng);
        names.push(m.name);
      }
      return { format: spec.name, seed: seed.name, mutators: names, input };
    },
    read: (input) => spec.read(spec.accept(input)),
  };
}

const asText = (input: FuzzInput): string => (typeof input === 'string' ? input : new TextDecoder().decode(input));

/** Caffe models: the corpus when it is beside the repository, and always the built-in presets. */
function caffeSeeds(): { name: string; input: string }[] {
  const out = PRESETS.map((p) => ({ name: `preset:${p.id}`, input: p.text }));
  if (corpusAvailable()) for (const f of listCorpus('caffe')) out.push({ name: f, input: readCorpus('caffe', f) });
  return out;
}

/** A small functional Keras model written here, so the format has a seed without the corpus. */
const KERAS_FUNCTIONAL = JSON.stringify({
  class_name: 'Functional',
  config: {
    name: 'seed',
    layers: [
      {
        class_name: 'InputLayer',
        name: 'in',
        config: { name: 'in', batch_input_shape: [null, 32, 32, 3] },
        inbound_nodes: [],
      },
      {
        class_name: 'Conv2D',
        name: 'c',
        config: { name: 'c', filters: 8, kernel_size: [3, 3], padding: 'same' },
        inbound_nodes: [[['in', 0, 0, {}]]],
      },
      { class_name: 'ReLU', name: 'r', config: { name: 'r' }, inbound_nodes: [[['c', 0, 0, {}]]] },
      {
        class_name: 'Add',
        name: 'add',
        config: { name: 'add' },
        inbound_nodes: [
          [
            ['c', 0, 0, {}],
            ['r', 0, 0, {}],
          ],
        ],
      },
      { class_name: 'GlobalAveragePooling2D', name: 'g', config: { name: 'g' }, inbound_nodes: [[['add', 0, 0, {}]]] },
      { class_name: 'Dense', name: 'd', config: { name: 'd', units: 10 }, inbound_nodes: [[['g', 0, 0, {}]]] },
    ],
    input_layers: [['in', 0, 0]],
    output_layers: [['d', 0, 0]],
  },
});

function kerasSeeds(): { name: string; input: string }[] {
  const out = [{ name: 'functional-seed', input: KERAS_FUNCTIONAL }];
  if (corpusAvailable()) for (const f of listCorpus('keras')) out.push({ name: f, input: readCorpus('keras', f) });
  return out;
}

const textOnly = (ms: readonly TextMutator[]): Mutator<string>[] => [...ms];

/** The formats every fuzz run covers. */
export const FUZZ_FORMATS: readonly FuzzFormat[] = [
  mutationFormat({
    name: 'prototxt',
    ext: 'prototxt',
    seeds: caffeSeeds,
    mutators: textOnly([...TEXT_MUTATORS, ...PROTOTXT_MUTATORS, deepNesting('a {', '}')]),
    read: (t) => readCaffe(t),
    accept: asText,
  }),
  mutationFormat({
    name: 'caffe-json',
    ext: 'json',
    seeds: () => caffeSeeds().map((s) => ({ name: s.name, input: toCaffeJson(s.input, 1) })),
    mutators: textOnly([...TEXT_MUTATORS, ...JSON_MUTATORS, deepNesting('[', ']')]),
    read: (t) => readCaffeJson(t),
    accept: asText,
  }),
  mutationFormat({
    name: 'keras',
    ext: 'json',
    seeds: kerasSeeds,
    mutators: textOnly([...TEXT_MUTATORS, ...JSON_MUTATORS, ...JSON_MUTATORS, deepNesting('[', ']')]),
    read: (t) => readKeras(t),
    accept: asText,
  }),
  mutationFormat({
    name: 'onnx',
    ext: 'onnx',
    seeds: onnxSeeds,
    mutators: ONNX_MUTATORS,
    read: (b) => readOnnx(b),
    accept: (input) => (typeof input === 'string' ? new TextEncoder().encode(input) : input),
  }),
];
