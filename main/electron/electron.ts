/**
 * The one place the shell reaches the `electron` module at run time; tests replace this module with
 * tests/fakes/electron.ts. It is required rather than imported because under plain Node `electron`
 * is the npm package, which exports the path of its binary: the shapes used are typed in
 * electronApi.ts, from Electron's own declarations.
 */
import { createRequire } from 'node:module';
import type { ElectronMain } from './electronApi.js';

const electron: unknown = createRequire(import.meta.url)('electron');

if (typeof electron === 'string' || electron === null || typeof electron !== 'object') {
  throw new Error('the Talon shell runs inside Electron; start it with `npm start` (or `talon start`)');
}

export const { app, BrowserWindow, Menu, screen, session, ipcMain, dialog, utilityProcess } = electron as ElectronMain;
