/**
 * One alert seen from both places: a board in the shelter (placed by its token) and an anonymous hall
 * board, while desk 5 in the shelter calls. The shelter spec asserts on it; `npm run screenshots`
 * photographs it (docs/screenshots/board-shelter-*.png and board-hall-during-shelter-*.png).
 */
import type { Browser, Page } from 'playwright-core';
import type { Lang } from '../../renderer/shared/i18n.js';
import { ask, cmdId, connected, startTestHub, TOKENS, type TestHub } from '../helpers/hub.js';
import { SHELTER_TOKENS, shelterConfig } from '../helpers/shelterCentre.js';
import { openRole, type RolePage } from './browser.js';
import { at, booking, TestClock } from './centre.js';

export interface ShelterScene {
  t: TestHub;
  shelterBoard: RolePage;
  hallBoard: RolePage;
  /** Desk 5 (shelter) calls the next visitor; resolves with the number it called. */
  callAtShelterDesk(): Promise<number>;
  close(): Promise<void>;
}

export async function shelterScene(browser: Browser, dir: string, lang: Lang, size: { width: number; height: number }): Promise<ShelterScene> {
  const bookings = Array.from({ length: 6 }, (_, i) => booking(1050 + i, '10:00'));
  const t = await startTestHub(dir, new TestClock(at('09:30')), bookings, shelterConfig(dir, { speech: { enabled: false } }));
  const kiosk = t.client('kiosk', TOKENS.kiosk);
  const admin = t.client('admin', TOKENS.admin);
  const desk1 = t.client('desk', TOKENS.desk(1));
  const desk5 = t.client('desk', TOKENS.desk(5));
  await Promise.all([connected(kiosk), connected(admin), connected(desk1), connected(desk5)]);
  for (const b of bookings) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
  await ask(desk1, 'callNext', { commandId: cmdId() });
  await ask(admin, 'alert', { commandId: cmdId(), active: true });

  const open = async (token?: string): Promise<RolePage> => {
    const role = await openRole(browser, 'board', { size, ...(token && { storedToken: token }) });
    await role.page.goto(`${t.hub.url}/board?lang=${lang}`);
    return role;
  };
  const shelterBoard = await open(SHELTER_TOKENS.board);
  const hallBoard = await open();
  return {
    t,
    shelterBoard,
    hallBoard,
    async callAtShelterDesk() {
      const answer = await ask<{ ok: boolean; call?: { number: number } }>(desk5, 'callNext', { commandId: cmdId() });
      if (!answer.ok || !answer.call) throw new Error(`desk 5 could not call: ${JSON.stringify(answer)}`);
      await ask(desk5, 'finish', { commandId: cmdId() });
      return answer.call.number;
    },
    async close() {
      await shelterBoard.context.close();
      await hallBoard.context.close();
      await t.stop();
    },
  };
}

/** Waits until the page shows this call as the newest one. */
export async function showsLatest(page: Page, number: number, desk: number): Promise<void> {
  await page.waitForSelector(`[data-testid=latest-call][data-number="${number}"][data-desk="${desk}"]`);
}

/** The shelter board and the hall board during one alert, after desk 5 called, in both languages and orientations. */
export async function shelterShots(browser: Browser, dir: () => string, out: string, write: (page: Page, file: string) => Promise<void>): Promise<number> {
  let count = 0;
  for (const lang of ['uk', 'en'] as const) {
    for (const [orientation, size] of [['landscape', { width: 1920, height: 1080 }], ['portrait', { width: 1080, height: 1920 }]] as const) {
      const scene = await shelterScene(browser, dir(), lang, size);
      try {
        await scene.hallBoard.page.waitForSelector('[data-testid=board-alert]');
        const number = await scene.callAtShelterDesk();
        await showsLatest(scene.shelterBoard.page, number, 5);
        await write(scene.shelterBoard.page, `${out}/board-shelter-service-${lang}-${orientation}.png`);
        await write(scene.hallBoard.page, `${out}/board-hall-during-shelter-${lang}-${orientation}.png`);
        count += 2;
      } finally {
        await scene.close();
      }
    }
  }
  return count;
}
