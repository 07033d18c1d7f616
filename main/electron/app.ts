/**
 * The Electron main process: one instance per machine, the hub found or started, every web contents
 * locked down, one window per configured role, messages from pages through the IPC gateway.
 * boot.cjs calls `main()`; tests call `startApp()` against tests/fakes/electron.ts.
 */
import { fileURLToPath } from 'node:url';
import { CHANNELS } from './channels.js';
import { app, BrowserWindow, dialog, ipcMain, screen, session } from './electron.js';
import { linkToHub, type HubLink, type HubLinkOptions, type ShellSetup } from './hubLink.js';
import { openIpcGateway, type IpcGateway } from './ipcGateway.js';
import { guardContents, guardSession } from './lockdown.js';
import type { RecoveryPolicy } from './recovery.js';
import { tokenFor } from './tokens.js';
import { openShellWindows, type ShellWindows } from './windows.js';

/** Next to this module in the source tree and in the build (electron-builder copies it there). */
export const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  startHub?: HubLinkOptions['startHub'];
  recovery?: RecoveryPolicy;
  reopenAfterMs?: number;
}

export interface Shell {
  hub: HubLink;
  windows: ShellWindows;
  ipc: IpcGateway;
}

function consoleLog(line: string): void {
  console.log(`[talon] ${line}`);
}

/** Resolves to null when another instance already runs (it is told to come forward) or start-up failed. */
export async function startApp(options: StartOptions = {}): Promise<Shell | null> {
  const log = options.log ?? consoleLog;
  if (!app.requestSingleInstanceLock()) {
    log('Talon is already running on this machine; bringing it forward');
    app.quit();
    return null;
  }
  await app.whenReady();
  let setup: ShellSetup;
  try {
    setup = await linkToHub({
      env: options.env ?? process.env,
      userData: app.getPath('userData'),
      log,
      ...(options.startHub && { startHub: options.startHub }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`cannot start: ${message}`);
    dialog.showErrorBox('Talon cannot start', message);
    app.exit(1);
    return null;
  }
  const { link: hub, tokens, windows: specs } = setup;

  const hubOrigin = () => new URL(hub.url()).origin;
  // Every web contents, ours or any other that appears, gets the same guards before it loads.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, hubOrigin, log));
  guardSession(session.defaultSession, hubOrigin, log);

  const shellWindows = openShellWindows({
    electron: { BrowserWindow, screen },
    specs,
    tokenFor: (spec) => tokenFor(spec, tokens),
    hubUrl: hub.url,
    preload: PRELOAD_PATH,
    version: app.getVersion(),
    devTools: !app.isPackaged,
    log,
    ...(options.recovery && { recovery: options.recovery }),
    ...(options.reopenAfterMs !== undefined && { reopenAfterMs: options.reopenAfterMs }),
  });
  // Another `talon start` on this machine brings this one forward instead.
  app.on('second-instance', () => shellWindows.focus());

  const ipc = openIpcGateway({
    ipcMain,
    senderOf: (id) => shellWindows.byContentsId(id),
    hubOrigin,
    log,
    handlers: {
      [CHANNELS.windowReady]: (sender) => {
        log(`${sender.role} window: ready`);
        sender.recovery.markReady();
      },
    },
  });

  screen.on('display-added', () => shellWindows.followDisplays());
  screen.on('display-removed', () => shellWindows.followDisplays());

  let hubStopped = false;
  app.on('before-quit', (event) => {
    shellWindows.stopReopening();
    if (hubStopped) return;
    // Quit once the hub has closed its sockets and the store, so nothing is cut mid-write.
    event.preventDefault();
    hub
      .stop()
      .catch((error: unknown) => log(`hub: stopping failed: ${String(error)}`))
      .finally(() => {
        hubStopped = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    // A hub in this process serves the whole floor: it keeps running with no window of its own.
    if (shellWindows.reopening() || hub.hosted) return;
    app.quit();
  });

  return { hub, windows: shellWindows, ipc };
}

/** The entry boot.cjs calls. */
export async function main(): Promise<void> {
  let shell: Shell | null = null;
  // Electron's default for an uncaught error in the main process is a modal dialog: fatal on a kiosk.
  // A hub in this process is where such errors come from, so it is replaced.
  process.on('uncaughtException', (error) => {
    consoleLog(`uncaught error in the main process: ${error.stack ?? error.message}`);
    shell?.hub.restart('an uncaught error in the main process');
  });
  process.on('unhandledRejection', (reason) => {
    consoleLog(`unhandled rejection in the main process: ${String(reason)}`);
  });
  shell = await startApp();
}
