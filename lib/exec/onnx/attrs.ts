import { AttributeType } from './enums';
import type { AttributeObject } from './proto';

/** Integer attribute. */
export function attrInt(name: string, i: number): AttributeObject {
  return { name, type: AttributeType.INT, i };
}

/** Float attribute. */
export function attrFloat(name: string, f: number): AttributeObject {
  return { name, type: AttributeType.FLOAT, f };
}

/** Integer list attribute. */
export function attrInts(name: string, ints: readonly number[]): AttributeObject {
  return { name, type: AttributeType.INTS, ints: [...ints] };
}

/** Float list attribute. */
export function attrFloats(name: string, floats: readonly number[]): AttributeObject {
  return { name, type: AttributeType.FLOATS, floats: [...floats] };
}

/** String attribute (UTF-8 bytes on the wire). */
export function attrString(name: string, s: string): AttributeObject {
  return { name, type: AttributeType.STRING, s: new TextEncoder().encode(s) };
}

/** String list attribute (recurrent activations). */
export function attrStrings(name: string, strings: readonly string[]): AttributeObject {
  const enc = new TextEncoder();
  return { name, type: AttributeType.STRINGS, strings: strings.map((x) => enc.encode(x)) };
}
