/**
 * `npm run screenshots`: every screen of every page, in Ukrainian and English, landscape 1920×1080
 * and portrait 1080×1920, into docs/screenshots/ (linked from the README). Same walk as the
 * accessibility spec (tour.ts), against a real hub serving the built pages.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureRendererBuilt } from '../../main/hub/rendererBuild.js';
import { launchChromium, openRole, SIZES } from './browser.js';
import { BOARD_SIZES, sixCalls, startBigCentre } from './boardCentre.js';
import { tour, tourCentre } from './tour.js';
import { shelterShots } from './shelterScene.js';
import { liveTicketShots } from './liveTicketShots.js';
import { consoleLog } from '../../main/ops/logger.js';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function settleAndShoot(page: import('playwright-core').Page, path: string): Promise<void> {
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  await page.screenshot({ path });
}

async function main(): Promise<void> {
  await ensureRendererBuilt(consoleLog());
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.endsWith('.png')) rmSync(join(OUT, f));
  const browser = await launchChromium();
  let count = 0;
  try {
    for (const lang of ['uk', 'en'] as const) {
      for (const orientation of ['landscape', 'portrait'] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'talon-shots-'));
        const centre = await tourCentre(dir);
        try {
          const errors = await tour(browser, centre, lang, SIZES[orientation], async (role, screen, page) => {
            // Let blinking and transitions settle so the picture shows the resting state.
            await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
            await page.screenshot({ path: join(OUT, `${role}-${screen}-${lang}-${orientation}.png`) });
            count++;
          });
          if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
        } finally {
          await centre.t.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    // One alert seen from a board in the shelter and one in the hall (docs/alerts.md).
    count += await shelterShots(browser, () => mkdtempSync(join(tmpdir(), 'talon-shots-')), OUT, settleAndShoot);
    // The hall board at the four screens centres have: six desks called within a few seconds.
    for (const lang of ['uk', 'en'] as const) {
      for (const size of Object.values(BOARD_SIZES)) {
        const dir = mkdtempSync(join(tmpdir(), 'talon-shots-board-'));
        const { t, clock } = await startBigCentre(dir);
        const board = await openRole(browser, 'board', { size });
        try {
          await sixCalls(t, clock);
          await board.page.goto(`${t.hub.url}/board?lang=${lang}`);
          await board.page.waitForFunction(() => document.querySelectorAll('[data-testid=calls] > li').length === 6);
          await board.page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
          await board.page.screenshot({ path: join(OUT, `board-six-calls-${lang}-${size.width}x${size.height}.png`) });
          count++;
        } finally {
          await board.context.close();
          await t.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    count += await liveTicketShots(browser, OUT);
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${count} written to ${OUT}`);
}

await main();
