export * from './report-json';
export * from './format';
export * from './tables';
