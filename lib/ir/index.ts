export * from './types';
export * from './graph-builder';
export * from './dtype';
