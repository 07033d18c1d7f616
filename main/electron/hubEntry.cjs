'use strict';
/*
 * The entry utilityProcess.fork runs for the hub (main/electron/hubFork.ts). Like boot.cjs: in the
 * packaged app the compiled hubProcess.js is next to this file; in the source tree tsx's ESM hooks
 * are registered and hubProcess.ts is imported as is.
 */
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

async function boot() {
  let entry = path.join(__dirname, 'hubProcess.js');
  if (!existsSync(entry)) {
    const { register } = await import('tsx/esm/api');
    register();
    entry = path.join(__dirname, 'hubProcess.ts');
  }
  await import(pathToFileURL(entry).href);
}

boot().catch((error) => {
  console.error('[talon] the hub process failed to start:', error);
  process.exit(1);
});
