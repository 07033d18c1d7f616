/**
 * The kiosk in headless Chromium against a real hub: check-in by keypad and by a scanner under the
 * Ukrainian layout, every refusal screen, printer trouble, same-day booking, licences, idle return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES, type RolePage } from './browser.js';
import { at, booking, fixedSameDay, LICENCES, scriptedPrinter, startCentre, TestClock, type FixedSameDay, type ScriptedPrinter } from './centre.js';
import { scan } from './keys.js';

const tempDir = useTempDir('talon-e2e-kiosk-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Floor {
  t: TestHub;
  printer: ScriptedPrinter;
  sameDay: FixedSameDay;
  kiosk: RolePage;
}

async function floorWith(bookings: ReturnType<typeof booking>[], options: { sameDay?: boolean; query?: string } = {}): Promise<Floor> {
  const clock = new TestClock(at('09:30'));
  const printer = scriptedPrinter();
  const sameDay = fixedSameDay([{ service: 'DL_EXCHANGE', times: ['10:20', '10:40', '11:00'] }, { service: 'THEORY_EXAM', times: [] }], LICENCES, clock.now);
  const t = await startCentre(tempDir(), clock, bookings, options.sameDay === false ? { printer } : { printer, sameDay });
  const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
  await kiosk.page.goto(`${t.hub.url}/kiosk${options.query ?? ''}`);
  await kiosk.page.waitForSelector('[data-testid=screen-start] [data-service]');
  return { t, printer, sameDay, kiosk };
}

async function close(f: Floor): Promise<void> {
  expect(f.kiosk.errors).toEqual([]);
  await f.kiosk.context.close();
  await f.t.stop();
}

async function typeOnKeypad(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.click(`.keypad [data-key="${ch}"]`);
}

async function refusalFor(page: Page, code: string): Promise<{ code: string | null; title: string; next: string }> {
  await page.waitForSelector('[data-testid=screen-start]');
  await scan(page, code, 'latin');
  const screen = await page.waitForSelector('[data-testid=screen-refusal]');
  const result = {
    code: await screen.getAttribute('data-code'),
    title: (await page.textContent('[data-testid=screen-refusal] h1'))!.replace('✕', '').trim(),
    next: (await page.textContent('[data-testid=refusal-message], [data-testid=refusal-next]'))!,
  };
  await page.click('[data-testid=home]');
  return result;
}

describe('kiosk', () => {
  it('checks in by the on-screen keypad and shows the ticket while it prints', async () => {
    const b = booking(1000, '09:40');
    const f = await floorWith([b]);
    try {
      const { page } = f.kiosk;
      await page.click('[data-testid=have-booking]');
      await typeOnKeypad(page, b.code);
      expect(await page.textContent('[data-testid=entry]')).toBe(b.code);
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1000"]');
      expect(await page.textContent('[data-testid=screen-ticket]')).toContain('Обмін посвідчення водія');
      expect(await page.textContent('[data-testid=screen-ticket]')).toContain('09:40');
      expect(await page.getAttribute('[data-testid=print-state]', 'data-status')).toBe('printed');
      expect(f.printer.printed.map((p) => p.number)).toEqual([1000]);
    } finally {
      await close(f);
    }
  });

  it('reads a scan under the Ukrainian layout by key codes, not as Cyrillic, and checks in', async () => {
    const b = booking(1001, '09:40', { code: 'QRCODE77' });
    const f = await floorWith([b]);
    try {
      const { page } = f.kiosk;
      await scan(page, 'QRCODE77', 'uk');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1001"]');
      // The same scan on the code screen replaces whatever was typed there.
      await page.click('[data-testid=done]');
      await page.click('[data-testid=have-booking]');
      await typeOnKeypad(page, '12');
      await scan(page, 'QRCODE77', 'uk');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1001"]');
      expect(await page.textContent('[data-testid=screen-ticket]')).toContain('Повторний друк');
    } finally {
      await close(f);
    }
  });

  it('shows each refusal in plain words with what to do next', async () => {
    const bookings = {
      otherDay: booking(1010, '09:40', { date: '2026-03-11' }),
      otherCentre: booking(1011, '09:40', { centre: '9999' }),
      tooEarly: booking(1012, '11:00'),
      tooLate: booking(1013, '09:00'),
      cancelled: booking(1014, '09:40', { status: 'cancelled', version: 2 }),
      twice: booking(1015, '09:45'),
      suspended: booking(1016, '09:45', { service: 'THEORY_EXAM' }),
    };
    const f = await floorWith(Object.values(bookings));
    try {
      const { page } = f.kiosk;
      const admin = f.t.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'suspendService', { commandId: cmdId(), service: 'THEORY_EXAM', suspended: true });

      expect(await refusalFor(page, 'NOSUCH99')).toMatchObject({ code: 'UNKNOWN_CODE', title: 'Запис не знайдено' });
      const otherDay = await refusalFor(page, bookings.otherDay.code);
      expect(otherDay).toMatchObject({ code: 'OTHER_DAY', title: 'Ваш запис на інший день' });
      expect(otherDay.next).toContain('Приходьте в день запису');
      expect(await refusalFor(page, bookings.otherCentre.code)).toMatchObject({ code: 'OTHER_CENTRE' });
      await scan(page, bookings.tooEarly.code, 'latin');
      await page.waitForSelector('[data-testid=screen-refusal][data-code=TOO_EARLY]');
      expect(await page.textContent('[data-testid=refusal-message]')).toContain('10:00');
      await page.click('[data-testid=home]');
      expect(await refusalFor(page, bookings.tooLate.code)).toMatchObject({ code: 'TOO_LATE', title: 'Час реєстрації минув' });
      expect(await refusalFor(page, bookings.cancelled.code)).toMatchObject({ code: 'CANCELLED', title: 'Запис скасовано' });
      expect(await refusalFor(page, bookings.suspended.code)).toMatchObject({ code: 'SERVICE_SUSPENDED' });
      // The first check-in and one reprint are tickets; the third try is refused.
      for (let i = 0; i < 2; i++) {
        await scan(page, bookings.twice.code, 'latin');
        await page.waitForSelector('[data-testid=screen-ticket][data-number="1015"]');
        await page.click('[data-testid=done]');
      }
      const third = await refusalFor(page, bookings.twice.code);
      expect(third).toMatchObject({ code: 'ALREADY_CHECKED_IN', title: 'Ви вже зареєстровані' });
      expect(third.next).toContain('Очікуйте виклику');

      await page.click('[data-testid=lang-switch]');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await refusalFor(page, 'NOSUCH99')).toMatchObject({ code: 'UNKNOWN_CODE', title: 'Booking not found' });
    } finally {
      await close(f);
    }
  });

  it('tells the citizen the check-in is kept and where to go when the printer is out of paper', async () => {
    const b = booking(1020, '09:40');
    const f = await floorWith([b]);
    try {
      const { page } = f.kiosk;
      f.printer.setState('paper_out');
      await scan(page, b.code, 'latin');
      await page.waitForSelector('[data-testid=screen-printer-trouble][data-number="1020"]');
      const text = await page.textContent('[data-testid=screen-printer-trouble]');
      expect(text).toContain('Вашу реєстрацію збережено. Ваш номер — 1020.');
      expect(text).toContain('У принтері закінчився папір.');
      expect(text).toContain('адміністратор');
    } finally {
      await close(f);
    }
  });

  it('books a same-day slot by phone number and shows the ticket', async () => {
    const f = await floorWith([]);
    try {
      const { page } = f.kiosk;
      expect(await page.textContent('[data-service=DL_EXCHANGE] [data-testid=free-slots]')).toBe('Вільних місць на сьогодні: 3');
      await page.click('[data-testid=book-today]');
      await page.waitForSelector('[data-testid=screen-book-service]');
      expect(await page.isDisabled('[data-service=THEORY_EXAM]')).toBe(true);
      await page.click('[data-service=DL_EXCHANGE]');
      await page.click('[data-time="10:40"]');
      await page.waitForSelector('[data-testid=screen-book-person]');
      await typeOnKeypad(page, '50123456');
      expect(await page.isDisabled('[data-testid=confirm]')).toBe(true);
      await typeOnKeypad(page, '7');
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1100"]');
      expect(f.sameDay.booked).toEqual([{ service: 'DL_EXCHANGE', time: '10:40', person: { kind: 'phone', value: '+380501234567' } }]);
      await page.click('[data-testid=done]');
      await page.waitForFunction(() => document.querySelector('[data-service=DL_EXCHANGE] [data-testid=free-slots]')?.textContent?.endsWith(': 2'));
      // The hall board shows the same pool's free slots next to the waiting counts.
      const board = await openRole(browser, 'board');
      try {
        await board.page.goto(`${f.t.hub.url}/board`);
        await board.page.waitForSelector('[data-testid=board-services] [data-service=DL_EXCHANGE] .free');
        expect(await board.page.textContent('[data-testid=board-services] [data-service=DL_EXCHANGE] .free')).toBe('2');
      } finally {
        await board.context.close();
      }
    } finally {
      await close(f);
    }
  });

  it('asks for the application number and the phone’s last four digits, shows the status in plain words, where a produced licence is, and gives a pickup ticket for one waiting here', async () => {
    const f = await floorWith([]);
    try {
      const { page } = f.kiosk;
      const status = async (n: string) => {
        await page.click('[data-testid=licence]');
        await page.waitForSelector('[data-testid=screen-licence-entry]');
        await scan(page, n, 'uk');
        await page.waitForFunction((want) => document.querySelector('[data-testid=entry]')?.textContent === want, n);
        await page.click('[data-testid=confirm]');
        // The second factor: the last four digits of the applicant's phone.
        await page.waitForSelector('[data-testid=screen-licence-factor]');
        await scan(page, '4501', 'uk');
        await page.waitForFunction(() => document.querySelector('[data-testid=entry]')?.textContent === '4501');
        await page.click('[data-testid=confirm]');
        await page.waitForSelector('[data-testid=screen-licence]');
        return (await page.textContent('[data-testid=screen-licence]'))!;
      };
      const home = () => page.click('[data-testid=home]');
      expect(await status('DL-0001')).toContain('Заяву надіслано');
      await home();
      expect(await status('DL-0002')).toContain('Заяву отримано центром');
      await home();
      expect(await status('DL-0003')).toContain('Заява в роботі');
      await home();
      const refused = await status('DL-0005');
      expect(refused).toContain('відмовлено');
      expect(refused).toContain('Причина: Медична довідка недійсна');
      await home();
      // An application central does not know: the hub answers NOT_AVAILABLE, the kiosk says so plainly.
      await page.click('[data-testid=licence]');
      await scan(page, 'DL-9999', 'uk');
      await page.waitForFunction(() => document.querySelector('[data-testid=entry]')?.textContent === 'DL-9999');
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=screen-licence-factor]');
      await scan(page, '4501', 'uk');
      await page.waitForFunction(() => document.querySelector('[data-testid=entry]')?.textContent === '4501');
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=screen-refusal][data-code=NOT_AVAILABLE]');
      expect(await page.textContent('[data-testid=screen-refusal] h1')).toContain('Зараз це недоступно');
      await home();
      expect(await status('DL-0006')).toContain('Посвідчення надішлють поштою');
      await home();
      expect(await status('DL-0007')).toContain('у сервісному центрі № 8042');
      await home();
      const taken = await status('DL-0008');
      expect(taken).toContain('Талон на отримання вже взято: № 1234');
      expect(await page.$('[data-testid=pickup]')).toBeNull();
      await home();
      expect(await status('DL-0004')).toContain('Посвідчення чекає на вас у цьому центрі');
      await page.click('[data-testid=pickup]');
      await page.waitForSelector('[data-testid=screen-ticket][data-number="1100"]');
    } finally {
      await close(f);
    }
  });

  it('offers neither same-day booking nor licences where the centre has no pool', async () => {
    const f = await floorWith([], { sameDay: false });
    try {
      const { page } = f.kiosk;
      expect(await page.$('[data-testid=book-today]')).toBeNull();
      expect(await page.$('[data-testid=licence]')).toBeNull();
      expect(await page.$('[data-testid=free-slots]')).toBeNull();
    } finally {
      await close(f);
    }
  });

  it('returns to the Ukrainian start screen after a short idle time, with nothing entered left', async () => {
    const f = await floorWith([], { query: '?idle=800' });
    try {
      const { page } = f.kiosk;
      await page.click('[data-testid=lang-switch]');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.click('[data-testid=have-booking]');
      await typeOnKeypad(page, 'AB12');
      await page.waitForSelector('[data-testid=screen-start]', { timeout: 5000 });
      await page.waitForFunction(() => document.documentElement.lang === 'uk');
      await page.click('[data-testid=have-booking]');
      expect(await page.textContent('[data-testid=entry]')).not.toContain('AB12');
    } finally {
      await close(f);
    }
  });
});
