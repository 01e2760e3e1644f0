#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so `npx layerscope …` works from a fresh
// `npm install` with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main, nodeIO } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2), nodeIO);
// Let stdout drain before exiting (large JSON reports piped to another process).
process.stdout.write('', () => process.exit(code));
