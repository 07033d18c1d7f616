import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../helpers/tmp.js';
import { CHANNELS } from '../../../main/electron/channels.js';
import { FakeBrowserWindow, app, fakeDisplay, ipcMain, resetElectronFake, screen } from '../../fakes/electron.js';
import { HUB_URL, startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-windows-');
const LEFT = fakeDisplay(11, 0, 0);
const RIGHT = fakeDisplay(22, 1920, 0, 3840, 2160);

beforeEach(() => {
  resetElectronFake();
  screen.setDisplays([LEFT, RIGHT]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the shell windows', () => {
  it('opens a window per configured role on its display, loading the role page from the hub', async () => {
    const config = writeConfig(tempDir(), [
      { role: 'kiosk', display: 0, fullscreen: true },
      { role: 'board', display: 1, fullscreen: true },
      { role: 'desk', display: 0, fullscreen: false, token: 'desk-1-token' },
    ]);
    const { windows } = await startDevShell(config);

    expect(windows.map((w) => w.webContents.loads)).toEqual([[`${HUB_URL}/kiosk`], [`${HUB_URL}/board`], [`${HUB_URL}/desk`]]);
    expect(windows.map((w) => ({ x: w.options.x, y: w.options.y, width: w.options.width, height: w.options.height }))).toEqual([
      LEFT.bounds,
      RIGHT.bounds,
      LEFT.workArea,
    ]);
  });

  it('falls back to the primary display when the configured one is not connected', async () => {
    screen.setDisplays([LEFT, RIGHT], 1);
    const { windows } = await startDevShell(writeConfig(tempDir(), [{ role: 'board', display: 5, fullscreen: true }]));

    expect(windows[0]!.options).toMatchObject(RIGHT.bounds);
  });

  it('locks the public screens in kiosk mode, and leaves desk and admin consoles as normal windows', async () => {
    const { windows } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'board', display: 1, fullscreen: true },
        { role: 'desk', display: 0, fullscreen: true, token: 'desk-1-token' },
        { role: 'admin', display: 1, fullscreen: false },
      ]),
    );

    expect(windows.map((w) => [w.options.kiosk, w.options.fullscreen])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it("hands each window its role, token and version over the IPC gateway, never on its command line or in its URL", async () => {
    app.version = '2.3.4';
    const { windows } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'desk', display: 0, fullscreen: false, token: 'desk-1-token' },
        { role: 'board', display: 1, fullscreen: true },
      ]),
    );
    const configs = await Promise.all(
      windows.map((w) => {
        w.webContents.simulateLoadFinished();
        return ipcMain.simulateInvoke(w.webContents, w.webContents.mainFrame, CHANNELS.windowConfig, {});
      }),
    );

    expect(configs).toEqual([
      { role: 'kiosk', token: 'kiosk-token-1', version: '2.3.4' },
      { role: 'desk', token: 'desk-1-token', version: '2.3.4' },
      { role: 'board', token: null, version: '2.3.4' },
    ]);
    for (const w of windows) {
      expect(w.webContents.getLastWebPreferences()?.additionalArguments).toBeUndefined();
      expect(JSON.stringify(w.options)).not.toMatch(/token/);
      expect(w.webContents.loads.join()).not.toMatch(/token/);
    }
  });

  it('opens the demo windows, a kiosk and a board, with --demo', async () => {
    const { windows } = await startDevShell(null);

    expect(windows.map((w) => [w.webContents.loads[0], w.options.x])).toEqual([
      [`${HUB_URL}/kiosk`, LEFT.bounds.x],
      [`${HUB_URL}/board`, RIGHT.bounds.x],
    ]);
  });

  it('puts a kiosk-mode window straight back into full screen, whatever took it out', async () => {
    const { windows, log } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'desk', display: 1, fullscreen: true, token: 'desk-1-token' },
      ]),
    );
    const [kiosk, desk] = windows;

    kiosk!.setFullScreen(false);
    kiosk!.setKiosk(false);
    desk!.setFullScreen(false);

    expect([kiosk!.isFullScreen(), kiosk!.isKiosk()]).toEqual([true, true]);
    expect(desk!.isFullScreen()).toBe(false);
    expect(log).toContain('kiosk window: left full screen; back into kiosk mode');
  });

  it('reopens a kiosk-mode window closed by accident, but not a desk console', async () => {
    vi.useFakeTimers();
    const { windows, log } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'desk', display: 1, fullscreen: false, token: 'desk-1-token' },
      ]),
      { reopenAfterMs: 1_000 },
    );
    const [kiosk, desk] = windows;

    kiosk!.close();
    desk!.close();
    expect(app.quitRequests).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);

    const open = FakeBrowserWindow.getAllWindows();
    expect(open).toHaveLength(1);
    expect(open[0]!.webContents.loads).toEqual([`${HUB_URL}/kiosk`]);
    expect(open[0]!.options.kiosk).toBe(true);
    expect(log).toContain('kiosk window: closed while in kiosk mode; reopening');
  });

  it('does not reopen windows while the app quits', async () => {
    vi.useFakeTimers();
    await startDevShell(writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]), { reopenAfterMs: 1_000 });

    app.quit();
    await vi.advanceTimersByTimeAsync(5_000);

    expect(app.quitted).toBe(true);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('moves a window to its display when that display is connected later', async () => {
    screen.setDisplays([LEFT]);
    const { log } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'board', display: 1, fullscreen: true },
      ]),
    );

    screen.setDisplays([LEFT, RIGHT]);

    const open = FakeBrowserWindow.getAllWindows();
    expect(open.map((w) => [w.webContents.loads[0], w.options.x])).toEqual([
      [`${HUB_URL}/kiosk`, LEFT.bounds.x],
      [`${HUB_URL}/board`, RIGHT.bounds.x],
    ]);
    expect(FakeBrowserWindow.created).toHaveLength(3);
    expect(log).toContain('board window: moving to display 22');
    expect(app.quitRequests).toBe(0);
  });

  it('brings the running instance forward, reopening closed windows, when Talon is started again', async () => {
    const { windows } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'admin', display: 0, fullscreen: false },
        { role: 'desk', display: 1, fullscreen: false, token: 'desk-1-token' },
      ]),
    );
    const [admin, desk] = windows;
    admin!.minimize();
    desk!.close();

    app.simulateSecondInstance(['talon', 'start']);

    const open = FakeBrowserWindow.getAllWindows();
    expect(open.map((w) => w.webContents.loads[0])).toEqual([`${HUB_URL}/admin`, `${HUB_URL}/desk`]);
    expect(admin!.isMinimized()).toBe(false);
    expect(admin!.focused).toBe(true);
  });
});
