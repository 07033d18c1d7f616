/**
 * The admin page's paired consoles in headless Chromium against a real hub: a console paired with a
 * code shows with its desk and address; Revoke asks once more, then the console is dropped at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ask, cmdId, connected, TOKENS } from '../helpers/hub.js';
import { postPair } from '../helpers/pair.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES } from './browser.js';
import { at, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-paired-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('paired desk consoles on the admin page', () => {
  it('lists a paired console and revokes it after a confirmation, dropping it at once', async () => {
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), []);
    const adminSocket = t.client('admin', TOKENS.admin);
    await connected(adminSocket);
    const { code } = await ask<{ code: string }>(adminSocket, 'pairDesk', { commandId: cmdId(), desk: 2 });
    const paired = await postPair(t.hub.url, JSON.stringify({ code }), '127.0.0.2');
    const deviceToken = (paired.json as { token: string }).token;
    const consoleSocket = t.client('desk', deviceToken);
    await connected(consoleSocket);
    // The same console as a page: after the revoke it is shown its sign-in.
    const desk = await openRole(browser, 'desk', { storedToken: deviceToken, size: SIZES.desk });
    await desk.page.goto(`${t.hub.url}/desk`);
    await desk.page.waitForSelector('[data-testid=desk]');
    const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
    try {
      const p = admin.page;
      await p.goto(`${t.hub.url}/admin`);
      const row = '[data-testid=paired-devices] tbody tr[data-revoked=no]';
      await p.waitForSelector(`${row} [data-testid=revoke]:not([disabled])`);
      const text = await p.textContent('[data-testid=paired-devices]');
      expect(text).toContain('Підключені консолі робочих місць');
      expect(text).toContain('127.0.0.1');
      expect(await p.textContent(`${row} th`)).toBe('2');

      // The first press only asks; cancel leaves it be.
      await p.click(`${row} [data-testid=revoke]`);
      expect(await p.textContent(`${row} .revoke-ask`)).toContain('Відкликати консоль робочого місця № 2?');
      await p.click('[data-testid=revoke-cancel]');
      await p.waitForSelector(`${row} [data-testid=revoke]`);
      expect(consoleSocket.connected).toBe(true);

      const dropped = new Promise<string>((resolve) => consoleSocket.once('disconnect', resolve));
      await p.click(`${row} [data-testid=revoke]`);
      await p.click('[data-testid=revoke-confirm]');
      expect(await dropped).toBe('io server disconnect');
      await p.waitForSelector('[data-testid=paired-devices] tbody tr[data-revoked=yes]');
      expect(await p.textContent('[data-testid=paired-devices] tbody tr[data-revoked=yes]')).toContain('Відкликано');
      await desk.page.waitForSelector('[data-testid=signin]');
      expect(admin.errors).toEqual([]);
    } finally {
      await desk.context.close();
      await admin.context.close();
      await t.stop();
    }
  });
});
