/**
 * The admin page in headless Chromium against a real hub: the alert switch that two quick taps
 * cannot flip twice, the live floor view, suspending a service (seen on desk and board), reports
 * with charts and CSV, devices in Ukrainian, today's bookings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES, type RolePage } from './browser.js';
import { at, booking, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-admin-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

type Centre = Awaited<ReturnType<typeof startCentre>>;

async function adminOn(t: Centre): Promise<RolePage> {
  const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
  await admin.page.goto(`${t.hub.url}/admin`);
  await admin.page.waitForSelector('[data-testid=alert-switch]:not([disabled])');
  return admin;
}

async function centreOf(numbers: number[], checkIn = true): Promise<{ t: Centre; codes: string[]; clock: TestClock }> {
  const bs = numbers.map((n, i) => booking(n, `09:${String(40 + i).padStart(2, '0')}`, { service: i % 2 ? 'THEORY_EXAM' : 'DL_EXCHANGE' }));
  const clock = new TestClock(at('09:30'));
  const t = await startCentre(tempDir(), clock, bs);
  if (checkIn) {
    const kiosk = t.client('kiosk', TOKENS.kiosk);
    await connected(kiosk);
    for (const b of bs) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
  }
  return { t, codes: bs.map((b) => b.code), clock };
}

async function close(t: Centre, pages: RolePage[]): Promise<void> {
  for (const p of pages) {
    expect(p.errors).toEqual([]);
    await p.context.close();
  }
  await t.stop();
}

/** The centre of an element, where a finger would touch it. */
async function spotOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await (await page.waitForSelector(selector)).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A tap at `spot`, `gapMs` after the previous one (its time given), once the page has had its say. */
async function tapAfter(page: Page, spot: { x: number; y: number }, since: number, gapMs: number): Promise<number> {
  const wait = since + gapMs - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await page.mouse.click(spot.x, spot.y);
  return Date.now();
}

