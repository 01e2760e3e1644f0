import type { AttrMap, AttrValue, SourceSpan } from '../../ir';
import { attrType, attrValue, ATTR, typeText } from './attributes';
import { isDefaultDomain } from './build';
import { dtypeName, tensorStorage, tensorValues } from './tensor';
import type { Decoded } from './wire';

/** Spans of one printed node in the text form. */
export interface PrintedNode {
  readonly span: SourceSpan;
  readonly nameSpan: SourceSpan;
  readonly attrSpans: Record<string, SourceSpan>;
}

interface Mark {
  offset: number;
  line: number;
  column: number;
}

/** Appends text and keeps the line and column of its end, so spans cost nothing extra. */
class TextOut {
  private readonly parts: string[] = [];
  private offset = 0;
  private line = 1;
  private column = 1;

  write(s: string): void {
    this.parts.push(s);
    this.offset += s.length;
    const nl = s.lastIndexOf('\n');
    if (nl < 0) {
      this.column += s.length;
      return;
    }
    this.column = s.length - nl;
    for (let i = nl; i >= 0; i--) if (s.charCodeAt(i) === 10) this.line++;
  }

  mark(): Mark {
    return { offset: this.offset, line: this.line, column: this.column };
  }

  span(from: Mark): SourceSpan {
    return { offset: from.offset, length: this.offset - from.offset, line: from.line, column: from.column };
  }

  text(): string {
    return this.parts.join('');
  }
}

/** 1,234,567: thousands separated (toLocaleString is an order of magnitude slower, and this runs per tensor). */
function fmtInt(n: number): string {
  const s = String(n);
  if (s.length <= 3 || !/^\d+$/.test(s)) return s;
  let out = '';
  for (let i = s.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + s.slice(Math.max(0, i - 3), i) + out;
  return out;
}

/** A value name as written, quoted when it is not a plain identifier. */
function id(name: string): string {
  return /^[A-Za-z_][\w.:/-]*$/.test(name) ? name : JSON.stringify(name);
}

function num(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Math.fround(v) === v ? Number(v.toPrecision(7)) : v);
}

/** Where a tensor's data is, for the text form: inline bytes at an offset, or an external file. */
function storageText(t: Decoded): string {
  const s = tensorStorage(t);
  if (s.external) {
    const at = s.external.offset !== undefined ? `, offset ${fmtInt(s.external.offset)}` : '';
    const len = s.external.length !== undefined ? `, ${fmtInt(s.external.length)} bytes` : '';
    return `<external data in "${s.external.location}"${at}${len}>`;
  }
  if (s.bytes) return `<${fmtInt(s.bytes.length)} bytes at byte ${fmtInt(s.bytes.offset)}>`;
  return '<no data>';
}

function tensorText(bytes: Uint8Array, t: Decoded): string {
  const dims = (t.dims as number[] | undefined) ?? [];
  const dtype = dtypeName((t.data_type as number | undefined) ?? 0);
  const type = `${dtype}[${dims.join(',')}]`;
  const values = tensorValues(bytes, t, 16);
  if (values) return `${type} {${values.map(num).join(', ')}}`;
  return `${type} ${storageText(t)}`;
}

