/**
 * The hall board's defects as the hall met them, each replayed in headless Chromium against a real
 * hub: the all-clear that never left, recalls that filled the board, the board in two languages,
 * and sound refused by the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, type RolePage } from './browser.js';
import { refuseAutoplay } from './boardCentre.js';
import { at, booking, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-board-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function admin(t: TestHub, active: boolean): Promise<void> {
  const a = t.client('admin', TOKENS.admin);
  await connected(a);
  expect(await ask(a, 'alert', { commandId: cmdId(), active })).toMatchObject({ ok: true });
  a.close();
}

async function close(p: RolePage): Promise<void> {
  expect(p.errors).toEqual([]);
  await p.context.close();
}

const rows = (page: Page) => page.$$eval('[data-testid=calls] > li', (els) => els.map((e) => `${(e as HTMLElement).dataset.number}→${(e as HTMLElement).dataset.desk}`));

describe('the hall board', () => {
  it('takes the all-clear down after its time, even while new numbers keep the board repainting', async () => {
    const bs = [1000, 1001, 1002, 1003].map((n) => booking(n, '09:50'));
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const board = await openRole(browser, 'board');
    try {
      await board.page.goto(`${t.hub.url}/board?allClear=1500`);
      await board.page.waitForSelector('[data-testid=board-services]');
      await admin(t, true);
      await board.page.waitForSelector('[data-testid=board-alert]');
      await admin(t, false);
      await board.page.waitForSelector('[data-testid=all-clear]');
      // Check-ins while the banner is up: each one repaints the board with new waiting counts.
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      for (const [i, b] of bs.entries()) {
        await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
        await board.page.waitForFunction((n) => document.querySelector('[data-service=DL_EXCHANGE] .waiting')?.textContent === String(n), i + 1);
      }
      await board.page.waitForSelector('[data-testid=all-clear]', { state: 'detached', timeout: 8000 });
      kiosk.close();
    } finally {
      await close(board);
      await t.stop();
    }
  });

  it('refreshes a recalled ticket’s row instead of adding one, so other desks’ calls stay on the board', async () => {
    const bs = [booking(1149, '09:50'), booking(1150, '09:50'), booking(1157, '09:50', { service: 'THEORY_EXAM' })];
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const board = await openRole(browser, 'board');
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desks = [1, 2, 3].map((n) => t.client('desk', TOKENS.desk(n)));
      await Promise.all([kiosk, ...desks].map(connected));
      for (const b of bs) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      await board.page.goto(`${t.hub.url}/board`);
      await board.page.waitForSelector('[data-testid=board-services]');
      await ask(desks[0]!, 'callNext', { commandId: cmdId() });
      await ask(desks[1]!, 'callNext', { commandId: cmdId() });
      await ask(desks[2]!, 'callNext', { commandId: cmdId() });
      await board.page.waitForSelector('[data-testid=latest-call][data-number="1157"]');
      for (let i = 0; i < 3; i++) await ask(desks[2]!, 'recall', { commandId: cmdId() });
      await ask(desks[0]!, 'recall', { commandId: cmdId() });
      await board.page.waitForFunction(() => document.body.dataset.announcements === '7');
      expect(await rows(board.page)).toEqual(['1149→1', '1157→3', '1150→2']);
      expect(await board.page.getAttribute('[data-testid=latest-call]', 'data-number')).toBe('1149');
      expect(await board.page.textContent('[data-testid=latest-call]')).toContain('повторно');
      // A reload shows the same rows from the hub's snapshot.
      await board.page.reload();
      await board.page.waitForSelector('[data-testid=calls] > li:nth-child(3)');
      expect(await rows(board.page)).toEqual(['1149→1', '1157→3', '1150→2']);
      for (const s of [kiosk, ...desks]) s.close();
    } finally {
      await close(board);
      await t.stop();
    }
  });

  it('takes turns in Ukrainian and English, and announces each call in Ukrainian then English', async () => {
    const b = booking(1056, '09:50');
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), [b], {}, { board: { languages: ['uk', 'en'], switchEverySeconds: 3 } });
    const board = await openRole(browser, 'board');
    const heard: string[] = [];
    await board.page.route('**/audio/**', async (route) => {
      const url = new URL(route.request().url());
      heard.push(url.pathname + url.search);
      await route.fulfill({ status: 404, body: '' });
    });
    try {
      await board.page.goto(`${t.hub.url}/board`);
      await board.page.waitForSelector('[data-testid=board-services]');
      expect(await board.page.evaluate(() => document.documentElement.lang)).toBe('uk');
      expect(await board.page.textContent('#calls-title')).toBe('Зараз викликано');
      await board.page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 6000 });
      expect(await board.page.textContent('#calls-title')).toBe('Now calling');
      await board.page.waitForFunction(() => document.documentElement.lang === 'uk', undefined, { timeout: 6000 });

      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(2));
      await Promise.all([kiosk, desk].map(connected));
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      await ask(desk, 'callNext', { commandId: cmdId() });
      await expect.poll(() => heard.length, { timeout: 5000 }).toBe(3);
      expect(heard).toEqual([
        '/audio/chime.wav',
        '/audio/call.wav?number=1056&desk=2&lang=uk',
        '/audio/call.wav?number=1056&desk=2&lang=en',
      ]);
      kiosk.close();
      desk.close();
    } finally {
      await close(board);
      await t.stop();
    }
  });

  it('offers sound from the start where the browser refuses it, with a drawn icon, clear of the calls', async () => {
    const bs = [1000, 1001].map((n) => booking(n, '09:50'));
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs);
    const board = await openRole(browser, 'board');
    await refuseAutoplay(board.context);
    const heard: string[] = [];
    await board.page.route('**/audio/**', async (route) => {
      heard.push(new URL(route.request().url()).pathname);
      await route.fulfill({ status: 404, body: '' });
    });
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desks = [1, 2].map((n) => t.client('desk', TOKENS.desk(n)));
      await Promise.all([kiosk, ...desks].map(connected));
      for (const b of bs) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      await board.page.goto(`${t.hub.url}/board`);
      // Before any call: nothing has failed yet, the board knows from the browser.
      await board.page.waitForSelector('[data-testid=sound-enable]');
      expect(await board.page.getAttribute('body', 'data-announcements')).toBeNull();
      const button = board.page.locator('[data-testid=sound-enable]');
      expect(await button.locator('svg').count()).toBe(1);
      expect(await button.textContent()).toBe('Увімкнути звук');
      expect(await button.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);

      for (const d of desks) await ask(d, 'callNext', { commandId: cmdId() });
      await board.page.waitForSelector('[data-testid=calls] > li:nth-child(2)');
      const overlaps = await board.page.evaluate(() => {
        const b = document.querySelector('[data-testid=sound-enable]')!.getBoundingClientRect();
        const hit = (r: DOMRect) => b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom;
        return [...document.querySelectorAll('.call, .services, .calls h2, .board-header .centre, .board-header .date, .board-header .time')]
          .filter((e) => hit(e.getBoundingClientRect()))
          .map((e) => e.className);
      });
      expect(overlaps).toEqual([]);
      expect(heard).toEqual([]);
      await button.click();
      await board.page.waitForSelector('[data-testid=sound-enable]', { state: 'detached' });
      // The calls that came while sound was off are announced after the click.
      await expect.poll(() => heard.filter((h) => h === '/audio/chime.wav').length, { timeout: 5000 }).toBe(2);
      for (const s of [kiosk, ...desks]) s.close();
    } finally {
      await close(board);
      await t.stop();
    }
  });
});
