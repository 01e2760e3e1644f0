/** Explanations of dot-product layers for students: cost formulas with the layer's numbers, algorithms, receptive field, worked examples. */
export * from './types';
export { explainLayer } from './explain';
export { allLearnLinks, learnLink, rewriteLearnLink, type LearnTopic } from './learn';
export { winogradTransformAdds } from './algorithms';
export { rfPicture } from './receptive-field';
