/**
 * Kiosk, board, desk console and admin page together in headless Chromium against a real hub: a desk
 * call reaching the board, the alert freeze and the next number after it, double clicks, shortcuts,
 * pairing, and every page finding its way back after the hub restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHub } from '../../main/hub/server.js';
import { ask, cmdId, connected, TOKENS } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES, type RolePage } from './browser.js';
import { at, booking, startCentre, TestClock } from './centre.js';
import { scan } from './keys.js';
import { silentLog } from '../../main/core/log.js';

const tempDir = useTempDir('talon-e2e-floor-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const latestCall = (page: Page) => page.getAttribute('[data-testid=latest-call]', 'data-number');
const waitForCall = (page: Page, number: number, desk: number) =>
  page.waitForSelector(`[data-testid=latest-call][data-number="${number}"][data-desk="${desk}"]`);

async function checkInAll(t: Awaited<ReturnType<typeof startCentre>>, codes: string[]): Promise<void> {
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (const code of codes) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code })).toMatchObject({ ok: true });
}

/** A mono 8 kHz WAV of silence. */
function silentWav(ms: number): Buffer {
  const samples = Math.round((8000 * ms) / 1000);
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

async function closeAll(pages: RolePage[]): Promise<void> {
  for (const p of pages) {
    expect(p.errors).toEqual([]);
    await p.context.close();
  }
}

describe('the floor in the browser', () => {
  it('shows a desk’s call on the board at once and triggers the announcement', async () => {
    const bs = [booking(1000, '09:40'), booking(1001, '09:45')];
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const board = await openRole(browser, 'board');
    const desk = await openRole(browser, 'desk', { shellToken: TOKENS.desk(2), size: SIZES.desk });
    try {
      await checkInAll(t, bs.map((b) => b.code));
      await board.page.goto(`${t.hub.url}/board`);
      await desk.page.goto(`${t.hub.url}/desk`);
      await board.page.waitForSelector('[data-testid=board-services]');
      await board.page.waitForFunction(() => document.querySelector('[data-service=DL_EXCHANGE] .waiting')?.textContent === '2');
      await desk.page.click('[data-testid=cmd-callNext]');
      await waitForCall(board.page, 1000, 2);
      expect(await board.page.getAttribute('[data-testid=latest-call]', 'class')).toContain('fresh');
      await board.page.waitForFunction(() => document.body.dataset.announcements === '1');
      expect(await board.page.textContent('[data-testid=announce-text]')).toBe('Талон 1000, робоче місце 2');
      await desk.page.waitForSelector('[data-testid=current-number]');
      expect(await desk.page.textContent('[data-testid=current-number]')).toBe('1000');
      // Recall repeats the call; finish, then the next number; the earlier calls move down.
      await desk.page.click('[data-testid=cmd-recall]');
      await board.page.waitForFunction(() => document.body.dataset.announcements === '2');
      await desk.page.click('[data-testid=cmd-finish]');
      await desk.page.waitForSelector('[data-testid=no-visitor]');
      await desk.page.click('[data-testid=cmd-callNext]');
      await waitForCall(board.page, 1001, 2);
      // The recall refreshed 1000's row rather than adding one: 1001 on top, 1000 once below it.
      expect(await board.page.$$eval('[data-testid=calls] > li', (els) => els.map((e) => (e as HTMLElement).dataset.number))).toEqual(['1001', '1000']);
    } finally {
      await closeAll([board, desk]);
      await t.stop();
    }
  });

  it('announces calls one after another, chime first, and still chimes when speech is unavailable', async () => {
    const bs = [booking(1000, '09:40'), booking(1001, '09:45')];
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const board = await openRole(browser, 'board');
    const heard: { url: string; at: number }[] = [];
    // The hub's audio comes with the hardware issue; here a short chime, and no speech (404).
    await board.page.route('**/audio/**', async (route) => {
      const url = new URL(route.request().url());
      heard.push({ url: url.pathname + url.search, at: Date.now() });
      if (url.pathname === '/audio/chime.wav') await route.fulfill({ status: 200, contentType: 'audio/wav', body: silentWav(300) });
      else await route.fulfill({ status: 404, body: '' });
    });
    try {
      await checkInAll(t, bs.map((b) => b.code));
      await board.page.goto(`${t.hub.url}/board`);
      await board.page.waitForSelector('[data-testid=board-services]');
      const d1 = t.client('desk', TOKENS.desk(1));
      const d2 = t.client('desk', TOKENS.desk(2));
      await Promise.all([d1, d2].map(connected));
      await Promise.all([ask(d1, 'callNext', { commandId: cmdId() }), ask(d2, 'callNext', { commandId: cmdId() })]);
      await board.page.waitForFunction(() => document.body.dataset.announcements === '2');
      await expect.poll(() => heard.length, { timeout: 5000 }).toBe(4);
      expect(heard.map((h) => h.url.split('?')[0])).toEqual(['/audio/chime.wav', '/audio/call.wav', '/audio/chime.wav', '/audio/call.wav']);
      expect(heard[1]!.url).toMatch(/number=100[01]&desk=[12]&lang=uk/);
      // The second chime waits for the first one to finish playing.
      expect(heard[2]!.at - heard[0]!.at).toBeGreaterThanOrEqual(250);
    } finally {
      await closeAll([board]);
      await t.stop();
    }
  });

  it('calls once for a double click and works by keyboard shortcuts under any layout', async () => {
    const bs = [booking(1000, '09:40'), booking(1001, '09:45'), booking(1002, '09:50')];
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const desk = await openRole(browser, 'desk', { storedToken: TOKENS.desk(1), size: SIZES.desk });
    try {
      await checkInAll(t, bs.map((b) => b.code));
      await desk.page.goto(`${t.hub.url}/desk`);
      await desk.page.waitForSelector('[data-testid=cmd-callNext]:not([disabled])');
      // Two clicks in the same task, before the page could even repaint the button as disabled.
      await desk.page.$eval('[data-testid=cmd-callNext]', (b) => {
        (b as HTMLButtonElement).click();
        (b as HTMLButtonElement).click();
      });
      await desk.page.waitForSelector('[data-testid=current-number]');
      expect(await desk.page.textContent('[data-testid=current-number]')).toBe('1000');
      expect(t.hub.floor.state().recentCalls.map((c) => c.number)).toEqual([1000]);
      // S starts, F finishes, N calls the next: by physical key, so KeyN under the Ukrainian layout («т»).
      await desk.page.keyboard.press('KeyS');
      await desk.page.waitForSelector('[data-testid=current] [data-state=serving]');
      await desk.page.keyboard.press('KeyF');
      await desk.page.waitForSelector('[data-testid=no-visitor]');
      const cdp = await desk.context.newCDPSession(desk.page);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', code: 'KeyN', key: 'т', text: 'т', windowsVirtualKeyCode: 78 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code: 'KeyN', key: 'т', windowsVirtualKeyCode: 78 });
      await desk.page.waitForSelector('[data-testid=current] [data-number="1001"]');
      // Transfer to another service, then call a chosen number.
      await desk.page.selectOption('[data-testid=transfer-target]', 'service:THEORY_EXAM');
      await desk.page.click('[data-testid=cmd-transfer]');
      await desk.page.waitForSelector('[data-testid=no-visitor]');
      await desk.page.fill('[data-testid=call-number]', '1002');
      await desk.page.click('[data-testid=cmd-callNumber]');
      await desk.page.waitForSelector('[data-testid=current] [data-number="1002"]');
      expect(t.hub.floor.state().recentCalls.map((c) => c.number)).toEqual([1000, 1001, 1002]);
    } finally {
      await closeAll([desk]);
      await t.stop();
    }
  });

  it('freezes kiosk, board and desk during an alert and calls the next number after the all-clear', async () => {
    const bs = [booking(1000, '09:40'), booking(1001, '09:45'), booking(1002, '09:50')];
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
    const board = await openRole(browser, 'board');
    const desk = await openRole(browser, 'desk', { storedToken: TOKENS.desk(1), size: SIZES.desk });
    const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
    try {
      await checkInAll(t, [bs[0]!.code, bs[1]!.code]);
      await Promise.all([
        kiosk.page.goto(`${t.hub.url}/kiosk`),
        board.page.goto(`${t.hub.url}/board`),
        desk.page.goto(`${t.hub.url}/desk`),
        admin.page.goto(`${t.hub.url}/admin`),
      ]);
      await desk.page.waitForSelector('[data-testid=cmd-callNext]:not([disabled])');
      await desk.page.click('[data-testid=cmd-callNext]');
      await waitForCall(board.page, 1000, 1);
      await desk.page.click('[data-testid=cmd-finish]');
      await desk.page.waitForSelector('[data-testid=no-visitor]');

      await admin.page.waitForSelector('[data-testid=alert-switch]:not([disabled])');
      await admin.page.click('[data-testid=alert-switch]');
      await admin.page.click('[data-testid=alert-confirm]');
      await kiosk.page.waitForSelector('[data-testid=screen-shelter]');
      expect(await kiosk.page.textContent('[data-testid=screen-shelter]')).toContain('Пройдіть до укриття');
      await board.page.waitForSelector('[data-testid=board-alert]');
      expect(await board.page.textContent('[data-testid=board-alert]')).toContain('Повітряна тривога — пройдіть до укриття');
      await desk.page.waitForSelector('[data-testid=block-reason]');
      const buttons = await desk.page.$$eval('button.cmd, [data-testid=cmd-transfer], [data-testid=cmd-callNumber]', (els) =>
        els.map((e) => ({ disabled: (e as HTMLButtonElement).disabled, reason: e.getAttribute('aria-describedby') })),
      );
      expect(buttons.length).toBeGreaterThanOrEqual(8);
      expect(buttons.every((b) => b.disabled && b.reason === 'block-reason')).toBe(true);
      // A scan during the alert does nothing: the shelter screen stays.
      await scan(kiosk.page, bs[2]!.code, 'latin');
      expect(await kiosk.page.$('[data-testid=screen-shelter]')).not.toBeNull();

      await admin.page.click('[data-testid=alert-switch]');
      await admin.page.click('[data-testid=alert-confirm]');
      await kiosk.page.waitForSelector('[data-testid=screen-start]');
      await board.page.waitForSelector('[data-testid=all-clear]');
      await desk.page.waitForSelector('[data-testid=cmd-callNext]:not([disabled])');
      await desk.page.click('[data-testid=cmd-callNext]');
      await waitForCall(board.page, 1001, 1);
      expect(await latestCall(board.page)).toBe('1001');
    } finally {
      await closeAll([kiosk, board, desk, admin]);
      await t.stop();
    }
  });

  it('signs a desk console in with a pairing code from the admin page and signs it out', async () => {
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), []);
    const admin = await openRole(browser, 'admin', { size: SIZES.desk });
    const desk = await openRole(browser, 'desk', { size: SIZES.desk });
    try {
      await admin.page.goto(`${t.hub.url}/admin`);
      await admin.page.fill('#signin-token', 'wrong-token');
      await admin.page.click('.signin button[type=submit]');
      await admin.page.waitForSelector('[data-testid=signin-error]');
      await admin.page.fill('#signin-token', TOKENS.admin);
      await admin.page.click('.signin button[type=submit]');
      await admin.page.waitForSelector('[data-testid=alert-switch]:not([disabled])');
      await admin.page.selectOption('#pair-desk', '3');
      await admin.page.click('.pair button[type=submit]');
      const code = await (await admin.page.waitForSelector('[data-testid=pair-code]')).getAttribute('data-code');

      await desk.page.goto(`${t.hub.url}/desk`);
      await desk.page.fill('#signin-code', code!);
      await desk.page.click('#signin-code ~ button[type=submit]');
      await desk.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Робоче місце № 3');
      await desk.page.reload();
      await desk.page.waitForSelector('[data-testid=desk]');
      await desk.page.click('[data-testid=signout]');
      await desk.page.waitForSelector('[data-testid=signin]');
    } finally {
      await closeAll([admin, desk]);
      await t.stop();
    }
  });

  it('finds the hub again after it restarts and repaints from the snapshot', async () => {
    const bs = [booking(1000, '09:40'), booking(1001, '09:45')];
    const clock = new TestClock(at('09:30'));
    const t = await startCentre(tempDir(), clock, bs);
    const board = await openRole(browser, 'board');
    const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
    let second: Awaited<ReturnType<typeof startHub>> | null = null;
    try {
      await checkInAll(t, bs.map((b) => b.code));
      await board.page.goto(`${t.hub.url}/board`);
      await kiosk.page.goto(`${t.hub.url}/kiosk`);
      await board.page.waitForSelector('[data-testid=board-services]');
      await kiosk.page.waitForSelector('[data-testid=screen-start]');
      for (const c of t.clients) c.close();
      // A stopped hub: the browsers' keep-alive connections must not hold the port open.
      const closing = t.hub.close();
      (t.hub.io.httpServer as import('node:http').Server).closeAllConnections();
      await closing;

      await board.page.waitForSelector('[data-testid=link-mark]');
      await kiosk.page.waitForSelector('[data-testid=link-mark]');
      // The kiosk offers no check-in while the hub is away (tests/e2e/kioskFloor.spec.ts).
      await kiosk.page.waitForSelector('[data-testid=screen-unavailable]');

      // Meanwhile a desk on the restarted hub called 1000: the board learns it from the snapshot.
      second = await startHub({ config: t.config, store: t.store, now: clock.now, port: t.hub.port, host: '127.0.0.1', sweepEveryMs: 0, statsEveryMs: 10, log: silentLog });
      const deskSocket = t.client('desk', TOKENS.desk(1));
      await connected(deskSocket);
      await board.page.waitForSelector('[data-testid=link-mark]', { state: 'detached', timeout: 10_000 });
      await ask(deskSocket, 'callNext', { commandId: cmdId() });
      await waitForCall(board.page, 1000, 1);
      await kiosk.page.waitForSelector('[data-testid=link-mark]', { state: 'detached', timeout: 10_000 });
      await scan(kiosk.page, 'ANYCODE1', 'latin');
      await kiosk.page.waitForSelector('[data-testid=screen-refusal][data-code=UNKNOWN_CODE]');
    } finally {
      await closeAll([board, kiosk]);
      for (const c of t.clients) c.close();
      await second?.close();
      t.store.close();
    }
  });
});