function attrText(v: AttrValue): string {
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(attrText).join(', ')}]`;
  const m = v as AttrMap;
  return `{${Object.entries(m)
    .map(([k, x]) => `${k}: ${attrText(x)}`)
    .join(', ')}}`;
}

/**
 * Prints the model in ONNX's textual syntax (the form `onnx.printer` writes), with each node's
 * name in brackets before it and tensor data summarised by size and byte position (never
 * printed). Sub-graphs are printed inside their attribute, indented.
 */
export class OnnxPrinter {
  private readonly out = new TextOut();
  readonly nodes = new Map<number, PrintedNode>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly nodeOf: ReadonlyMap<Decoded, number>,
    private readonly names: ReadonlyMap<number, string>,
  ) {}

  model(m: Decoded, fileName: string): string {
    const w = (s: string) => this.out.write(s);
    w(
      `# ${fileName || 'model'}: ONNX, read-only text form; tensors are shown by type and byte position, never loaded\n`,
    );
    w('<\n');
    const header: string[] = [];
    if (m.ir_version !== undefined) header.push(`ir_version: ${num(m.ir_version as number)}`);
    const opsets = ((m.opset_import as Decoded[] | undefined) ?? []).map(
      (o) =>
        `${JSON.stringify((o.domain as string | undefined) ?? '')} : ${num((o.version as number | undefined) ?? 0)}`,
    );
    header.push(`opset_import: [${opsets.join(', ')}]`);
    for (const k of ['producer_name', 'producer_version', 'domain'] as const) {
      if (typeof m[k] === 'string' && m[k] !== '') header.push(`${k}: ${JSON.stringify(m[k])}`);
    }
    if (m.model_version !== undefined) header.push(`model_version: ${num(m.model_version as number)}`);
    w(header.map((h) => `  ${h}`).join(',\n'));
    w('\n>\n');
    const g = m.graph as Decoded | undefined;
    if (g) this.graph(g, '');
    for (const f of (m.functions as Decoded[] | undefined) ?? []) {
      w(`\n# function (not expanded by the analysis)\n<domain: ${JSON.stringify(f.domain ?? '')}>\n`);
      w(
        `${id((f.name as string | undefined) ?? '')} (${((f.input as string[] | undefined) ?? []).map(id).join(', ')}) => (${((f.output as string[] | undefined) ?? []).map(id).join(', ')}) {\n`,
      );
      for (const nd of (f.node as Decoded[] | undefined) ?? []) w(`  ${this.plainNode(nd)}\n`);
      w('}\n');
    }
    return this.out.text();
  }

  private valueInfos(list: readonly Decoded[], indent: string, skip?: ReadonlySet<string>): void {
    const items = list.filter((vi) => !skip?.has((vi.name as string | undefined) ?? ''));
    if (items.length === 0) {
      this.out.write('()');
      return;
    }
    this.out.write('(\n');
    this.out.write(
      items
        .map(
          (vi) => `${indent}  ${typeText(vi.type as Decoded | undefined)} ${id((vi.name as string | undefined) ?? '')}`,
        )
        .join(',\n'),
    );
    this.out.write(`\n${indent})`);
  }

  private graph(g: Decoded, indent: string): void {
    const w = (s: string) => this.out.write(s);
    const inits = (g.initializer as Decoded[] | undefined) ?? [];
    const initNames = new Set(inits.map((t) => (t.name as string | undefined) ?? ''));
    w(`${id((g.name as string | undefined) ?? 'graph')} `);
    this.valueInfos((g.input as Decoded[] | undefined) ?? [], indent, initNames);
    w(' => ');
    this.valueInfos((g.output as Decoded[] | undefined) ?? [], indent);
    if (inits.length) {
      let total = 0;
      for (const t of inits) total += tensorStorage(t).bytes?.length ?? 0;
      w(` <\n${indent}  # ${fmtInt(inits.length)} initializers, ${fmtInt(total)} bytes of data in the file\n`);
      w(
        inits
          .map(
            (t) =>
              `${indent}  ${tensorText(this.bytes, t).replace(/ /, ` ${id((t.name as string | undefined) ?? '')} = `)}`,
          )
          .join(',\n'),
      );
      w(`\n${indent}>`);
    }
    w(' {\n');
    for (const nd of (g.node as Decoded[] | undefined) ?? []) this.node(nd, `${indent}  `);
    w(`${indent}}`);
    if (!indent) w('\n');
  }

  private plainNode(nd: Decoded): string {
    const outs = ((nd.output as string[] | undefined) ?? []).map(id).join(', ');
    const ins = ((nd.input as string[] | undefined) ?? []).map((s) => (s === '' ? '""' : id(s))).join(', ');
    return `${outs} = ${this.opName(nd)} (${ins})`;
  }

  private opName(nd: Decoded): string {
    const domain = (nd.domain as string | undefined) ?? '';
    const op = (nd.op_type as string | undefined) ?? '';
    return isDefaultDomain(domain) ? op : `${domain}.${op}`;
  }

  private node(nd: Decoded, indent: string): void {
    const w = (s: string) => this.out.write(s);
    const index = this.nodeOf.get(nd);
    w(indent);
    const start = this.out.mark();
    w('[');
    const nameStart = this.out.mark();
    w(index !== undefined ? (this.names.get(index) ?? '') : '');
    const nameSpan = this.out.span(nameStart);
    w('] ');
    const outs = ((nd.output as string[] | undefined) ?? []).map((s) => (s === '' ? '""' : id(s)));
    w(`${outs.join(', ')} = ${this.opName(nd)}`);
    const attrs = (nd.attribute as Decoded[] | undefined) ?? [];
    const attrSpans: Record<string, SourceSpan> = {};
    if (attrs.length) {
      w(' <');
      attrs.forEach((a, i) => {
        if (i > 0) w(', ');
        const name = (a.name as string | undefined) ?? '';
        const at = this.out.mark();
        w(`${name} = `);
        this.attr(a, indent);
        attrSpans[name] = this.out.span(at);
      });
      w('>');
    }
    const ins = ((nd.input as string[] | undefined) ?? []).map((s) => (s === '' ? '""' : id(s)));
    w(` (${ins.join(', ')})`);
    const span = this.out.span(start);
    w('\n');
    if (index !== undefined) this.nodes.set(index, { span, nameSpan, attrSpans });
  }

  private attr(a: Decoded, indent: string): void {
    const w = (s: string) => this.out.write(s);
    if (a.ref_attr_name !== undefined) {
      w(`@${a.ref_attr_name as string}`);
      return;
    }
    switch (attrType(a)) {
      case ATTR.FLOAT:
        w(num((a.f as number | undefined) ?? 0));
        return;
      case ATTR.INT:
        w(num((a.i as number | undefined) ?? 0));
        return;
      case ATTR.STRING:
      case ATTR.FLOATS:
      case ATTR.INTS:
      case ATTR.STRINGS:
      case ATTR.TYPE_PROTO:
      case ATTR.TYPE_PROTOS:
      case ATTR.SPARSE_TENSOR:
      case ATTR.SPARSE_TENSORS: {
        const v = attrValue(this.bytes, a);
        w(v === undefined ? '?' : attrText(v));
        return;
      }
      case ATTR.TENSOR:
        w(a.t ? tensorText(this.bytes, a.t as Decoded) : '?');
        return;
      case ATTR.TENSORS:
        w(`[${((a.tensors as Decoded[] | undefined) ?? []).map((t) => tensorText(this.bytes, t)).join(', ')}]`);
        return;
      case ATTR.GRAPH:
        if (a.g) this.graph(a.g as Decoded, `${indent}  `);
        return;
      case ATTR.GRAPHS: {
        const gs = (a.graphs as Decoded[] | undefined) ?? [];
        w('[');
        gs.forEach((g, i) => {
          if (i > 0) w(', ');
          this.graph(g, `${indent}  `);
        });
        w(']');
        return;
      }
      default:
        w('?');
    }
  }
}
