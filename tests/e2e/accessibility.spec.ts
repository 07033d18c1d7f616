/**
 * axe-core on every screen of every page, in Ukrainian and in English, for WCAG 2.1 A and AA.
 * axe runs through the DevTools protocol, which the pages' CSP (script-src 'self') does not govern.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { axe, type Violation } from './axe.js';
import { launchChromium, SIZES } from './browser.js';
import { tour, tourCentre } from './tour.js';
import { shelterScene, showsLatest } from './shelterScene.js';

const tempDir = useTempDir('talon-e2e-a11y-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility', () => {
  for (const lang of ['uk', 'en'] as const) {
    it(`finds no WCAG 2.1 AA violation on any screen in ${lang === 'uk' ? 'Ukrainian' : 'English'}`, async () => {
      const centre = await tourCentre(tempDir());
      const found: Record<string, Violation[]> = {};
      const visited: string[] = [];
      try {
        const errors = await tour(browser, centre, lang, SIZES.landscape, async (role, screen, page) => {
          visited.push(`${role}/${screen}`);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          const violations = await axe(page);
          if (violations.length) found[`${role}/${screen}`] = violations;
        });
        expect(errors).toEqual([]);
      } finally {
        await centre.t.stop();
      }
      expect(visited.length).toBeGreaterThanOrEqual(20);
      expect(found).toEqual({});
    }, 120_000);
  }

  it('finds no WCAG 2.1 AA violation on a shelter board and a hall board during one alert', async () => {
    const found: Record<string, Violation[]> = {};
    for (const lang of ['uk', 'en'] as const) {
      const scene = await shelterScene(browser, tempDir(), lang, SIZES.landscape);
      try {
        await scene.hallBoard.page.waitForSelector('[data-testid=board-alert]');
        await showsLatest(scene.shelterBoard.page, await scene.callAtShelterDesk(), 5);
        for (const [name, page] of [['shelter', scene.shelterBoard.page], ['hall', scene.hallBoard.page]] as const) {
          const violations = await axe(page);
          if (violations.length) found[`board-${name}/${lang}`] = violations;
        }
      } finally {
        await scene.close();
      }
    }
    expect(found).toEqual({});
  }, 60_000);
});
