export * from './types';
export { createAttrReader } from './attr-reader';
export { OPS, getOp, opTypeNames } from './registry';
