/**
 * The citizen's live ticket on a phone (360 × 740) in headless Chromium: the page at the ticket's
 * link follows calls, shows the alert freeze and the resume, says "your turn: desk N" with a
 * vibration, refuses a guessed id, and does the same through the reference central.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { citizenBooks, withSyncedFloor } from '../integration/sync/fixture.js';
import type { RunningCentral } from '../../sync/central/server.js';
import type { TalonConfig } from '../../main/config/schema.js';
import type { TicketView } from '../../sync/protocol/hub.js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { axe } from './axe.js';
import { launchChromium, openRole, SIZES } from './browser.js';
import { scan } from './keys.js';
import { at, booking, startCentre, TestClock } from './centre.js';

// jsqr is CommonJS with an ES default in its types: take the function whichever way it loads.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;
const tempDir = useTempDir('talon-e2e-live-');
export const PHONE = { width: 360, height: 740 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Phone {
  context: BrowserContext;
  page: Page;
  vibrations: () => Promise<number>;
}

async function openPhone(url: string): Promise<Phone> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await context.addInitScript({
    content: 'window.__vibrations = 0; navigator.vibrate = () => { window.__vibrations++; return true; };',
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, vibrations: () => page.evaluate(() => (window as unknown as { __vibrations: number }).__vibrations) };
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent({ timeout: 10_000 });
const waitText = (page: Page, selector: string, words: string) => page.locator(selector, { hasText: words }).first().waitFor({ timeout: 10_000 });

async function floor(numbers: number[]) {
  const clock = new TestClock(at('09:30'));
  const bs = numbers.map((n) => booking(n, '10:00'));
  const t = await startCentre(tempDir(), clock, bs);
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  const desk = t.client('desk', TOKENS.desk(1));
  const admin = t.client('admin', TOKENS.admin);
  await Promise.all([kiosk, desk, admin].map(connected));
  const tickets: TicketView[] = [];
  for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
  return { t, clock, desk, admin, tickets };
}

async function callAndFinish(t: TestHub, desk: ReturnType<TestHub['client']>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await ask(desk, 'callNext', { commandId: cmdId() });
    await ask(desk, 'finish', { commandId: cmdId() });
  }
  void t;
}

describe('the live ticket on a phone', () => {
  it('puts the link as a second QR on the kiosk\'s ticket screen, and the QR decodes to it', async () => {
    const clock = new TestClock(at('09:30'));
    const b = booking(1056, '10:00');
    const t = await startCentre(tempDir(), clock, [b]);
    const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
    try {
      await kiosk.page.goto(`${t.hub.url}/kiosk`);
      await kiosk.page.waitForSelector('[data-testid=screen-start] [data-service]');
      await scan(kiosk.page, b.code, 'latin');
      const qr = kiosk.page.locator('[data-testid=live-qr] img');
      await qr.waitFor({ timeout: 10_000 });
      const url = await kiosk.page.getAttribute('[data-testid=live-qr]', 'data-url');
      expect(url).toMatch(new RegExp(`^${t.hub.url}/t/[0-9a-f]{32}$`));
      const png = PNG.sync.read(await qr.screenshot());
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toBe(url);
      const phone = await openPhone(decoded!.data);
      await waitText(phone.page, '.ticket .number', '1056');
      await phone.context.close();
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context.close();
      await t.stop();
    }
  });

  it('follows the calls, shows the alert freeze and the resume, and says "your turn: desk 1" with a vibration', async () => {
    const { t, desk, admin, tickets } = await floor([1054, 1055, 1056]);
    const phone = await openPhone(tickets[2]!.liveUrl!);
    try {
      const { page } = phone;
      await waitText(page, '.ticket .number', '1056');
      expect(await text(page, '.ahead')).toBe('Перед вами 2 людини');
      await ask(desk, 'callNext', { commandId: cmdId() });
      await waitText(page, '.ahead', 'Перед вами 1 людина');
      expect(await text(page, '.calls li.newest')).toContain('1054 → робоче місце 1');

      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      await waitText(page, '.alert', 'Черга призупинена через тривогу — ваше місце збережено');
      expect(await text(page, '.ahead')).toBe('Перед вами 1 людина');
      await ask(admin, 'alert', { commandId: cmdId(), active: false });
      await page.locator('.alert').waitFor({ state: 'detached', timeout: 10_000 });

      await ask(desk, 'finish', { commandId: cmdId() });
      await callAndFinish(t, desk, 1);
      await waitText(page, '.ahead', 'Ви наступні в черзі');
      expect(await phone.vibrations()).toBe(0);
      await ask(desk, 'callNext', { commandId: cmdId() });
      await waitText(page, '.turn', 'Ваша черга: робоче місце 1');
      expect(await phone.vibrations()).toBe(1);
      expect(await text(page, '.updated')).toMatch(/^Оновлено о \d\d:\d\d:\d\d$/);

      await page.getByRole('button', { name: 'English' }).click();
      await waitText(page, '.turn', 'Your turn: desk 1');
      expect(await axe(page)).toEqual([]);
    } finally {
      await phone.context.close();
      await t.stop();
    }
  });

  it('shows nothing for a guessed or altered id, and one ticket\'s page never shows another\'s', async () => {
    const { t, tickets } = await floor([1054, 1055]);
    const real = tickets[0]!.liveUrl!;
    const altered = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
    const guessed = await openPhone(altered);
    const mine = await openPhone(real);
    try {
      await waitText(guessed.page, '.status', 'Талон не знайдено');
      expect(await guessed.page.locator('.ticket').count()).toBe(0);
      expect(await axe(guessed.page)).toEqual([]);
      await waitText(mine.page, '.ticket .number', '1054');
      const body = (await mine.page.locator('body').textContent()) ?? '';
      expect(body).not.toContain('1055');
      expect(await axe(mine.page)).toEqual([]);
    } finally {
      await guessed.context.close();
      await mine.context.close();
      await t.stop();
    }
  });

  it('shows the alert with the place kept when an alert is active, and stays readable at 360 px', async () => {
    const { t, admin, tickets } = await floor([1054, 1055]);
    await ask(admin, 'alert', { commandId: cmdId(), active: true });
    const phone = await openPhone(tickets[1]!.liveUrl!);
    try {
      await waitText(phone.page, '.alert', 'Черга призупинена');
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
      expect(await axe(phone.page)).toEqual([]);
    } finally {
      await phone.context.close();
      await t.stop();
    }
  });

  it('works the same through the reference central, with the hub\'s progress pushed', async () => {
    const DAY = '2026-03-10';
    const book = (central: RunningCentral) => ['10:00', '10:00'].map((x) => citizenBooks(central, DAY, x));
    const config = (c: TalonConfig) => {
      c.central!.publicUrl = c.central!.url;
      c.central!.progressEveryMs = 500;
    };
    let phone: Phone | null = null;
    try {
      await withSyncedFloor(tempDir(), { day: DAY, book, config }, async ({ clock, central, hub, booked: bs, kiosk, desk }) => {
        const tickets: TicketView[] = [];
        for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
        expect(tickets[1]!.liveUrl!.startsWith(`${central.url}/t/`)).toBe(true);
        phone = await openPhone(tickets[1]!.liveUrl!);
        await waitText(phone.page, '.ahead', 'Перед вами 1 людина');
        await ask(desk, 'callNext', { commandId: cmdId() });
        await waitText(phone.page, '.ahead', 'Ви наступні в черзі');
        await ask(desk, 'finish', { commandId: cmdId() });
        await ask(desk, 'callNext', { commandId: cmdId() });
        await waitText(phone.page, '.turn', 'Ваша черга: робоче місце 1');
        expect(await phone.vibrations()).toBe(1);

        // The hub goes away: the page keeps the last position and says how old it is.
        await hub.stop();
        clock.advance(5 * 60_000);
        await waitText(phone.page, '.updated', 'Немає зв’язку з центром');
      });
    } finally {
      await (phone as Phone | null)?.context.close();
    }
  });
});
