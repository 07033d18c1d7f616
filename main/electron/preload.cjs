'use strict';
/*
 * Preload of every Talon window. It runs sandboxed, before the page, in an isolated world: the only
 * module it can require is `electron`, so it is one plain file loaded as is from the source tree and
 * from the build. It asks the main process for its window's role, token and version (`invoke`, which
 * the IPC gateway answers only to the top frame of one of our windows showing the hub), so nothing
 * secret is on the renderer's command line. The channel names repeat main/electron/channels.ts;
 * tests/unit/electron/preload.spec.ts runs this file against them. The page gets a frozen object
 * with two functions; no Electron or Node object crosses the bridge.
 */
const { contextBridge, ipcRenderer } = require('electron');

const CHANNELS = { windowConfig: 'talon:window-config', windowReady: 'talon:window-ready' };
const ROLES = ['kiosk', 'board', 'desk', 'admin'];

function validConfig(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    ROLES.includes(value.role) &&
    (value.token === null || typeof value.token === 'string') &&
    typeof value.version === 'string'
  );
}

const configured = ipcRenderer.invoke(CHANNELS.windowConfig, {}).then(
  (value) => {
    if (validConfig(value)) return Object.freeze({ role: value.role, token: value.token, version: value.version });
    console.error('talon preload: the shell sent no valid window configuration');
    return null;
  },
  (error) => {
    // The page still works as it does in a browser; it just cannot talk to the shell.
    console.error(`talon preload: the shell refused the window configuration (${error && error.message})`);
    return null;
  },
);

contextBridge.exposeInMainWorld(
  'talon',
  Object.freeze({
    config: () => configured,
    // Takes no argument from the page: the payload is built here, so a page cannot send anything else.
    reportReady: () => {
      void configured.then((config) => {
        if (config !== null) ipcRenderer.send(CHANNELS.windowReady, { role: config.role });
      });
    },
  }),
);
