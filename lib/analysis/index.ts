export * from './types';
export { analyze, numel } from './analyze';
export * from './figures';
