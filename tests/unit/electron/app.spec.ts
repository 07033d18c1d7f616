import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { startApp } from '../../../main/electron/app.js';
import { useTempDir } from '../../helpers/tmp.js';
import { FakeAppExit, FakeBrowserWindow, app, dialog, resetElectronFake, utilityProcess } from '../../fakes/electron.js';
import { playHubProcess, startDevShell, startPackaged, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-app-');

beforeEach(() => {
  resetElectronFake();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the app', () => {
  it('quits at once when another instance holds the lock', async () => {
    app.singleInstanceLockFree = false;
    const log: string[] = [];

    const shell = await startApp({ env: { TALON_HUB_URL: 'http://127.0.0.1:7300' }, log: (l) => log.push(l) });

    expect(shell).toBeNull();
    expect(app.quitRequests).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('shows why and exits when it cannot start, running nothing after the exit', async () => {
    const started = startApp({ env: { TALON_HUB_URL: 'ftp://hub' }, log: () => undefined });

    await expect(started).rejects.toBeInstanceOf(FakeAppExit);
    expect(dialog.errors).toEqual([{ title: 'Talon cannot start', content: 'TALON_HUB_URL must be http(s): ftp://hub' }]);
    expect(app.exitCode).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('reports every problem of a broken config file on the set-up screen', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, [{ role: 'kiosk', display: 0, fullscreen: true }]);
    writeFileSync(config, 'centre: { id: 8041 }\n');

    const shell = await startApp({ env: { TALON_HUB_URL: 'http://127.0.0.1:7300', TALON_CONFIG: config }, log: () => undefined });

    expect(shell?.kind === 'setup' && shell.problem.details.join('\n')).toMatch(/talon\.yaml/);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('quits when the last window is closed and the hub runs elsewhere', async () => {
    const { windows } = await startDevShell(writeConfig(tempDir(), [{ role: 'admin', display: 0, fullscreen: false }]));

    windows[0]!.close();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  describe('packaged, with no hub URL from a launcher', () => {
    it('shows a set-up screen, and starts no hub, when there is no config', async () => {
      const hubs = playHubProcess();
      const config = join(tempDir(), 'talon.yaml');
      const data = tempDir();

      const { shell } = await startPackaged({ TALON_CONFIG: config, TALON_DATA: data });

      expect(shell?.kind).toBe('setup');
      expect(hubs.children).toHaveLength(0);
      const [window] = FakeBrowserWindow.getAllWindows();
      const page = decodeURIComponent(window!.webContents.loads[0]!.replace(/^data:text\/html;charset=utf-8,/, ''));
      expect(page).toContain(config);
      expect(page).toContain(data);
      expect(page).toContain('--demo');
      // The set-up page asks the shell nothing: no preload.
      expect(window!.webContents.getLastWebPreferences()?.preload).toBeUndefined();
    });

    it('says what is wrong with the config it found', async () => {
      playHubProcess();
      const config = writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]);
      writeFileSync(config, 'centre: { id: 8041 }\n');

      const { shell } = await startPackaged({ TALON_CONFIG: config, TALON_DATA: tempDir() });

      expect(shell?.kind).toBe('setup');
      const problem = shell?.kind === 'setup' ? shell.problem : undefined;
      expect(problem?.found).toBe('invalid');
      expect(problem?.details.join('\n')).toMatch(/services/);
      const page = decodeURIComponent(FakeBrowserWindow.getAllWindows()[0]!.webContents.loads[0]!);
      expect(page).toContain('services');
    });

    it('runs the demo centre only with --demo, its data under the data folder', async () => {
      const hubs = playHubProcess('http://127.0.0.1:7311');
      const data = tempDir();

      const { shell } = await startPackaged({ TALON_CONFIG: join(tempDir(), 'talon.yaml'), TALON_DATA: data }, { argv: ['/opt/Talon/talon', '--demo'] });

      expect(hubs.starts.map((s) => [s.demo, s.config.data.dir])).toEqual([[true, join(data, 'demo')]]);
      expect(shell?.kind === 'centre' && shell.hub.hosted).toBe(true);
      const windows = FakeBrowserWindow.getAllWindows();
      expect(windows.map((w) => w.webContents.loads[0])).toEqual(['http://127.0.0.1:7311/kiosk', 'http://127.0.0.1:7311/board']);
    });

    it('runs the configured centre in its own utility process, handing it the config over the parent port', async () => {
      app.isPackaged = true;
      const hubs = playHubProcess('http://127.0.0.1:7311');
      const data = tempDir();
      const config = writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]);

      await startPackaged({ TALON_CONFIG: config, TALON_DATA: data });

      expect(hubs.children).toHaveLength(1);
      const [child] = hubs.children;
      expect(child!.modulePath).toMatch(/main\/electron\/hubEntry\.cjs$/);
      // Nothing on its command line: no config path, no token.
      expect(child!.args).toEqual([]);
      expect(child!.options?.serviceName).toBe('Talon hub');
      expect(hubs.starts.map((s) => [s.demo, s.config.centre.name, s.config.data.dir])).toEqual([[false, 'Test centre', data]]);
      expect(app.getAppMetrics().map((m) => [m.type, m.name])).toContainEqual(['Utility', 'Talon hub']);
      expect(FakeBrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences()?.devTools).toBe(false);
    });

    it('keeps the config in the machine-wide file, not the user profile', async () => {
      playHubProcess();

      const { shell } = await startPackaged({ HOME: tempDir() }, { platform: 'linux' });

      expect(shell?.kind === 'setup' && shell.problem.configFile).toBe('/etc/talon/talon.yaml');
      expect(shell?.kind === 'setup' && shell.problem.dataDir).toBe('/var/lib/talon');
    });

    it('connects to the remote hub, starting none, on a machine that does not run the hub', async () => {
      const hubs = playHubProcess();
      const config = writeConfig(tempDir(), [{ role: 'board', display: 0, fullscreen: true }], { runHub: false, remoteHub: 'http://10.0.0.5:7300/' });

      const { shell } = await startPackaged({ TALON_CONFIG: config, TALON_DATA: tempDir() });

      expect(hubs.children).toHaveLength(0);
      expect(shell?.kind === 'centre' && shell.hub.hosted).toBe(false);
      expect(FakeBrowserWindow.getAllWindows()[0]!.webContents.loads).toEqual(['http://10.0.0.5:7300/board']);
    });

    it('keeps the hub serving the floor when its own windows are all closed', async () => {
      const hubs = playHubProcess();
      const config = writeConfig(tempDir(), [{ role: 'admin', display: 0, fullscreen: false }]);
      await startPackaged({ TALON_CONFIG: config, TALON_DATA: tempDir() });

      FakeBrowserWindow.getAllWindows()[0]!.close();
      await Promise.resolve();

      expect(app.quitRequests).toBe(0);
      expect(hubs.children[0]!.posted).toEqual([expect.objectContaining({ type: 'start' })]);
    });

    it("stops the hub's process before it quits", async () => {
      const hubs = playHubProcess();
      hubs.holdStop();
      await startPackaged({ TALON_DATA: tempDir() }, { argv: ['talon', '--demo'] });

      app.quit();
      await vi.waitFor(() => expect(hubs.children[0]!.posted).toContainEqual({ type: 'stop' }));
      expect(app.quitted).toBe(false);
      expect(FakeBrowserWindow.getAllWindows()).toHaveLength(2);

      hubs.finishStop();
      await vi.waitFor(() => expect(app.quitted).toBe(true));
      expect(FakeBrowserWindow.getAllWindows()).toHaveLength(0);
    });

    it('starts a new hub process when the hub ends by itself, and never restarts one in the main process', async () => {
      vi.useFakeTimers();
      const hubs = playHubProcess();
      const { log } = await startPackaged({ TALON_DATA: tempDir() }, { argv: ['talon', '--demo'] });

      hubs.children[0]!.simulateExit(1);
      await vi.advanceTimersByTimeAsync(1_000);

      expect(hubs.children).toHaveLength(2);
      expect(hubs.starts).toHaveLength(2);
      expect(log).toContain('hub: the hub process ended with exit code 1; starting it again in 1000 ms');
    });

    it('closes the windows and shows the set-up screen when a running hub gives up on its data folder', async () => {
      vi.useFakeTimers();
      const hubs = playHubProcess();
      const { shell } = await startPackaged({ TALON_DATA: tempDir() }, { argv: ['talon', '--demo'] });
      expect(shell?.kind).toBe('centre');

      hubs.children[0]!.simulateExit(78);
      await vi.advanceTimersByTimeAsync(60_000);

      const open = FakeBrowserWindow.getAllWindows();
      expect(open).toHaveLength(1);
      expect(open[0]!.options.title).toBe('Talon — set-up');
      expect(decodeURIComponent(open[0]!.webContents.loads[0]!)).toContain('exit code 78');
      expect(hubs.children).toHaveLength(1);
    });

    it('shows the set-up screen when the hub cannot open its data folder, instead of retrying', async () => {
      utilityProcess.onFork = (child) => {
        child.simulateMessage({ type: 'failed', message: 'EACCES: permission denied, mkdir /var/lib/talon' });
        child.simulateExit(78);
      };

      const { shell } = await startPackaged({ TALON_DATA: '/var/lib/talon' }, { argv: ['talon', '--demo'] });

      expect(shell?.kind).toBe('setup');
      expect(shell?.kind === 'setup' && shell.problem.details.join()).toContain('EACCES');
      expect(utilityProcess.forked).toHaveLength(1);
    });
  });
});
