import type { Diagnostic, ReadOptions, ReadResult } from '../../ir';
import { readPrototxt } from '../prototxt/parser';
import { convertNet, guardRead, NetConverter } from './net';
import { NetBuilder, type BuiltNet, type LayerRecord, type LayerStream } from './net-builder';
import { layerIncluded } from './phase';

export { convertNet, guardRead } from './net';
export type { ConvertInput } from './net';
export { NetBuilder } from './net-builder';
export { toCaffeJson } from './to-json';
export { v1TypeByName, v1TypeByNumber, v1TypeTable } from './v1-types';

/**
 * Reads a Caffe prototxt (current `layer {}` or legacy V1 `layers {}`) into the IR, checking
 * every field against the Caffe schema as it parses. Default phase TEST; `options.phase` /
 * `options.stages` choose others, `options.lenient` turns schema errors into warnings. Never
 * throws: syntax, schema and model problems are diagnostics with positions.
 *
 * Each layer is converted as its block closes (StreamedRead), so its record is dropped at once:
 * a 175,000-layer model no longer keeps 175,000 records for the whole read. A file the stream
 * cannot convert in one pass (a net-level field such as `input` or `state` after a layer, or a
 * bottom nobody produced, whose message names layers further down) is read again in two passes,
 * with the same result.
 */
export function readCaffe(text: string, options: ReadOptions = {}): ReadResult {
  return guardRead('caffe', () => {
    const streamed = readStreamed(text, options);
    if (streamed !== null) return streamed;
    const builder = new NetBuilder({ json: false, lenient: options.lenient === true, lazySpansOf: text });
    return convertNet({ net: builder.net, syntax: readPrototxt(text, builder), format: 'caffe', text }, options);
  });
}

/** The one-pass read of readCaffe, or null for a file it cannot convert in one pass. */
export function readStreamed(text: string, options: ReadOptions): ReadResult | null {
  const stream = new StreamedRead(text, options);
  const builder = new NetBuilder({ json: false, lenient: options.lenient === true, lazySpansOf: text, stream });
  const syntax = readPrototxt(text, builder);
  return stream.finish(syntax, builder);
}

/** The conversion of a streaming read; gives up (null from finish) on what it cannot do in one pass. */
class StreamedRead implements LayerStream {
  private conv: NetConverter | null = null;
  private converted = 0;
  /** A bottom nobody produced: its message looks for the producer among all layers (see convertNet). */
  dangling = false;

  constructor(
    private readonly text: string,
    private readonly options: ReadOptions,
  ) {}

  layer(rec: LayerRecord, net: BuiltNet): void {
    if (this.dangling) return;
    // Made at the first layer: the phase and the declared inputs are read from the net's fields before it.
    const conv = (this.conv ??= this.converter(net));
    conv.layer(rec, !rec.hasRules || layerIncluded(rec.attrs, conv.st));
    this.converted++;
  }

  private converter(net: BuiltNet): NetConverter {
    const conv = new NetConverter(net, 'caffe', this.text, this.options);
    conv.b.danglingHint = danglingStops(this);
    return conv;
  }

  finish(syntax: Diagnostic[], builder: NetBuilder): ReadResult | null {
    if (this.dangling || builder.lateNetField || this.converted !== builder.layersOpened) return null;
    return (this.conv ?? this.converter(builder.net)).finish(syntax);
  }
}

/** The graph builder's hint for a dangling bottom, in a streaming read: stop, and read in two passes. */
function danglingStops(read: StreamedRead): (blob: string) => undefined {
  return () => {
    read.dangling = true;
    return undefined;
  };
}
