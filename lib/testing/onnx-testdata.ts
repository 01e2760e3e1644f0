import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../analysis';
import type { Shape } from '../ir';
import type { TensorFacts } from '../ops/types';
import { readOnnx } from '../parse/onnx';
import { dtypeName, tensorStrings, tensorValues } from '../parse/onnx/tensor';
import { WireWalker, type Decoded } from '../parse/onnx/wire';

/**
 * Debian's libonnx-testdata (ONNX 1.12 backend test data): 1,072 models, each with
 * `test_data_set_0/input_*.pb` and `output_*.pb`. The expected output shapes are the shapes
 * of the stored output tensors. Test-only; read in place.
 */
export const TESTDATA_DIR = process.env.LAYERSCOPE_ONNX_TESTDATA ?? '/usr/share/libonnx-testdata/data';
export const TESTDATA_GROUPS = ['node', 'pytorch-converted', 'pytorch-operator', 'simple'] as const;

export function testdataAvailable(): boolean {
  return existsSync(TESTDATA_DIR);
}

/** Every test case directory that holds a model, as `group/name`. */
export function listTestdata(): string[] {
  const out: string[] = [];
  for (const group of TESTDATA_GROUPS) {
    const dir = path.join(TESTDATA_DIR, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(path.join(dir, name, 'model.onnx'))) out.push(`${group}/${name}`);
    }
  }
  return out;
}

/** A stored value: a tensor (dims, type, small values), a sequence of them, or an optional. */
export type StoredValue =
  | { kind: 'tensor'; dims: Shape; dtype: string; values?: number[]; strings?: string[] }
  | { kind: 'sequence'; elements: StoredValue[] }
  | { kind: 'optional'; value: StoredValue | null };

function tensorValue(bytes: Uint8Array, t: Decoded): StoredValue {
  // Test inputs are data: their float values are kept too (NonMaxSuppression's boxes and scores).
  const values = tensorValues(bytes, t, 4096, 4096);
  const strings = tensorStrings(bytes, t);
  return {
    kind: 'tensor',
    ...(strings ? { strings } : {}),
    dims: (t.dims as number[] | undefined) ?? [],
    dtype: dtypeName((t.data_type as number | undefined) ?? 0),
    ...(values ? { values } : {}),
  };
}

function fromDecoded(bytes: Uint8Array, message: string, d: Decoded): StoredValue {
  if (message === 'TensorProto') return tensorValue(bytes, d);
  if (message === 'SequenceProto') {
    const els: StoredValue[] = [];
    for (const t of (d.tensor_values as Decoded[] | undefined) ?? []) els.push(tensorValue(bytes, t));
    for (const s of (d.sequence_values as Decoded[] | undefined) ?? [])
      els.push(fromDecoded(bytes, 'SequenceProto', s));
    for (const o of (d.optional_values as Decoded[] | undefined) ?? [])
      els.push(fromDecoded(bytes, 'OptionalProto', o));
    return { kind: 'sequence', elements: els };
  }
  const inner = d.tensor_value
    ? tensorValue(bytes, d.tensor_value as Decoded)
    : d.sequence_value
      ? fromDecoded(bytes, 'SequenceProto', d.sequence_value as Decoded)
      : null;
  return { kind: 'optional', value: inner };
}

/** The kind of a graph value from its declared TypeProto. */
function typeKind(tp: Decoded | undefined): 'TensorProto' | 'SequenceProto' | 'OptionalProto' {
  if (tp?.sequence_type) return 'SequenceProto';
  if (tp?.optional_type) return 'OptionalProto';
  return 'TensorProto';
}

function readStored(file: string, message: string): StoredValue {
  const bytes = readFileSync(file);
  return fromDecoded(bytes, message, new WireWalker(bytes).decode(message));
}

/** Facts the analysis can use for an input value (shape-level, with values when small and numeric). */
function factsOf(v: StoredValue, withValues: boolean): TensorFacts {
  if (v.kind === 'tensor') {
    return {
      dtype: v.dtype,
      ...(withValues && v.values ? { value: v.values } : {}),
      ...(withValues && v.strings ? { strings: v.strings } : {}),
    };
  }
  if (v.kind === 'sequence') {
    return { kind: 'sequence', elements: v.elements.map((e) => (e.kind === 'tensor' ? e.dims : null)) };
  }
  if (!v.value) return { kind: 'optional', present: false };
  if (v.value.kind === 'tensor') return { kind: 'optional', present: true, elementShape: v.value.dims };
  return { kind: 'optional', present: true, elementShape: null, element: factsOf(v.value, withValues) };
}