describe('the admin page', () => {
  it('does not declare and end an alert on two taps 250 ms apart, and asks to confirm each', async () => {
    const { t } = await centreOf([]);
    const admin = await adminOn(t);
    try {
      const p = admin.page;
      const declareSpot = await spotOf(p, '[data-testid=alert-switch]');
      let tapped = await tapAfter(p, declareSpot, 0, 0);
      await p.waitForSelector('[data-testid=alert-confirm]');
      await tapAfter(p, declareSpot, tapped, 250);
      await p.waitForSelector('[data-testid=alert-switch]');
      expect(t.hub.floor.state().alerts).toEqual([]);

      // Declared on purpose: ask, then confirm. A second tap where the confirmation was ends nothing.
      tapped = await tapAfter(p, declareSpot, 0, 0);
      const confirmSpot = await spotOf(p, '[data-testid=alert-confirm]');
      tapped = await tapAfter(p, confirmSpot, tapped, 250);
      await p.waitForSelector('[data-testid=alert-card][data-active=yes]');
      await tapAfter(p, confirmSpot, tapped, 250);
      await tapAfter(p, declareSpot, Date.now(), 0);
      expect(await p.$('[data-testid=alert-confirm]')).toBeNull();
      expect(t.hub.floor.state().alert.active).toBe(true);
      // Neither the end button nor its confirmation sits where declare or its confirmation was.
      const endSpot = await spotOf(p, '[data-testid=alert-switch]');
      await p.click('[data-testid=alert-switch]');
      const endConfirmSpot = await spotOf(p, '[data-testid=alert-confirm]');
      for (const spot of [endSpot, endConfirmSpot]) for (const taken of [declareSpot, confirmSpot]) expect(Math.hypot(spot.x - taken.x, spot.y - taken.y)).toBeGreaterThan(60);
      await p.click('[data-testid=alert-confirm]');
      await p.waitForSelector('[data-testid=alert-card][data-active=no]');
      expect(t.hub.floor.state().alerts.map((a) => a.end !== null)).toEqual([true]);
    } finally {
      await close(t, [admin]);
    }
  });

  it('shows each desk’s state with its reason and since when, the queues and the longest wait', async () => {
    const { t, clock } = await centreOf([1000, 1001, 1002]);
    const d1 = t.client('desk', TOKENS.desk(1));
    const d3 = t.client('desk', TOKENS.desk(3));
    await Promise.all([connected(d1), connected(d3)]);
    clock.t = at('09:45');
    expect(await ask(d1, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true });
    expect(await ask(d3, 'pause', { commandId: cmdId(), reason: 'technical' })).toMatchObject({ ok: true });
    clock.t = at('09:50');
    const admin = await adminOn(t);
    try {
      const p = admin.page;
      await p.waitForSelector('[data-testid=floor-desks] tr[data-desk="3"][data-state=paused]');
      const rows = await p.$$eval('[data-testid=floor-desks] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
      expect(rows).toEqual([
        ['1', 'викликає Обмін посвідчення водія', '1000', 'з 09:45 (5 хв)'],
        ['2', 'вільне', '—', '—'],
        ['3', 'пауза: технічна причина', '—', 'з 09:45 (5 хв)'],
      ]);
      expect(await p.textContent('[data-testid=longest-wait]')).toBe('Найдовше очікування в залі: 20 хв.');
      expect(await p.textContent('[data-testid=floor-services] tr[data-service=THEORY_EXAM] td')).toBe('1');
      // A new state reaches the open page by itself.
      expect(await ask(d1, 'finish', { commandId: cmdId() })).toMatchObject({ ok: true });
      await p.waitForSelector('[data-testid=floor-desks] tr[data-desk="1"][data-state=free]');
    } finally {
      await close(t, [admin]);
    }
  });

  it('suspends and resumes a service, which the desk and the board show', async () => {
    const { t } = await centreOf([1000]);
    const admin = await adminOn(t);
    const desk = await openRole(browser, 'desk', { storedToken: TOKENS.desk(2), size: SIZES.desk });
    const board = await openRole(browser, 'board');
    try {
      await desk.page.goto(`${t.hub.url}/desk`);
      await board.page.goto(`${t.hub.url}/board`);
      await admin.page.click('[data-testid=suspend][data-service=THEORY_EXAM]');
      await admin.page.waitForSelector('[data-testid=floor-services] tr[data-service=THEORY_EXAM][data-suspended=yes]');
      expect(t.hub.floor.state().suspended.has('THEORY_EXAM')).toBe(true);
      await desk.page.waitForSelector('[data-testid=queue] tr[data-service=THEORY_EXAM][data-suspended=yes]');
      await board.page.waitForSelector('[data-testid=board-services] tr[data-service=THEORY_EXAM][data-suspended=yes]');
      expect(await board.page.textContent('[data-testid=board-services] tr[data-service=THEORY_EXAM] th')).toContain('тимчасово не надається');
      await admin.page.click('[data-testid=suspend][data-service=THEORY_EXAM]');
      await desk.page.waitForSelector('[data-testid=queue] tr[data-service=THEORY_EXAM][data-suspended=no]');
      expect(t.hub.floor.state().suspended.has('THEORY_EXAM')).toBe(false);
    } finally {
      await close(t, [admin, desk, board]);
    }
  });

  it('reports today, a past day and a month with charts, and exports the report as CSV', async () => {
    const { t, clock } = await centreOf([1000, 1001]);
    // Desk 2 serves 09:50–09:55 and 10:05–10:10: busy 10 of its 20 working minutes.
    const d2 = t.client('desk', TOKENS.desk(2));
    await connected(d2);
    for (const time of ['09:50', '10:05']) {
      clock.t = at(time);
      await ask(d2, 'callNext', { commandId: cmdId() });
      clock.t = at(time) + 5 * 60_000;
      await ask(d2, 'finish', { commandId: cmdId() });
    }
    const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
    try {
      const p = admin.page;
      await p.goto(`${t.hub.url}/admin`);
      await p.click('[data-testid=tab-reports]');
      await p.waitForSelector('[data-testid=report] [data-testid=chart-served] canvas');
      expect(await p.textContent('[data-testid=report-totals] [data-key=served] dd')).toBe('2');
      expect(await p.$$eval('[data-testid=report] canvas', (cs) => cs.length)).toBeGreaterThanOrEqual(3);
      expect(await p.textContent('[data-testid=report-desks] tr[data-desk="2"] td:last-child')).toBe('50 %');
      const download = p.waitForEvent('download');
      await p.click('[data-testid=report-csv]');
      const file = await download;
      expect(file.suggestedFilename()).toBe('talon-8041-2026-03-10.csv');
      const csv = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
      expect(csv).toContain('2026-03-10,total,centre,served,2');

      await p.fill('[data-testid=report-day]', '2026-03-09');
      await p.click('[data-testid=report-show]');
      await p.waitForSelector('[data-testid=report][data-period="2026-03-09"]');
      expect(await p.textContent('[data-testid=report-totals] [data-key=served] dd')).toBe('0');
      await p.selectOption('[data-testid=report-kind]', 'month');
      await p.click('[data-testid=report-show]');
      await p.waitForSelector('[data-testid=report][data-period="2026-03"]');
      expect(await p.textContent('[data-testid=report-totals] [data-key=served] dd')).toBe('2');
    } finally {
      await close(t, [admin]);
    }
  });

  it('gives every page a favicon that the hub serves', async () => {
    const { t } = await centreOf([], false);
    try {
      for (const role of ['kiosk', 'board', 'desk', 'admin']) {
        const html = await (await fetch(`${t.hub.url}/${role}`)).text();
        const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(html)?.[1];
        expect(href, role).toMatch(/^\/assets\/favicon-.*\.svg$/);
        const icon = await fetch(`${t.hub.url}${href}`);
        expect(icon.status).toBe(200);
        expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      }
    } finally {
      await t.stop();
    }
  });

  it('lists the devices in Ukrainian and today’s bookings with their codes', async () => {
    const { t, codes } = await centreOf([1000, 1001], false);
    t.hub.devices.report({ id: 'display:/dev/ttyS0:11', kind: 'display', name: 'desk 1 display and keypad (address 11)', state: 'ok', detail: 'answers' });
    t.hub.devices.report({ id: 'display:/dev/ttyS0:12', kind: 'display', name: 'desk 2 display and keypad (address 12)', state: 'down', detail: 'NO_ACK: no ack after 3 attempts' });
    const admin = await adminOn(t);
    try {
      const p = admin.page;
      await p.waitForSelector('[data-testid=devices] tr[data-device="display:/dev/ttyS0:12"]');
      const text = await p.textContent('[data-testid=devices]');
      expect(text).toContain('Табло і клавіатура робочого місця № 1 (адреса 11)');
      expect(text).toContain('відповідає');
      expect(text).toContain('не відповів після 3 спроб');
      expect(text).not.toMatch(/display and keypad|answers|NO_ACK/);
      await p.click('[data-testid=tab-bookings]');
      await p.waitForSelector('[data-testid=bookings] tbody tr');
      expect(await p.$$eval('[data-testid=bookings] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-code')))).toEqual(codes);
      expect(await p.textContent('[data-testid=bookings] tbody tr')).toContain('очікується');
    } finally {
      await close(t, [admin]);
    }
  });
});
