/**
 * The one place the shell reaches the `electron` module; tests replace this module with
 * tests/fakes/electron.ts. It is required rather than imported because the optional `electron`
 * package may be absent (and its typings with it): the shapes used are typed in electronApi.ts.
 */
import { createRequire } from 'node:module';
import type { ElectronMain } from './electronApi.js';

const electron: unknown = createRequire(import.meta.url)('electron');

// Under plain Node, `electron` is the npm package, which exports the path of its binary.
if (typeof electron === 'string' || electron === null || typeof electron !== 'object') {
  throw new Error('the Talon shell runs inside Electron; start it with `npm start` (or `talon start`)');
}

export const { app, BrowserWindow, screen, session, ipcMain, dialog } = electron as ElectronMain;
