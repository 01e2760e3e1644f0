export * from './types';
export * from './graph-builder';
export * from './dtype';
export type { GraphIndex } from './graph-index';
