import fc from 'fast-check';
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

async function boardWindow(token?: string) {
  const started = await startDevShell(writeConfig(tempDir(), [{ role: 'board', display: 0, fullscreen: true, ...(token && { token }) }]));
  const board = started.windows[0]!;
  board.webContents.simulateLoadFinished();
  return { ...started, board, page: board.webContents, top: board.webContents.mainFrame };
}

describe('the IPC gateway', () => {
  it("answers the window's configuration to the top frame of one of our windows showing the hub", async () => {
    const { page, top } = await boardWindow('board-token-1');

    expect(top.url).toBe(`${HUB_URL}/board`);
    await expect(ipcMain.simulateInvoke(page, top, CHANNELS.windowConfig, {})).resolves.toEqual({ role: 'board', token: 'board-token-1', version: '0.1.0' });
  });

  it('does not answer before the page has committed to the hub, nor to a frame already gone', async () => {
    const started = await startDevShell(writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]));
    const page = started.windows[0]!.webContents;

    // loadURL has started the navigation; the frame is still the blank page it replaces.
    expect(page.pendingLoad()).toBe(`${HUB_URL}/kiosk`);
    await expect(ipcMain.simulateInvoke(page, page.mainFrame, CHANNELS.windowConfig, {})).rejects.toThrow('FOREIGN_FRAME');
    await expect(ipcMain.simulateInvoke(page, null, CHANNELS.windowConfig, {})).rejects.toThrow('FOREIGN_FRAME');
  });

  it('takes a ready report from the top frame of one of our windows showing the hub', async () => {
    const { shell, page, top, log } = await boardWindow();

    expect(shell.ipc.receive(CHANNELS.windowReady, 'send', { sender: page, senderFrame: top }, [{ role: 'board' }])).toEqual({ ok: true, answer: undefined });
    ipcMain.simulateSend(page, top, CHANNELS.windowReady, { role: 'board' });
    expect(log.filter((line) => line === 'board window: ready')).toHaveLength(2);
  });

  it('refuses a channel that is not on the allow-list, or one used the wrong way', async () => {
    const { shell, page, top, log } = await boardWindow();

    expect(shell.ipc.receive('talon:run-shell', 'invoke', { sender: page, senderFrame: top }, [{}])).toEqual({ ok: false, refused: 'UNKNOWN_CHANNEL' });
    expect(log).toContain('ipc: refused a message on "talon:run-shell": UNKNOWN_CHANNEL');
    await expect(ipcMain.simulateInvoke(page, top, 'talon:run-shell', {})).rejects.toThrow("No handler registered for 'talon:run-shell'");
    // The config is a question: sent as a message it gets nothing back and is refused.
    expect(shell.ipc.receive(CHANNELS.windowConfig, 'send', { sender: page, senderFrame: top }, [{}])).toEqual({ ok: false, refused: 'WRONG_KIND' });
    await expect(ipcMain.simulateInvoke(page, top, CHANNELS.windowReady, { role: 'board' })).rejects.toThrow('WRONG_KIND');
    // Nothing even listens on other channels.
    expect(ipcMain.eventNames().sort()).toEqual([CHANNELS.windowConfig, CHANNELS.windowReady].sort());
    expect(ipcMain.handled().sort()).toEqual([CHANNELS.windowConfig, CHANNELS.windowReady].sort());
  });

  it('refuses web contents that are not one of our windows', async () => {
    await boardWindow('board-token-1');
    const stranger = new FakeWebContents();
    void stranger.loadURL(`${HUB_URL}/board`);
    stranger.simulateLoadFinished();

    await expect(ipcMain.simulateInvoke(stranger, stranger.mainFrame, CHANNELS.windowConfig, {})).rejects.toThrow('FOREIGN_SENDER');
  });

  it('refuses an iframe, a page off the hub, or a frame already gone', async () => {
    const { shell, page, top } = await boardWindow();
    const send = (frame: FakeWebFrameMain | null) => shell.ipc.receive(CHANNELS.windowReady, 'send', { sender: page, senderFrame: frame }, [{ role: 'board' }]);

    expect(send(top.child(`${HUB_URL}/board/frame`))).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
    expect(send(new FakeWebFrameMain('https://example.com/'))).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
    expect(send(null)).toEqual({ ok: false, refused: 'FOREIGN_FRAME' });
    await expect(ipcMain.simulateInvoke(page, top.child(`${HUB_URL}/board/frame`), CHANNELS.windowConfig, {})).rejects.toThrow('FOREIGN_FRAME');
  });

  it('refuses a payload that does not match the channel schema or the window role', async () => {
    const { shell, page, top } = await boardWindow();
    const send = (...args: unknown[]) => shell.ipc.receive(CHANNELS.windowReady, 'send', { sender: page, senderFrame: top }, args);

    expect(send()).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'kiosk' })).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'board', extra: 'x' })).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send({ role: 'board' }, 'second')).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    expect(send('board')).toEqual({ ok: false, refused: 'BAD_PAYLOAD' });
    await expect(ipcMain.simulateInvoke(page, top, CHANNELS.windowConfig, { role: 'admin' })).rejects.toThrow('BAD_PAYLOAD');
  });

  it('answers garbage on any channel with a refusal, never a throw in the main process', async () => {
    const { shell, page, top } = await boardWindow('board-token-1');
    const frames = [top, null, top.child(`${HUB_URL}/x`), new FakeWebFrameMain('file:///etc/passwd')];

    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...Object.values(CHANNELS)), fc.string()),
        fc.constantFrom('send' as const, 'invoke' as const),
        fc.constantFrom(...frames),
        fc.array(fc.anything(), { maxLength: 3 }),
        (channel, kind, frame, args) => {
          const outcome = shell.ipc.receive(channel, kind, { sender: page, senderFrame: frame }, args);
          // The only answer carrying the token is the configuration, to our own top frame, asked properly.
          if (outcome.ok && outcome.answer !== undefined) {
            expect([channel, kind, frame, args]).toEqual([CHANNELS.windowConfig, 'invoke', top, [{}]]);
          }
        },
      ),
    );
  });
});
