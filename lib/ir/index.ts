export * from './types';
export * from './graph-builder';
export type { GraphIndex } from './graph-index';
