import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ROLE_PERMISSIONS, isAllowedRequest } from '../../../main/electron/lockdown.js';
import { useTempDir } from '../../helpers/tmp.js';
import { FakeEvent, FakeWebContents, Menu, app, resetElectronFake, session } from '../../fakes/electron.js';
import { HUB_URL, startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-lockdown-');

beforeEach(() => {
  resetElectronFake();
});

async function kioskWindow() {
  const started = await startDevShell(writeConfig(tempDir(), [{ role: 'kiosk', display: 0, fullscreen: true }]));
  return { ...started, kiosk: started.windows[0]! };
}

describe('the lock-down of every window', () => {
  it('gives the page a sandboxed, isolated renderer with no Node and full web security', async () => {
    const { kiosk } = await kioskWindow();

    expect(kiosk.webContents.getLastWebPreferences()).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(kiosk.webContents.getLastWebPreferences()?.preload).toMatch(/main\/electron\/preload\.cjs$/);
  });

  it('sandboxes every renderer before the app is ready and removes the application menu', async () => {
    await kioskWindow();

    expect(app.sandboxEnabled).toBe(true);
    // null, not the default menu left hidden: its reload, zoom, devtools and quit accelerators are gone.
    expect(Menu.applicationMenu).toBeNull();
  });

  it('keeps every frame on the hub origin, iframes included', async () => {
    const { kiosk, log } = await kioskWindow();
    const page = kiosk.webContents;
    page.simulateLoadFinished();
    const frame = page.mainFrame.child(`${HUB_URL}/kiosk/help`);

    expect(page.simulateFrameNavigation(frame, `${HUB_URL}/kiosk/help?lang=en`)).toBe(true);
    expect(page.simulateFrameNavigation(frame, 'https://example.com/ad')).toBe(false);
    expect(frame.url).toBe(`${HUB_URL}/kiosk/help?lang=en`);
    expect(log).toContain('lockdown: refused to navigate to https://example.com/ad');
  });

  it('keeps navigation on the hub origin', async () => {
    const { kiosk, log } = await kioskWindow();
    const page = kiosk.webContents;

    expect(page.simulateNavigation(`${HUB_URL}/kiosk?lang=en`)).toBe(true);
    expect(page.simulateNavigation('https://example.com/phish')).toBe(false);
    expect(page.simulateNavigation('http://127.0.0.1:7301/kiosk')).toBe(false);
    expect(page.simulateNavigation('file:///etc/passwd')).toBe(false);
    expect(page.simulateNavigation('javascript:alert(1)')).toBe(false);
    expect(page.simulateNavigation('https://example.com/', 'will-redirect')).toBe(false);
    expect(log).toContain('lockdown: refused to navigate to https://example.com/phish');
  });

  it('denies window.open, even for the hub itself', async () => {
    const { kiosk } = await kioskWindow();

    expect(kiosk.webContents.simulateWindowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(kiosk.webContents.simulateWindowOpen(`${HUB_URL}/admin`)).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', async () => {
    const { kiosk } = await kioskWindow();

    expect(kiosk.webContents.simulateAttachWebview()).toBe(false);
  });

  it('guards web contents the shell did not create itself', async () => {
    await kioskWindow();
    const stray = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), stray);

    expect(stray.simulateWindowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(stray.simulateNavigation('https://example.com/')).toBe(false);
  });

  it('denies the kiosk every permission a page asks for', async () => {
    const { kiosk } = await kioskWindow();
    kiosk.webContents.simulateLoadFinished();
    const { defaultSession } = session;

    expect(ROLE_PERMISSIONS.kiosk.size).toBe(0);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'speaker-selection'] as const) {
      await expect(defaultSession.simulatePermissionRequest(kiosk.webContents, permission)).resolves.toBe(false);
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'usb', 'serial'] as const) {
      expect(defaultSession.simulatePermissionCheck(kiosk.webContents, permission, HUB_URL)).toBe(false);
    }
  });

  it("grants the board only the audio output it needs, on the hub's page, and nothing to strangers", async () => {
    const { windows } = await startDevShell(
      writeConfig(tempDir(), [
        { role: 'kiosk', display: 0, fullscreen: true },
        { role: 'board', display: 0, fullscreen: true },
      ]),
    );
    const [kiosk, board] = windows.map((w) => w.webContents);
    for (const page of [kiosk!, board!]) page.simulateLoadFinished();
    const { defaultSession } = session;
    const stranger = new FakeWebContents();
    void stranger.loadURL(`${HUB_URL}/board`);
    stranger.simulateLoadFinished();

    await expect(defaultSession.simulatePermissionRequest(board!, 'speaker-selection')).resolves.toBe(true);
    // Electron asks the check handler about other names; the board's page passes none of them.
    expect(defaultSession.simulatePermissionCheck(board!, 'media', HUB_URL)).toBe(false);
    await expect(defaultSession.simulatePermissionRequest(board!, 'media')).resolves.toBe(false);
    await expect(defaultSession.simulatePermissionRequest(board!, 'speaker-selection', { requestingUrl: 'https://example.com/' })).resolves.toBe(false);
    await expect(defaultSession.simulatePermissionRequest(kiosk!, 'speaker-selection')).resolves.toBe(false);
    await expect(defaultSession.simulatePermissionRequest(stranger, 'speaker-selection')).resolves.toBe(false);
    expect(defaultSession.simulatePermissionCheck(null, 'media', HUB_URL)).toBe(false);
  });

  it('lets requests reach only the hub, over HTTP and its WebSocket', async () => {
    await kioskWindow();
    const { defaultSession } = session;

    await expect(defaultSession.simulateRequest(`${HUB_URL}/assets/kiosk.js`)).resolves.toBe(true);
    await expect(defaultSession.simulateRequest('ws://127.0.0.1:7300/socket.io/?EIO=4&transport=websocket')).resolves.toBe(true);
    await expect(defaultSession.simulateRequest('data:image/png;base64,iVBORw0KGgo=')).resolves.toBe(true);
    await expect(defaultSession.simulateRequest('https://fonts.example.com/font.woff2')).resolves.toBe(false);
    await expect(defaultSession.simulateRequest('ws://127.0.0.1:9999/socket.io/')).resolves.toBe(false);
    await expect(defaultSession.simulateRequest('file:///etc/passwd')).resolves.toBe(false);
  });
});

describe('isAllowedRequest', () => {
  const hub = 'https://hub.centre.local:7300';

  it('matches the secure WebSocket to an https hub and blob URLs by the origin that made them', () => {
    expect(isAllowedRequest('wss://hub.centre.local:7300/socket.io/', hub)).toBe(true);
    expect(isAllowedRequest('ws://hub.centre.local:7300/socket.io/', hub)).toBe(false);
    expect(isAllowedRequest('blob:https://hub.centre.local:7300/0b6f0c3e', hub)).toBe(true);
    expect(isAllowedRequest('blob:https://evil.example/0b6f0c3e', hub)).toBe(false);
    expect(isAllowedRequest('not a url', hub)).toBe(false);
  });
});
