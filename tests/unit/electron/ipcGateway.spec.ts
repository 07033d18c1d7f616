import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../main/electron/channels.js';
import { useTempDir } from '../../helpers/tmp.js';
import { FakeWebContents, FakeWebFrameMain, ipcMain, resetElectronFake } from '../../fakes/electron.js';
import { HUB_URL, startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-ipc-');

beforeEach(() => {
  resetElectronFake();
});

async function boardWindow() {
  const started = await startDevShell(writeConfig(tempDir(), [{ role: 'board', display: 0, fullscreen: true }]));
  const board = started.windows[0]!;
  return { ...started, board, page: board.webContents, top: board.webContents.mainFrame };
}

describe('the IPC gateway', () => {
  it('takes a ready report from the top frame of one of our windows showing the hub', async () => {
    const { shell, page, top, log } = await boardWindow();

    expect(top.url).toBe(`${HUB_URL}/board`);
    expect(shell.ipc.receive(CHANNELS.windowReady, { sender: page, senderFrame: top }, [{ role: 'board' }])).toEqual({ ok: true });
    ipcMain.simulateSend(page, top, CHANNELS.windowReady, { role: 'board' });
    expect(log.filter((line) => line === 'board window: ready')).toHaveLength(2);
  });

  it('refuses a channel that is not on the allow-list', async () => {
    const { shell, page, top, log } = await boardWindow();

    expect(shell.ipc.receive('talon:run-shell', { sender: page, senderFrame: top }, [{ role: 'board' }])).toEqual({
      ok: false,
      refused: 'UNKNOWN_CHANNEL',
    });
    expect(log).toContain('ipc: refused a message on "talon:run-shell": UNKNOWN_CHANNEL');
    // Nothing even listens on other channels.
    expect(ipcMain.eventNames()).toEqual([CHANNELS.windowReady]);
  });

  it('refuses a message from web contents that are not one of our windows', async () => {
    const { shell } = await boardWindow();
    const stranger = new FakeWebContents();
    void stranger.loadURL(`${HUB_URL}/board`);

    const outcome = shell.ipc.receive(CHANNELS.windowReady, { sender: stranger, senderFrame: stranger.mainFrame }, [{ role: 'board' }]);

    expect(outcome).toEqual({ ok: false, refused: 'FOREIGN_SENDER' });
  });

  it('refuses a message from an iframe, from a page off the hub, or from a frame already gone', async () => {
    const { shell, page, top } = await boardWindow();
    const send = (frame: FakeWebFrameMain | null) => shell.ipc.receive(CHANNELS.windowReady, { sender: page, senderFrame: frame }, [{ role: 'board' }]);

    expect(send(top.child(`${HUB_URL}/board/frame`))).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
    expect(send(new FakeWebFrameMain('https://example.com/'))).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
    expect(send(null)).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
  });

  it('refuses a payload that does not match the channel schema or the window role', async () => {
    const { shell, page, top } = await boardWindow();
    const send = (...args: unknown[]) => shell.ipc.receive(CHANNELS.windowReady, { sender: page, senderFrame: top }, args);

    expect(send()).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'kiosk' })).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'board', extra: 'x' })).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'board' }, 'second')).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send('board')).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
  });
});
