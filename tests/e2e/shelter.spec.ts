/** Shelter service on the real pages: one alert, a board in the shelter and one in the hall. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, SIZES } from './browser.js';
import { shelterScene, showsLatest } from './shelterScene.js';

const tempDir = useTempDir('talon-e2e-shelter-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('boards during shelter service', () => {
  it('the shelter board shows desk 5’s call and the hall board shows the alert', async () => {
    const scene = await shelterScene(browser, tempDir(), 'uk', SIZES.landscape);
    try {
      const { shelterBoard, hallBoard } = scene;
      await shelterBoard.page.waitForSelector('[data-testid=shelter-banner]');
      expect(await shelterBoard.page.textContent('[data-testid=shelter-banner]')).toContain('Обслуговування триває в укритті');
      // Desk 1's call from before the alert is the hall's: the shelter board does not show it.
      expect(await shelterBoard.page.$('[data-testid=latest-call]')).toBeNull();
      await hallBoard.page.waitForSelector('[data-testid=board-alert]');

      const number = await scene.callAtShelterDesk();
      expect(number).toBe(1051);
      await showsLatest(shelterBoard.page, 1051, 5);
      // The hall board keeps the alert screen through the shelter's call.
      expect(await hallBoard.page.getAttribute('[data-testid=board]', 'data-alert')).toBe('on');
      expect(await hallBoard.page.$('[data-testid=latest-call]')).toBeNull();
      expect(await hallBoard.page.textContent('[data-testid=announce-text]')).toBe('');

      await scene.t.client('admin', 'admin-token-1').timeout(5000).emitWithAck('alert', { commandId: 'all-clear-1', active: false });
      await hallBoard.page.waitForSelector('[data-testid=all-clear]');
      await shelterBoard.page.waitForSelector('[data-testid=all-clear]');
      expect(shelterBoard.errors).toEqual([]);
      expect(hallBoard.errors).toEqual([]);
    } finally {
      await scene.close();
    }
  });
});
