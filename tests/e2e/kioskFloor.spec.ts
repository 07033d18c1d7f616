/**
 * The kiosk's defects as citizens met them, replayed in headless Chromium against a real hub: the
 * hub out of reach, Enter on a focused key, the wait after check-in, one desk or several.
 */
import { silentLog } from '../../main/core/log.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { startHub } from '../../main/hub/server.js';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES, type RolePage } from './browser.js';
import { at, booking, scriptedPrinter, startCentre, TestClock } from './centre.js';
import { scan } from './keys.js';

const tempDir = useTempDir('talon-e2e-kiosk-floor-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openKiosk(t: TestHub, query = ''): Promise<RolePage> {
  const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
  // A missing screen fails the spec in seconds, naming what it waited for.
  kiosk.page.setDefaultTimeout(10_000);
  await kiosk.page.goto(`${t.hub.url}/kiosk${query}`);
  await kiosk.page.waitForSelector('[data-testid=screen-start]');
  return kiosk;
}

async function typeOnKeypad(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.click(`.keypad [data-key="${ch}"]`);
}

/** Desk 1 alone serves licence exchanges; desks 2 and 3 serve theory exams. */
const ONE_DESK_EXCHANGE = {
  desks: [
    { number: 1, services: ['DL_EXCHANGE'], token: TOKENS.desk(1) },
    { number: 2, services: ['THEORY_EXAM'], token: TOKENS.desk(2) },
    { number: 3, services: ['THEORY_EXAM'], token: TOKENS.desk(3) },
  ],
};

describe('the kiosk on the floor', () => {
  it('says check-in is unavailable while the hub is out of reach, takes no code, and comes back with the link', async () => {
    const b = booking(1000, '09:40');
    const clock = new TestClock(at('09:30'));
    const t = await startCentre(tempDir(), clock, [b]);
    const kiosk = await openKiosk(t);
    let second: Awaited<ReturnType<typeof startHub>> | null = null;
    try {
      const { page } = kiosk;
      await page.click('[data-testid=have-booking]');
      await typeOnKeypad(page, b.code.slice(0, 3));
      for (const c of t.clients) c.close();
      const closing = t.hub.close();
      (t.hub.io.httpServer as Server).closeAllConnections();
      await closing;

      // Before anyone types the rest: a full screen, not a corner mark, and no keypad to type on.
      await page.waitForSelector('[data-testid=screen-unavailable]');
      expect(await page.textContent('[data-testid=screen-unavailable]')).toContain('Реєстрація тимчасово недоступна');
      expect(await page.textContent('[data-testid=screen-unavailable]')).toContain('зверніться до адміністратора');
      expect(await page.$('.keypad')).toBeNull();
      expect(await page.$('[data-testid=confirm]')).toBeNull();
      await scan(page, b.code, 'latin');
      await page.keyboard.press('Digit7');
      expect(await page.$('[data-testid=screen-refusal]')).toBeNull();
      expect(await page.$('[data-testid=screen-unavailable]')).not.toBeNull();

      second = await startHub({ config: t.config, store: t.store, now: clock.now, port: t.hub.port, host: '127.0.0.1', sweepEveryMs: 0, statsEveryMs: 10, log: silentLog });
      await page.waitForSelector('[data-testid=screen-unavailable]', { state: 'detached', timeout: 10_000 });
      // The code typed before the link went is still there; nothing was added while it was away.
      expect(await page.textContent('[data-testid=entry]')).toBe(b.code.slice(0, 3));
      await typeOnKeypad(page, b.code.slice(3));
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1000"]');
    } finally {
      expect(kiosk.errors).toEqual([]);
      await kiosk.context.close();
      for (const c of t.clients) c.close();
      await second?.close();
      t.store.close();
    }
  });

  it('presses the focused key on Enter; only the confirm key or a scanner submits', async () => {
    const b = booking(1000, '09:40');
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), [b]);
    const kiosk = await openKiosk(t);
    try {
      const { page } = kiosk;
      await page.click('[data-testid=have-booking]');
      await page.focus('.keypad [data-key="2"]');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      expect(await page.textContent('[data-testid=entry]')).toBe('22');
      expect(await page.$('[data-testid=screen-refusal]')).toBeNull();
      await page.focus('.keypad [data-key=clear]');
      await page.keyboard.press('Enter');
      expect(await page.textContent('[data-testid=entry]')).toContain('ще нічого не введено');
      await typeOnKeypad(page, b.code);
      await page.focus('[data-testid=confirm]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1000"]');
    } finally {
      expect(kiosk.errors).toEqual([]);
      await kiosk.context.close();
      await t.stop();
    }
  });

  it('tells the citizen how many are ahead and how long the wait is, on screen and on paper, with one desk in the singular', async () => {
    const bs = [1000, 1001, 1002, 1003].map((n) => booking(n, '09:40'));
    const printer = scriptedPrinter();
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), bs, { printer }, ONE_DESK_EXCHANGE);
    const kiosk = await openKiosk(t);
    try {
      const socket = t.client('kiosk', TOKENS.kiosk);
      await connected(socket);
      for (const b of bs.slice(0, 3)) await ask(socket, 'checkIn', { commandId: cmdId(), code: b.code });
      socket.close();
      const { page } = kiosk;
      await scan(page, bs[3]!.code, 'latin');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1003"]');
      // Three ahead, one desk, ten minutes each before the day has measured any.
      expect(await page.textContent('[data-testid=ticket-ahead]')).toBe('Перед вами 3 людини');
      expect(await page.textContent('[data-testid=ticket-minutes]')).toBe('Орієнтовне очікування: 30 хвилин');
      expect(await page.textContent('[data-testid=ticket-desks]')).toBe('Вас обслуговує робоче місце 1');
      expect(printer.printed.at(-1)).toMatchObject({ number: 1003, peopleAhead: 3, estimatedWaitMinutes: 30 });

      await page.click('[data-testid=lang-switch]');
      expect(await page.textContent('[data-testid=ticket-ahead]')).toBe('3 people ahead of you');
      expect(await page.textContent('[data-testid=ticket-minutes]')).toBe('Estimated wait: 30 minutes');
      expect(await page.textContent('[data-testid=ticket-desks]')).toBe('Desk 1 serves you');
    } finally {
      expect(kiosk.errors).toEqual([]);
      await kiosk.context.close();
      await t.stop();
    }
  });

  it('names several desks in the plural', async () => {
    const b = booking(1000, '09:40', { service: 'THEORY_EXAM' });
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), [b], {}, ONE_DESK_EXCHANGE);
    const kiosk = await openKiosk(t);
    try {
      await scan(kiosk.page, b.code, 'latin');
      await kiosk.page.waitForSelector('[data-testid=screen-ticket]');
      expect(await kiosk.page.textContent('[data-testid=ticket-desks]')).toBe('Вас обслуговують робочі місця: 2, 3');
      expect(await kiosk.page.textContent('[data-testid=ticket-ahead]')).toBe('Перед вами нікого немає');
      expect(await kiosk.page.textContent('[data-testid=ticket-minutes]')).toBe('Вас викличуть найближчим часом');
    } finally {
      expect(kiosk.errors).toEqual([]);
      await kiosk.context.close();
      await t.stop();
    }
  });
});
