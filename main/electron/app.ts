/**
 * The Electron main process: one instance per machine, sandboxed renderers, no application menu,
 * the hub found or started in its own process, every web contents locked down, one window per
 * configured role, messages from pages through the IPC gateway; a set-up screen when there is no
 * usable config. boot.cjs calls `main()`; tests call `startApp()` against tests/fakes/electron.ts.
 */
import { fileURLToPath } from 'node:url';
import { CHANNELS } from './channels.js';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, utilityProcess } from './electron.js';
import type { BrowserWindow as Window } from './electronApi.js';
import { forkHub } from './hubFork.js';
import { linkToHub, type HubLink, type StartHub } from './hubLink.js';
import { createInputFilter } from './inputFilter.js';
import { openIpcGateway, type IpcGateway } from './ipcGateway.js';
import { guardContents, guardSession } from './lockdown.js';
import type { RecoveryPolicy } from './recovery.js';
import { openSetupWindow, type SetupProblem } from './setupScreen.js';
import { tokenFor } from './tokens.js';
import { openShellWindows, type ShellWindows } from './windows.js';

/** Next to this module in the source tree and in the build (electron-builder copies it there). */
export const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  argv?: readonly string[];
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
  /** The hub's process; forkHub (utilityProcess.fork) by default. */
  startHub?: StartHub;
  recovery?: RecoveryPolicy;
  reopenAfterMs?: number;
  now?: () => number;
}

export interface Shell {
  kind: 'centre';
  hub: HubLink;
  windows: ShellWindows;
  ipc: IpcGateway;
}

export interface SetupShell {
  kind: 'setup';
  window: Window;
  problem: SetupProblem;
}

function consoleLog(line: string): void {
  console.log(`[talon] ${line}`);
}

/** Resolves to null when another instance already runs (it is told to come forward) or start-up failed. */
export async function startApp(options: StartOptions = {}): Promise<Shell | SetupShell | null> {
  const log = options.log ?? consoleLog;
  // Every renderer sandboxed, whatever a window's preferences say; must come before `ready`.
  app.enableSandbox();
  // No menu, so none of its accelerators (reload, zoom, devtools, close, quit) exist.
  Menu.setApplicationMenu(null);
  if (!app.requestSingleInstanceLock()) {
    log('Talon is already running on this machine; bringing it forward');
    app.quit();
    return null;
  }
  await app.whenReady();

  // Filled once the windows open; the guards and handlers set up before then read it late.
  const opened: { windows?: ShellWindows } = {};
  let hubUrl: () => string = () => 'null';
  const hubOrigin = () => {
    try {
      return new URL(hubUrl()).origin;
    } catch {
      return 'null';
    }
  };
  // Every web contents, ours or any other that appears, gets the same guards before it loads.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, hubOrigin, log));
  guardSession(session.defaultSession, hubOrigin, (id) => opened.windows?.byContentsId(id)?.role, log);

  const showSetup = (problem: SetupProblem): SetupShell => {
    app.on('window-all-closed', () => app.quit());
    return { kind: 'setup', window: openSetupWindow({ BrowserWindow, problem, log }), problem };
  };

  const startHub: StartHub = options.startHub ?? ((config, { demo }) => forkHub({ utilityProcess, config, demo, log }));
  let setup;
  try {
    setup = await linkToHub({
      env: options.env ?? process.env,
      argv: options.argv ?? process.argv,
      ...(options.platform && { platform: options.platform }),
      log,
      startHub,
      onSetupError: (problem) => {
        // The hub gave up on its data folder while running: the windows would show nothing but errors.
        opened.windows?.stopReopening();
        for (const open of opened.windows?.all() ?? []) open.window.destroy();
        showSetup(problem);
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`cannot start: ${message}`);
    dialog.showErrorBox('Talon cannot start', message);
    app.exit(1);
    return null;
  }
  if (setup.kind === 'setup') return showSetup(setup.problem);
  const { link: hub, tokens, windows: specs } = setup;
  hubUrl = hub.url;

  const inputFilter = createInputFilter({
    exitPinHash: setup.exitPinHash,
    now: options.now ?? Date.now,
    log,
    onExit: () => {
      opened.windows?.stopReopening();
      app.quit();
    },
  });
  const windows = openShellWindows({
    electron: { BrowserWindow, screen },
    specs,
    tokenFor: (spec) => tokenFor(spec, tokens),
    hubUrl: hub.url,
    preload: PRELOAD_PATH,
    version: app.getVersion(),
    devTools: !app.isPackaged,
    inputFilter,
    log,
    ...(options.recovery && { recovery: options.recovery }),
    ...(options.reopenAfterMs !== undefined && { reopenAfterMs: options.reopenAfterMs }),
  });
  opened.windows = windows;
  // Another `talon start` on this machine brings this one forward instead.
  app.on('second-instance', () => windows.focus());

  const ipc = openIpcGateway({
    ipcMain,
    senderOf: (id) => windows.byContentsId(id),
    hubOrigin,
    log,
    handlers: {
      [CHANNELS.windowConfig]: (sender) => sender.config,
      [CHANNELS.windowReady]: (sender) => {
        log(`${sender.role} window: ready`);
        sender.recovery.markReady();
      },
    },
  });

  screen.on('display-added', () => windows.followDisplays());
  screen.on('display-removed', () => windows.followDisplays());

  let hubStopped = false;
  app.on('before-quit', (event) => {
    windows.stopReopening();
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
    // A hub of this app serves the whole floor: it keeps running with no window of its own.
    if (windows.reopening() || hub.hosted) return;
    app.quit();
  });

  return { kind: 'centre', hub, windows, ipc };
}

/** The entry boot.cjs calls. */
export async function main(): Promise<void> {
  // Electron's default for an uncaught error in the main process is a modal dialog: fatal on a kiosk.
  // The hub is not here (it has its own process and supervisor), so the error is logged and the
  // windows keep running.
  process.on('uncaughtException', (error) => consoleLog(`uncaught error in the main process: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => consoleLog(`unhandled rejection in the main process: ${String(reason)}`));
  await startApp();
}
