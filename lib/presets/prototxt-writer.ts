/**
 * A tiny prototxt emitter for the built-in presets. The presets are generated from the
 * papers' architecture tables rather than typed out, so a table row is one function call
 * and the text stays consistent (names, tops, in-place activations).
 */

/** A prototxt field value: scalars, repeated scalars, or a nested message. */
export type PtValue = number | string | boolean | PtEnum | readonly PtValue[] | PtMessage;
/** A nested message (`convolution_param { … }`): field order is kept. */
export interface PtMessage {
  readonly [field: string]: PtValue | undefined;
}
/** An enum literal, written without quotes (`pool: MAX`). */
export interface PtEnum {
  readonly enumValue: string;
}

/** Marks a value as an enum literal. */
export function en(value: string): PtEnum {
  return { enumValue: value };
}

/** True for an enum literal made by `en()`. */
export function isEnum(v: unknown): v is PtEnum {
  return typeof v === 'object' && v !== null && 'enumValue' in v;
}

function scalar(v: number | string | boolean | PtEnum): string {
  if (isEnum(v)) return v.enumValue;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/**
 * Appends the fields of `msg` as prototxt lines at `indent` (one more `unit` per nesting level);
 * repeated fields are arrays and print one line per value. Shared with the advisor's writer.
 */
export function writeFields(msg: PtMessage, indent: string, out: string[], unit = '  '): void {
  for (const [key, value] of Object.entries(msg)) {
    if (value === undefined) continue;
    const items = Array.isArray(value) ? (value as readonly PtValue[]) : [value as PtValue];
    for (const item of items) {
      if (typeof item === 'object' && !isEnum(item) && !Array.isArray(item)) {
        out.push(`${indent}${key} {`);
        writeFields(item as PtMessage, indent + unit, out, unit);
        out.push(`${indent}}`);
      } else {
        out.push(`${indent}${key}: ${scalar(item as number | string | boolean | PtEnum)}`);
      }
    }
  }
}

/** Collects layers and comments and renders them as Caffe NetParameter text. */
export class NetWriter {
  private readonly lines: string[] = [];

  constructor(name: string, header: readonly string[] = []) {
    for (const line of header) this.lines.push(line ? `# ${line}` : '#');
    this.lines.push(`name: ${JSON.stringify(name)}`);
  }

  /** A `# …` comment line (or several) before the next layer. */
  comment(...text: string[]): this {
    this.lines.push('');
    for (const t of text) this.lines.push(`# ${t}`);
    return this;
  }

  /** An `Input` layer declaring `dims` (batch first). */
  input(name: string, dims: readonly number[]): string {
    this.layer({ name, type: 'Input', top: name, input_param: { shape: { dim: dims } } });
    return name;
  }

  /** Any layer; fields are written in insertion order. */
  layer(fields: PtMessage): this {
    this.lines.push('layer {');
    writeFields(fields, '  ', this.lines);
    this.lines.push('}');
    return this;
  }

  /** A Convolution layer; returns its top. */
  conv(name: string, bottom: string, p: ConvSpec): string {
    const param: Record<string, PtValue> = { num_output: p.out };
    if (p.bias === false) param.bias_term = false;
    if (p.pad) param.pad = p.pad;
    param.kernel_size = p.k;
    if (p.stride && p.stride !== 1) param.stride = p.stride;
    if (p.group && p.group !== 1) param.group = p.group;
    if (p.dilation && p.dilation !== 1) param.dilation = p.dilation;
    this.layer({ name, type: p.type ?? 'Convolution', bottom, top: name, convolution_param: param });
    return name;
  }

  /** An in-place ReLU on `blob`. */
  relu(name: string, blob: string): string {
    this.layer({ name, type: 'ReLU', bottom: blob, top: blob });
    return blob;
  }

  /** In-place BatchNorm (inference statistics) followed by a learnable Scale with bias, the Caffe idiom. */
  bnScale(bnName: string, scaleName: string, blob: string): string {
    this.layer({
      name: bnName,
      type: 'BatchNorm',
      bottom: blob,
      top: blob,
      batch_norm_param: { use_global_stats: true },
    });
    this.layer({ name: scaleName, type: 'Scale', bottom: blob, top: blob, scale_param: { bias_term: true } });
    return blob;
  }

  /** A Pooling layer; returns its top. */
  pool(name: string, bottom: string, p: PoolSpec): string {
    const param: Record<string, PtValue> = { pool: en(p.method) };
    if (p.global) param.global_pooling = true;
    else {
      param.kernel_size = p.k ?? 2;
      if (p.stride && p.stride !== 1) param.stride = p.stride;
      if (p.pad) param.pad = p.pad;
    }
    this.layer({ name, type: 'Pooling', bottom, top: name, pooling_param: param });
    return name;
  }

  /** An InnerProduct layer; returns its top. */
  fc(name: string, bottom: string, out: number): string {
    this.layer({ name, type: 'InnerProduct', bottom, top: name, inner_product_param: { num_output: out } });
    return name;
  }

  /** A Concat along channels; returns its top. */
  concat(name: string, bottoms: readonly string[]): string {
    this.layer({ name, type: 'Concat', bottom: bottoms, top: name });
    return name;
  }

  /** An element-wise SUM; returns its top. */
  sum(name: string, bottoms: readonly string[]): string {
    this.layer({ name, type: 'Eltwise', bottom: bottoms, top: name, eltwise_param: { operation: en('SUM') } });
    return name;
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Convolution hyper-parameters as they appear in architecture tables. */
export interface ConvSpec {
  readonly out: number;
  readonly k: number;
  readonly stride?: number;
  readonly pad?: number;
  readonly group?: number;
  readonly dilation?: number;
  readonly bias?: boolean;
  readonly type?: 'Convolution' | 'Deconvolution';
}

/** Pooling hyper-parameters. */
export interface PoolSpec {
  readonly method: 'MAX' | 'AVE';
  readonly k?: number;
  readonly stride?: number;
  readonly pad?: number;
  readonly global?: boolean;
}