function shapeText(s: Shape | null | undefined): string {
  return s ? `[${s.join(',')}]` : '?';
}

/** A value as the analysis predicts it, in the same notation as a stored one. */
function predicted(shape: Shape | null | undefined, facts: TensorFacts | undefined): string {
  if (facts?.kind === 'sequence') return facts.elements ? `seq(${facts.elements.map(shapeText).join(' ')})` : 'seq(?)';
  if (facts?.kind === 'optional') {
    if (facts.present === false) return 'none';
    if (facts.element) return `some(${predicted(null, facts.element)})`;
    return facts.elementShape ? `some(${shapeText(facts.elementShape)})` : 'some(?)';
  }
  return shapeText(shape);
}

function expectedText(v: StoredValue): string {
  if (v.kind === 'tensor') return shapeText(v.dims);
  if (v.kind === 'sequence') return `seq(${v.elements.map(expectedText).join(' ')})`;
  if (!v.value) return 'none';
  return `some(${expectedText(v.value)})`;
}

/** The outcome of one test case. */
export interface TestdataCase {
  readonly id: string;
  /** Operator types of the top graph's nodes. */
  readonly ops: readonly string[];
  /** Shapes match without knowing input values. */
  readonly staticOk: boolean;
  /** Shapes match when the (small) input values are known: data-dependent shapes. */
  readonly withValuesOk: boolean;
  readonly expected: readonly string[];
  /** Predicted outputs without, then with input values. */
  readonly predicted: readonly string[];
  readonly predictedWithValues: readonly string[];
  readonly messages: readonly string[];
}

/** Reads, analyses and compares one test case (see TestdataCase). */
export function runTestdataCase(id: string): TestdataCase {
  const dir = path.join(TESTDATA_DIR, id);
  const bytes = readFileSync(path.join(dir, 'model.onnx'));
  const { graph } = readOnnx(bytes);
  const model = new WireWalker(bytes).decode('ModelProto');
  const g = model.graph as Decoded;
  const initNames = new Set(((g.initializer as Decoded[] | undefined) ?? []).map((t) => t.name as string));
  const declaredInputs = ((g.input as Decoded[] | undefined) ?? []).filter((vi) => !initNames.has(vi.name as string));
  const outputs = (g.output as Decoded[] | undefined) ?? [];
  const dataDir = path.join(dir, 'test_data_set_0');
  const inputs = declaredInputs.map((vi, i) => {
    const file = path.join(dataDir, `input_${i}.pb`);
    return existsSync(file) ? readStored(file, typeKind(vi.type as Decoded | undefined)) : null;
  });
  const expected = outputs.map((vi, i) => {
    const file = path.join(dataDir, `output_${i}.pb`);
    return existsSync(file) ? expectedText(readStored(file, typeKind(vi.type as Decoded | undefined))) : '(no data)';
  });
  const run = (withValues: boolean) => {
    const shapes: Record<string, Shape> = {};
    const facts: Record<string, TensorFacts> = {};
    declaredInputs.forEach((vi, i) => {
      const v = inputs[i];
      if (!v) return;
      const name = vi.name as string;
      if (v.kind === 'tensor') shapes[name] = v.dims;
      facts[name] = factsOf(v, withValues);
    });
    const a = analyze(graph, { batch: 'declared', inputs: shapes, inputFacts: facts });
    return {
      a,
      out: outputs.map((vi) => {
        const id = graph.blobs.has(vi.name as string) ? (vi.name as string) : '';
        return predicted(a.blobShapes.get(id), a.blobFacts?.get(id));
      }),
    };
  };
  const plain = run(false);
  const staticOk = plain.out.every((p, i) => p === expected[i]);
  const valued = staticOk ? plain : run(true);
  const withValuesOk = valued.out.every((p, i) => p === expected[i]);
  const messages = valued.a.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity}: ${d.message}`);
  return {
    id,
    ops: [...new Set(graph.nodes.filter((n) => n.parent === undefined).map((n) => n.type))],
    staticOk,
    withValuesOk,
    expected,
    predicted: plain.out,
    predictedWithValues: valued.out,
    messages,
  };
}
