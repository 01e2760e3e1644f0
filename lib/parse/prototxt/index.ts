/** Protobuf text-format reader: tokenizer, explicit-stack parser and the message tree it builds. */
export { parsePrototxt } from './parser';
export { Scanner } from './scanner';
export * from './tree';
