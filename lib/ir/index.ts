export * from './types';
export * from './graph-builder';
