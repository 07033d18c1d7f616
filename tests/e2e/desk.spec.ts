/**
 * The desk console in headless Chromium against a real hub: keys pressed faster than the hub answers,
 * the list of who waits with "call this one", a pause with its reason, a transfer's confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ask, cmdId, connected, TOKENS } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES, type RolePage } from './browser.js';
import { at, booking, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-desk-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A desk 1 console with `numbers` checked in; `later` are booked but not yet arrived. */
async function deskWith(numbers: number[], later: number[] = []) {
  const bs = numbers.map((n, i) => booking(n, `09:${String(40 + i).padStart(2, '0')}`));
  const lateBookings = later.map((n) => booking(n, '09:50'));
  const t = await startCentre(tempDir(), new TestClock(at('09:30')), [...bs, ...lateBookings]);
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (const b of bs) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
  const desk = await openRole(browser, 'desk', { storedToken: TOKENS.desk(1), size: SIZES.desk });
  await desk.page.goto(`${t.hub.url}/desk`);
  await desk.page.waitForSelector('[data-testid=cmd-callNext]:not([disabled])');
  return { t, desk, bs, lateBookings };
}

async function close(t: Awaited<ReturnType<typeof startCentre>>, desk: RolePage): Promise<void> {
  expect(desk.errors).toEqual([]);
  await desk.context.close();
  await t.stop();
}

describe('the desk console', () => {
  it('runs S, F and N pressed in quick succession, one after the other, without dropping N', async () => {
    const { t, desk } = await deskWith([1000, 1001]);
    try {
      await desk.page.click('[data-testid=cmd-callNext]');
      await desk.page.waitForSelector('[data-testid=current] [data-number="1000"]');
      // Three presses in one task: none of them can have been answered before the next is pressed.
      await desk.page.evaluate(() => {
        for (const code of ['KeyS', 'KeyF', 'KeyN']) window.dispatchEvent(new KeyboardEvent('keydown', { code, bubbles: true }));
      });
      await desk.page.waitForSelector('[data-testid=current] [data-number="1001"]');
      expect(t.hub.floor.state().recentCalls.map((c) => c.number)).toEqual([1000, 1001]);
      expect([...t.hub.floor.state().visits.values()].find((v) => v.number === 1000)?.state).toBe('done');
    } finally {
      await close(t, desk);
    }
  });

  it('says why a key does nothing now instead of ignoring it', async () => {
    const { t, desk } = await deskWith([1000]);
    try {
      await desk.page.click('[data-testid=cmd-callNext]');
      await desk.page.waitForSelector('[data-testid=current] [data-number="1000"]');
      await desk.page.keyboard.press('KeyN');
      await desk.page.waitForSelector('[data-testid=note][data-kind=error]');
      expect(await desk.page.textContent('[data-testid=note]')).toBe('«Наступний» не виконано: відвідувача викликано, спершу «Почати» або «Не з’явився».');
    } finally {
      await close(t, desk);
    }
  });

  it('lists who waits with slot time and waited time, and calls the one chosen', async () => {
    const { t, desk, lateBookings } = await deskWith([1000, 1001, 1002], [1003]);
    try {
      await desk.page.waitForSelector('[data-testid=waiting-list] tbody tr[data-number="1002"]');
      const rows = await desk.page.$$eval('[data-testid=waiting-list] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => c.childNodes[0]?.textContent?.trim())));
      expect(rows).toEqual([
        ['1000', '09:40', '0 хв'],
        ['1001', '09:41', '0 хв'],
        ['1002', '09:42', '0 хв'],
      ]);
      await desk.page.click('[data-testid=call-this][data-number="1001"]');
      await desk.page.waitForSelector('[data-testid=current] [data-number="1001"]');
      await desk.page.waitForFunction(() => !document.querySelector('[data-testid=waiting-list] tr[data-number="1001"]'));
      // A check-in elsewhere reaches the list without the desk doing anything.
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: lateBookings[0]!.code })).toMatchObject({ ok: true });
      await desk.page.waitForSelector('[data-testid=waiting-list] tr[data-number="1003"]');
    } finally {
      await close(t, desk);
    }
  });

  it('pauses with a reason that the console and the hub keep, and the hint says the desk is paused', async () => {
    const { t, desk } = await deskWith([1000]);
    try {
      await desk.page.selectOption('[data-testid=pause-reason]', 'lunch');
      await desk.page.click('[data-testid=cmd-pause]');
      await desk.page.waitForSelector('[data-testid=no-visitor][data-paused=lunch]');
      expect(await desk.page.textContent('[data-testid=no-visitor]')).toBe('Робоче місце на паузі: обід, з 09:30.');
      expect(await desk.page.textContent('[data-testid=shortcuts]')).toContain('Робоче місце на паузі');
      expect(t.hub.floor.state().desks.get(1)).toMatchObject({ status: 'paused', pauseReason: 'lunch' });
      await desk.page.keyboard.press('KeyP');
      await desk.page.waitForSelector('[data-testid=cmd-pause]');
      expect(t.hub.floor.state().desks.get(1)).toMatchObject({ status: 'open', pauseReason: null });
    } finally {
      await close(t, desk);
    }
  });

  it('confirms a transfer with the number and where it went', async () => {
    const { t, desk } = await deskWith([1000]);
    try {
      await desk.page.click('[data-testid=cmd-callNext]');
      await desk.page.waitForSelector('[data-testid=current] [data-number="1000"]');
      await desk.page.selectOption('[data-testid=transfer-target]', 'desk:2');
      await desk.page.click('[data-testid=cmd-transfer]');
      await desk.page.waitForSelector('[data-testid=note][data-kind=ok]');
      expect(await desk.page.textContent('[data-testid=note]')).toBe('Талон № 1000 переведено: Робоче місце № 2.');
    } finally {
      await close(t, desk);
    }
  });
});
