import type { Lowerer } from './types';

/** Lowering per Keras class name (NHWC layouts). */
export const KERAS_LOWERINGS: Readonly<Record<string, Lowerer>> = {};
