/**
 * The live ticket's phone page in its states (waiting, frozen by an alert, your turn, not found),
 * in Ukrainian and English at 360 × 740, for docs/live-ticket.md. Called by `npm run screenshots`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ask, cmdId, connected, TOKENS } from '../helpers/hub.js';
import type { TicketView } from '../../sync/protocol/hub.js';
import { at, booking, startCentre, TestClock } from './centre.js';

export const PHONE = { width: 360, height: 740 };

export async function liveTicketShots(browser: Browser, out: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-shots-live-'));
  const clock = new TestClock(at('09:30'));
  const bs = [1054, 1055, 1056, 1057, 1058].map((n) => booking(n, '10:00'));
  const t = await startCentre(dir, clock, bs);
  let count = 0;
  try {
    const kiosk = t.client('kiosk', TOKENS.kiosk);
    const desk = t.client('desk', TOKENS.desk(1));
    const desk2 = t.client('desk', TOKENS.desk(2));
    const admin = t.client('admin', TOKENS.admin);
    await Promise.all([kiosk, desk, desk2, admin].map(connected));
    const tickets: TicketView[] = [];
    for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
    clock.advance(5 * 60_000);
    await ask(desk, 'callNext', { commandId: cmdId() });
    await ask(desk2, 'callNext', { commandId: cmdId() });
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const shoot = async (page: Page, name: string, lang: 'uk' | 'en') => {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(out, `ticket-${name}-${lang}-phone.png`), fullPage: true });
      count++;
    };
    for (const lang of ['uk', 'en'] as const) {
      const page = await context.newPage();
      await page.goto(tickets[4]!.liveUrl!);
      await page.locator('.ahead').waitFor();
      await shoot(page, 'waiting', lang);
      await page.close();
    }
    await ask(admin, 'alert', { commandId: cmdId(), active: true });
    for (const lang of ['uk', 'en'] as const) {
      const page = await context.newPage();
      await page.goto(tickets[4]!.liveUrl!);
      await page.locator('.alert').waitFor();
      await shoot(page, 'alert', lang);
      await page.close();
    }
    await ask(admin, 'alert', { commandId: cmdId(), active: false });
    await ask(desk, 'finish', { commandId: cmdId() });
    await ask(desk, 'callNext', { commandId: cmdId() });
    for (const lang of ['uk', 'en'] as const) {
      const page = await context.newPage();
      await page.goto(tickets[2]!.liveUrl!);
      await page.locator('.turn').waitFor();
      await shoot(page, 'your-turn', lang);
      await page.close();
    }
    for (const lang of ['uk', 'en'] as const) {
      const page = await context.newPage();
      await page.goto(`${t.hub.url}/t/${'0'.repeat(32)}`);
      await page.locator('.status.error').waitFor();
      await shoot(page, 'not-found', lang);
      await page.close();
    }
    await context.close();
  } finally {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return count;
}
