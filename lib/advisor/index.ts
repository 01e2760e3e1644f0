/** The convolution advisor: rewrites that apply to a layer, with exact before/after figures, written back in the model's format. */
export * from './types';
export {
  adviseLayer,
  adviseModel,
  applyRewrites,
  nameSource,
  similarLayers,
  whyNoAdvice,
  type AdviseInput,
  type ApplyResult,
  type OptionsByKind,
  type RewriteRequest,
} from './advise';
export { formatCount } from './summary';
export * from './report';
