/** Comparing two versions of a model: layer matching, per-layer and total deltas, text reports. */
export * from './match';
export * from './compare';
export * from './report';
export * from './cross-format';
