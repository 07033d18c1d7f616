#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `talon` works from a source checkout without a build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../cli.ts');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
