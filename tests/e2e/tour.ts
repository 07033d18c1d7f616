/**
 * A walk through every screen of every page, in one language and one window size, on a centre with
 * a printer and a same-day pool. At each stop `visit` runs: the accessibility spec runs axe there,
 * the screenshot script takes a picture. Pages are driven as a person would, through the UI.
 */
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS, type TestHub } from '../helpers/hub.js';
import { openRole, type RolePage } from './browser.js';
import { at, booking, fixedSameDay, LICENCES, scriptedPrinter, startCentre, TestClock } from './centre.js';
import { scan } from './keys.js';
import { refuseAutoplay, sixCalls, startBigCentre } from './boardCentre.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Visit = (role: string, screen: string, page: Page) => Promise<void>;

export async function tourCentre(dir: string): Promise<{ t: TestHub; codes: { ok: string[]; early: string }; printer: ReturnType<typeof scriptedPrinter> }> {
  const clock = new TestClock(at('09:30'));
  const services = ['DL_EXCHANGE', 'THEORY_EXAM'];
  const bookings = Array.from({ length: 12 }, (_, i) => booking(1000 + i, `09:${String(30 + i * 2).padStart(2, '0')}`, { service: services[i % 2]! }));
  const early = booking(1050, '11:00');
  const printer = scriptedPrinter();
  const sameDay = fixedSameDay(
    [
      { service: 'DL_EXCHANGE', times: ['10:20', '10:40', '11:00', '11:20', '11:40', '12:00'] },
      { service: 'THEORY_EXAM', times: ['10:30', '12:30'] },
    ],
    LICENCES,
    clock.now,
  );
  const t = await startCentre(dir, clock, [...bookings, early], { printer, sameDay });
  return { t, codes: { ok: bookings.map((b) => b.code), early: early.code }, printer };
}

/** Puts a few visitors in the queue and a few calls on the board, so the pages show real content. */
export async function busyFloor(t: TestHub, codes: string[]): Promise<void> {
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  const desks = [1, 2, 3].map((n) => t.client('desk', TOKENS.desk(n)));
  await Promise.all([kiosk, ...desks].map(connected));
  for (const code of codes.slice(2)) await ask(kiosk, 'checkIn', { commandId: cmdId(), code });
  for (const [i, d] of [desks[2]!, desks[1]!, desks[0]!, desks[1]!].entries()) {
    await ask(d, 'callNext', { commandId: cmdId() });
    if (i < 3) await ask(d, 'finish', { commandId: cmdId() });
  }
}

async function setAlert(t: TestHub, active: boolean): Promise<void> {
  const admin = t.client('admin', TOKENS.admin);
  await connected(admin);
  await ask(admin, 'alert', { commandId: cmdId(), active });
  admin.close();
}

async function open(browser: Browser, t: TestHub, role: 'kiosk' | 'board' | 'desk' | 'admin', lang: string, size: { width: number; height: number }, token?: string): Promise<RolePage> {
  const p = await openRole(browser, role, { size, ...(token ? { storedToken: token } : {}) });
  await p.page.goto(`${t.hub.url}/${role}?lang=${lang}`);
  return p;
}

