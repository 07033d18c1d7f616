/** The admin page shows what an official source reports: a shelling alert is listed and freezes nothing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AlertsInUaBridge } from '../../main/hub/alertsInUaBridge.js';
import { startAlertsInUaFake } from '../helpers/alertFakes.js';
import { TOKENS } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { launchChromium, openRole, SIZES } from './browser.js';
import { at, booking, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-notices-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('alert notices on the admin page', () => {
  it('a shelling alert from alerts.in.ua shows on the admin page and does not freeze by default', async () => {
    const dir = tempDir();
    const fake = await startAlertsInUaFake();
    const tokenFile = join(dir, 'alerts.token');
    writeFileSync(tokenFile, fake.token);
    const bridge = new AlertsInUaBridge({ tokenFile, location: { raion: '1060', oblast: '14' }, pollEveryMs: 20_000, baseUrl: fake.url, timeoutMs: 10_000 }, ['air_raid'], { autoStart: false });
    const t = await startCentre(dir, new TestClock(at('09:30')), [booking(1000, '10:00')], { others: [bridge] });
    const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
    try {
      await admin.page.goto(`${t.hub.url}/admin`);
      await admin.page.waitForSelector('[data-testid=alert-card][data-active=no]');
      fake.declare('1060', 'artillery_shelling');
      await bridge.poller!.poll();
      await admin.page.waitForSelector('[data-testid=threats] li[data-type=artillery_shelling][data-freezes=no]');
      expect(await admin.page.textContent('[data-testid=threats]')).toContain('Загроза артобстрілу');
      expect(await admin.page.getAttribute('[data-testid=alert-card]', 'data-active')).toBe('no');
      expect(t.hub.floor.state().alert.active).toBe(false);
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
      await t.stop();
      await fake.close();
    }
  });
});
