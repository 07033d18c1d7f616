'use strict';
/*
 * Preload of every Talon window. It runs sandboxed, before the page, in an isolated world: the only
 * module it can require is `electron`, so it is one plain file loaded as is from the source tree and
 * from the build. Everything it exposes comes from the `--talon-window=` argument the main process
 * sets (main/electron/bridge.ts), including the channel names, which are declared only in
 * main/electron/channels.ts. The page gets a frozen object with data and one function; no Electron
 * or Node object crosses the bridge.
 */
const { contextBridge, ipcRenderer } = require('electron');

const PREFIX = '--talon-window=';
const ROLES = ['kiosk', 'board', 'desk', 'admin'];

function readWindowArgument(argv) {
  const raw = argv.find((arg) => typeof arg === 'string' && arg.startsWith(PREFIX));
  if (raw === undefined) return null;
  let value;
  try {
    value = JSON.parse(decodeURIComponent(raw.slice(PREFIX.length)));
  } catch {
    return null;
  }
  const valid =
    value !== null &&
    typeof value === 'object' &&
    ROLES.includes(value.role) &&
    (value.token === null || typeof value.token === 'string') &&
    typeof value.version === 'string' &&
    value.channels !== null &&
    typeof value.channels === 'object' &&
    typeof value.channels.windowReady === 'string';
  return valid ? value : null;
}

const windowArgument = readWindowArgument(process.argv);

if (windowArgument === null) {
  // The page still works as it does in a browser; it just cannot talk to the shell.
  console.error('talon preload: no valid --talon-window argument; window.talon is not available');
} else {
  const { role, token, version, channels } = windowArgument;
  contextBridge.exposeInMainWorld(
    'talon',
    Object.freeze({
      role,
      token,
      version,
      // Takes no argument from the page: the payload is built here, so a page cannot send anything else.
      reportReady: () => ipcRenderer.send(channels.windowReady, { role }),
    }),
  );
}
