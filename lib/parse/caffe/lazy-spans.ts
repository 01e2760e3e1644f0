import type { AttrSpanSource, IRNode, SourceSpan } from '../../ir';
import { layerSpansAt } from './net-builder';

/**
 * The per-field spans of the layers of one prototxt, made when asked for (a message about one
 * field, the attribute reader's span lookup) by reading that layer's block again: a layer is a
 * few hundred characters, read in microseconds, and a read no longer keeps ~5 span objects per
 * layer that only messages use. Each layer's spans are made once.
 */
export class CaffeSpanSource implements AttrSpanSource {
  private readonly made = new Map<number, Record<string, SourceSpan>>();

  constructor(private readonly text: string) {}

  attrSpans(node: IRNode): Readonly<Record<string, SourceSpan>> | undefined {
    const span = node.span;
    return span ? this.at(span.offset, span.offset + span.length, span.line, span.column) : undefined;
  }

  /** The spans of the layer block at offset..end (its keyword at line:column). */
  at(offset: number, end: number, line: number, column: number): Record<string, SourceSpan> {
    let spans = this.made.get(offset);
    if (spans === undefined) {
      spans = layerSpansAt(this.text, offset, end, line, column);
      this.made.set(offset, spans);
    }
    return spans;
  }
}