/** A big centre's board: six desks called within a few seconds, one recalled (tests/e2e/boardCentre.ts). */
async function bigBoard(browser: Browser, lang: string, size: { width: number; height: number }, visit: Visit): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-tour-big-'));
  const { t, clock } = await startBigCentre(dir);
  try {
    await sixCalls(t, clock);
    const board = await open(browser, t, 'board', lang, size);
    // The same board in a browser that wants a click before sound: the button in the header.
    const quiet = await openRole(browser, 'board', { size });
    try {
      await board.page.waitForFunction(() => document.querySelectorAll('[data-testid=calls] > li').length === 6);
      await visit('board', 'six-calls', board.page);
      await refuseAutoplay(quiet.context);
      await quiet.page.goto(`${t.hub.url}/board?lang=${lang}`);
      await quiet.page.waitForSelector('[data-testid=sound-enable]');
      await quiet.page.waitForFunction(() => document.querySelectorAll('[data-testid=calls] > li').length === 6);
      await visit('board', 'sound-off', quiet.page);
    } finally {
      await board.context.close();
      await quiet.context.close();
    }
    return [...board.errors, ...quiet.errors];
  } finally {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function tour(
  browser: Browser,
  centre: Awaited<ReturnType<typeof tourCentre>>,
  lang: 'uk' | 'en',
  size: { width: number; height: number },
  visit: Visit,
): Promise<string[]> {
  const { t, codes, printer } = centre;
  const opened: RolePage[] = [];
  const errors: string[] = [];
  try {
    // Kiosk
    const kiosk = await open(browser, t, 'kiosk', lang, size, TOKENS.kiosk);
    opened.push(kiosk);
    const k = kiosk.page;
    await k.waitForSelector('[data-testid=screen-start] [data-testid=free-slots]');
    await visit('kiosk', 'start', k);
    await k.click('[data-testid=have-booking]');
    for (const ch of codes.ok[0]!.slice(0, 5)) await k.click(`.keypad [data-key="${ch}"]`);
    await visit('kiosk', 'code', k);
    await scan(k, codes.ok[0]!, 'uk');
    await k.waitForSelector('[data-testid=screen-ticket]');
    await visit('kiosk', 'ticket', k);
    await k.click('[data-testid=done]');
    await scan(k, codes.early, 'uk');
    await k.waitForSelector('[data-testid=screen-refusal]');
    await visit('kiosk', 'refusal-too-early', k);
    await k.click('[data-testid=home]');
    printer.setState('paper_out');
    await scan(k, codes.ok[1]!, 'uk');
    await k.waitForSelector('[data-testid=screen-printer-trouble]');
    await visit('kiosk', 'printer-trouble', k);
    printer.setState('ok');
    await k.click('[data-testid=done]');
    await k.click('[data-testid=book-today]');
    await k.waitForSelector('[data-testid=screen-book-service]');
    await visit('kiosk', 'book-service', k);
    await k.click('[data-testid=screen-book-service] [data-service=DL_EXCHANGE]');
    await visit('kiosk', 'book-time', k);
    await k.click('[data-time="10:40"]');
    for (const ch of '5012') await k.click(`.keypad [data-key="${ch}"]`);
    await visit('kiosk', 'book-person', k);
    await k.click('[data-testid=back]');
    await k.click('[data-testid=back]');
    await k.click('[data-testid=back]');
    await k.click('[data-testid=licence]');
    await k.waitForSelector('[data-testid=screen-licence-entry]');
    await scan(k, 'DL-0005', 'uk');
    await visit('kiosk', 'licence-entry', k);
    await k.click('[data-testid=confirm]');
    await k.waitForSelector('[data-testid=screen-licence-factor]');
    await scan(k, '4506', 'uk');
    await visit('kiosk', 'licence-factor', k);
    await k.click('[data-testid=confirm]');
    await k.waitForSelector('[data-testid=screen-licence]');
    await visit('kiosk', 'licence-refused', k);
    await k.click('[data-testid=home]');
    await k.click('[data-testid=licence]');
    await scan(k, 'DL-0004', 'uk');
    await k.click('[data-testid=confirm]');
    await k.waitForSelector('[data-testid=screen-licence-factor]');
    await scan(k, '4504', 'uk');
    await k.click('[data-testid=confirm]');
    await k.waitForSelector('[data-testid=screen-licence][data-status=produced]');
    await visit('kiosk', 'licence-pickup', k);
    await k.click('[data-testid=home]');
    // A kiosk that cannot reach the hub: its socket is refused, as when the hub is down.
    const cut = await openRole(browser, 'kiosk', { size, storedToken: TOKENS.kiosk });
    opened.push(cut);
    await cut.page.routeWebSocket(/socket\.io/, (ws) => ws.close());
    await cut.page.goto(`${t.hub.url}/kiosk?lang=${lang}`);
    await cut.page.waitForSelector('[data-testid=screen-unavailable]');
    await visit('kiosk', 'unavailable', cut.page);

    // Board, desk, admin on a floor with calls
    await busyFloor(t, codes.ok);
    const board = await open(browser, t, 'board', lang, size);
    opened.push(board);
    await board.page.waitForSelector('[data-testid=calls] > li:nth-child(2)');
    await board.page.waitForSelector('[data-testid=latest-call]:not(.fresh)');
    await visit('board', 'calls', board.page);
    errors.push(...(await bigBoard(browser, lang, size, visit)));

    const deskSignIn = await open(browser, t, 'desk', lang, size);
    opened.push(deskSignIn);
    await deskSignIn.page.waitForSelector('[data-testid=signin]');
    await visit('desk', 'sign-in', deskSignIn.page);
    const desk = await open(browser, t, 'desk', lang, size, TOKENS.desk(2));
    opened.push(desk);
    await desk.page.waitForSelector('[data-testid=current-number]');
    await visit('desk', 'console', desk.page);

    // Desk 1 goes to lunch: its console says so, and the admin's floor view shows the reason.
    const lunch = t.client('desk', TOKENS.desk(1));
    await connected(lunch);
    await ask(lunch, 'pause', { commandId: cmdId(), reason: 'lunch' });
    lunch.close();
    const paused = await open(browser, t, 'desk', lang, size, TOKENS.desk(1));
    opened.push(paused);
    await paused.page.waitForSelector('[data-testid=no-visitor][data-paused=lunch]');
    await visit('desk', 'paused', paused.page);

    const admin = await open(browser, t, 'admin', lang, size, TOKENS.admin);
    opened.push(admin);
    await admin.page.waitForSelector('[data-testid=alert-switch]:not([disabled])');
    await admin.page.waitForFunction(() => document.querySelector('[data-key=checkedIn] dd')?.textContent !== '—');
    await admin.page.waitForSelector('[data-testid=floor-desks] tr[data-desk="1"][data-state=paused]');
    await visit('admin', 'overview', admin.page);
    await admin.page.click('[data-testid=alert-switch]');
    await admin.page.waitForSelector('[data-testid=alert-confirm]');
    await visit('admin', 'alert-confirm', admin.page);
    await admin.page.click('[data-testid=alert-cancel]');
    await admin.page.click('[data-testid=tab-reports]');
    await admin.page.waitForSelector('[data-testid=report] [data-testid=chart-served] canvas');
    await visit('admin', 'reports', admin.page);
    await admin.page.selectOption('[data-testid=report-kind]', 'month');
    await admin.page.click('[data-testid=report-show]');
    await admin.page.waitForSelector('[data-testid=report][data-period="2026-03"] [data-testid=chart-served] canvas');
    await visit('admin', 'reports-month', admin.page);
    await admin.page.click('[data-testid=tab-bookings]');
    await admin.page.waitForSelector('[data-testid=bookings] tbody tr');
    await visit('admin', 'bookings', admin.page);
    await admin.page.click('[data-testid=tab-overview]');

    // The alert
    await setAlert(t, true);
    await k.waitForSelector('[data-testid=screen-shelter]');
    await visit('kiosk', 'shelter', k);
    await board.page.waitForSelector('[data-testid=board-alert]');
    await visit('board', 'alert', board.page);
    await desk.page.waitForSelector('[data-testid=block-reason]');
    await visit('desk', 'alert-frozen', desk.page);
    await admin.page.waitForSelector('[data-testid=alert-card][data-active=yes]');
    await visit('admin', 'alert-on', admin.page);
    await setAlert(t, false);
    await board.page.waitForSelector('[data-testid=all-clear]');
    await visit('board', 'all-clear', board.page);
    await k.waitForSelector('[data-testid=screen-start]');
  } finally {
    for (const p of opened) {
      errors.push(...p.errors);
      await p.context.close();
    }
  }
  return errors;
}
