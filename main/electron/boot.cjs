'use strict';
/*
 * Electron's entry (package.json "main"). The shell is ES modules written in TypeScript:
 *  - in the source tree (npm start), app.ts sits next to this file: tsx's ESM hooks are registered
 *    (module.register, which Electron's main process supports) and app.ts is imported as is;
 *  - in the packaged app, electron-builder copies this file into dist/main/electron/, next to the
 *    compiled app.js, which is imported directly; tsx is not loaded.
 * CommonJS because Electron must be able to start it before any loader is in place.
 */
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

async function boot() {
  // `talon serve` from the packaged binary (the systemd unit in packaging/): the hub alone, no windows.
  const cli = path.join(__dirname, '..', 'cli.js');
  if (process.argv.includes('serve') && existsSync(cli)) return (await import(pathToFileURL(cli).href)).main(process.argv.slice(process.argv.indexOf('serve'))).then((code) => code && process.exit(code));
  let entry = path.join(__dirname, 'app.js');
  if (!existsSync(entry)) {
    // The ESM build of tsx's API: its CommonJS build (tsx 4.23) resolves its own hooks file wrongly.
    const { register } = await import('tsx/esm/api');
    register();
    entry = path.join(__dirname, 'app.ts');
  }
  const shell = await import(pathToFileURL(entry).href);
  await shell.main();
}

boot().catch((error) => {
  console.error('[talon] the shell failed to start:', error);
  process.exit(1);
});
