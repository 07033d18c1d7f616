import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../../main/electron/app.js';
import type { StartedHub } from '../../../main/electron/hubSupervisor.js';
import type { TalonConfig } from '../../../main/config/schema.js';
import { useTempDir } from '../../helpers/tmp.js';
import { FakeBrowserWindow, app, dialog, resetElectronFake } from '../../fakes/electron.js';
import { startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-app-');

beforeEach(() => {
  resetElectronFake();
});

afterEach(() => {
  vi.useRealTimers();
});

/** An in-process hub stand-in that records what it was started with and when it was closed. */
function hubStarter(url = 'http://127.0.0.1:7300') {
  const started: { config: TalonConfig; demo: boolean }[] = [];
  let closed = 0;
  let finishClose: () => void = () => undefined;
  let holdClose = false;
  const start = async (config: TalonConfig, options: { demo: boolean }): Promise<StartedHub> => {
    started.push({ config, demo: options.demo });
    return {
      url,
      close: () =>
        new Promise<void>((resolve) => {
          closed += 1;
          if (holdClose) finishClose = resolve;
          else resolve();
        }),
    };
  };
  return {
    start,
    started,
    closed: () => closed,
    holdClose: () => {
      holdClose = true;
    },
    finishClose: () => finishClose(),
  };
}

describe('the app', () => {
  it('quits at once when another instance holds the lock', async () => {
    app.singleInstanceLockFree = false;
    const log: string[] = [];

    const shell = await startApp({ env: { TALON_HUB_URL: 'http://127.0.0.1:7300' }, log: (l) => log.push(l) });

    expect(shell).toBeNull();
    expect(app.quitRequests).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('shows why and exits when it cannot start', async () => {
    const shell = await startApp({ env: { TALON_HUB_URL: 'ftp://hub' }, log: () => undefined });

    expect(shell).toBeNull();
    expect(dialog.errors).toEqual([{ title: 'Talon cannot start', content: 'TALON_HUB_URL must be http(s): ftp://hub' }]);
    expect(app.exitCode).toBe(1);
  });

  it('reports every problem of a broken config file', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [{ role: 'kiosk', display: 0, fullscreen: true }]);
    writeFileSync(config, 'centre: { id: 8041 }\n');

    await startApp({ env: { TALON_HUB_URL: 'http://127.0.0.1:7300', TALON_CONFIG: config }, log: () => undefined });

    expect(dialog.errors[0]?.content).toMatch(/talon\.yaml/);
    expect(app.exitCode).toBe(1);
  });

  it('quits when the last window is closed and the hub runs elsewhere', async () => {
    const { windows } = await startDevShell(writeConfig(tempDir(), [{ role: 'admin', display: 0, fullscreen: false }]));

    windows[0]!.close();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  describe('packaged, with no hub URL from a launcher', () => {
    it('starts the demo centre in-process when there is no config in userData, and opens its windows on it', async () => {
      app.isPackaged = true;
      app.userData = tempDir();
      const hub = hubStarter('http://127.0.0.1:7311');

      const shell = await startApp({ env: {}, log: () => undefined, startHub: hub.start });

      expect(hub.started).toHaveLength(1);
      expect(hub.started[0]!.demo).toBe(true);
      expect(hub.started[0]!.config.data.dir).toBe(`${app.userData}/demo-data`);
      expect(shell?.hub.hosted).toBe(true);
      const windows = FakeBrowserWindow.getAllWindows();
      expect(windows.map((w) => w.webContents.loads[0])).toEqual(['http://127.0.0.1:7311/kiosk', 'http://127.0.0.1:7311/board']);
      expect(windows.map((w) => w.options.webPreferences.devTools)).toEqual([false, false]);
    });

    it('runs the centre configured in <userData>/talon.yaml', async () => {
      app.isPackaged = true;
      app.userData = tempDir();
      writeConfig(app.userData, [{ role: 'kiosk', display: 0, fullscreen: true }]);
      const hub = hubStarter();

      await startApp({ env: {}, log: () => undefined, startHub: hub.start });

      expect(hub.started.map((s) => [s.demo, s.config.centre.name])).toEqual([[false, 'Test centre']]);
      expect(FakeBrowserWindow.getAllWindows()[0]!.options.webPreferences.additionalArguments[0]).toContain('kiosk-token-1');
    });

    it('connects to the remote hub, starting none, on a machine that does not run the hub', async () => {
      app.isPackaged = true;
      app.userData = tempDir();
      writeConfig(app.userData, [{ role: 'board', display: 0, fullscreen: true }], { runHub: false, remoteHub: 'http://10.0.0.5:7300/' });
      const hub = hubStarter();

      const shell = await startApp({ env: {}, log: () => undefined, startHub: hub.start });

      expect(hub.started).toHaveLength(0);
      expect(shell?.hub.hosted).toBe(false);
      expect(FakeBrowserWindow.getAllWindows()[0]!.webContents.loads).toEqual(['http://10.0.0.5:7300/board']);
    });

    it('keeps the hub serving the floor when its own windows are all closed', async () => {
      app.isPackaged = true;
      app.userData = tempDir();
      writeConfig(app.userData, [{ role: 'admin', display: 0, fullscreen: false }]);
      const hub = hubStarter();
      await startApp({ env: {}, log: () => undefined, startHub: hub.start });

      FakeBrowserWindow.getAllWindows()[0]!.close();
      await Promise.resolve();

      expect(app.quitRequests).toBe(0);
      expect(hub.closed()).toBe(0);
    });

    it('closes the hub before it quits', async () => {
      app.isPackaged = true;
      app.userData = tempDir();
      const hub = hubStarter();
      hub.holdClose();
      await startApp({ env: {}, log: () => undefined, startHub: hub.start });

      app.quit();
      expect(hub.closed()).toBe(1);
      expect(app.quitted).toBe(false);
      expect(FakeBrowserWindow.getAllWindows()).toHaveLength(2);

      hub.finishClose();
      await vi.waitFor(() => expect(app.quitted).toBe(true));
      expect(FakeBrowserWindow.getAllWindows()).toHaveLength(0);
    });

    it('replaces a hub that broke', async () => {
      vi.useFakeTimers();
      app.isPackaged = true;
      app.userData = tempDir();
      const hub = hubStarter();
      const log: string[] = [];
      const shell = await startApp({ env: {}, log: (l) => log.push(l), startHub: hub.start });

      shell!.hub.restart('an uncaught error in the main process');
      await vi.advanceTimersByTimeAsync(1_000);

      expect(hub.closed()).toBe(1);
      expect(hub.started).toHaveLength(2);
      expect(log).toContain('hub: an uncaught error in the main process; starting it again in 1000 ms');
    });
  });
});
