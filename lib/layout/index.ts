/** IR/analysis → view graph → ELK → positioned graph. Framework-free; the React view only renders the result. */
export * from './types';
export * from './format';
export * from './measure';
export { badgeLabel, badgeTooltip, cardText, cardTooltip, nodeCardText } from './card-text';
export type { CardFacts } from './card-text';
export { buildViewGraph, buildViewGraphSteps, collapseGroups } from './view-graph';
export type { ViewOptions } from './view-graph';
export { proposeGroups, proposeGroupsSteps, namePrefixes } from './groups';
export { runSteps, runSliced, STEP_ITEMS } from './steps';
export type { Steps, SlicedRun, Scheduler } from './steps';
export { toElkGraph, applyLayout, layoutView, layoutKey, elkLayoutOptions } from './elk-graph';
export type { ElkLayouter, ElkOptions } from './elk-graph';
