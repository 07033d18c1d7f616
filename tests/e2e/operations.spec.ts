/**
 * The pages' side of three hub features: a serial QR scanner beside the kiosk (a real scanner bridge
 * on a socat pty pair) showing its result on the kiosk screen, the desk console reprinting the current
 * visitor's ticket, and the admin page's in-person unblock after four no-shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openSerial } from '../../hardware/serial/deskBus.js';
import { closeLine } from '../../hardware/serial/line.js';
import { ScannerBridge } from '../../main/hub/scannerBridge.js';
import { ask, cmdId, connected, testConfig, TOKENS } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { ptyPair } from '../integration/hardware/socatPair.js';
import { launchChromium, openRole, SIZES } from './browser.js';
import { at, booking, scriptedPrinter, startCentre, TestClock } from './centre.js';

const tempDir = useTempDir('talon-e2e-ops-');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('operations on the pages', () => {
  it('shows the ticket, or the refusal, of a code read by the serial scanner beside the kiosk', async () => {
    const dir = tempDir();
    const pair = await ptyPair(dir, 'scanner');
    const b = booking(1056, '10:00');
    const config = testConfig({ scanner: { path: pair.hub, baudRate: 9600, kiosk: 1 } }, dir);
    const bridge = new ScannerBridge(config.scanner!);
    const t = await startCentre(dir, new TestClock(at('09:30')), [b], { others: [bridge] }).catch(async (e) => {
      await pair.kill();
      throw e;
    });
    const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
    const scanner = await openSerial(pair.device, 9600);
    try {
      await kiosk.page.goto(`${t.hub.url}/kiosk`);
      await kiosk.page.waitForSelector('[data-testid=screen-start]');
      scanner.write('NOSUCHCODE\r\n');
      await kiosk.page.waitForSelector('[data-testid=screen-refusal][data-code=UNKNOWN_CODE]');
      scanner.write(`${b.code}\r\n`);
      await kiosk.page.waitForSelector('[data-testid=screen-ticket][data-number="1056"]');
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.context.close();
      await closeLine(scanner);
      await t.stop();
      await pair.kill();
    }
  });

  it('reprints the current visitor’s ticket from the desk console', async () => {
    const b = booking(1000, '10:00');
    const printer = scriptedPrinter();
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), [b], { printer });
    const desk = await openRole(browser, 'desk', { storedToken: TOKENS.desk(1), size: SIZES.desk });
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      await desk.page.goto(`${t.hub.url}/desk`);
      const reprint = '[data-testid=cmd-reprint]';
      await desk.page.waitForSelector(`${reprint}[disabled]`);
      await desk.page.click('[data-testid=cmd-callNext]');
      await desk.page.waitForSelector(`${reprint}:not([disabled])`);
      await desk.page.click(reprint);
      await desk.page.waitForFunction(() => document.body.textContent?.includes('Талон № 1000 надіслано на друк.'));
      expect(printer.printed.map((p) => [p.number, p.reprint])).toEqual([
        [1000, false],
        [1000, true],
      ]);
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context.close();
      await t.stop();
    }
  });

  it('sends the in-person unblock from the admin page, refusing a malformed number', async () => {
    const t = await startCentre(tempDir(), new TestClock(at('09:30')), []);
    const admin = await openRole(browser, 'admin', { storedToken: TOKENS.admin, size: SIZES.desk });
    try {
      await admin.page.goto(`${t.hub.url}/admin`);
      await admin.page.waitForSelector('[data-testid=unblock-form] button:not([disabled])');
      await admin.page.fill('#unblock-value', '12345');
      await admin.page.click('[data-testid=unblock-form] button');
      await admin.page.waitForFunction(() => document.body.textContent?.includes('Неправильні дані запиту'));
      await admin.page.fill('#unblock-value', '3012 345 678');
      await admin.page.click('[data-testid=unblock-form] button');
      await admin.page.waitForSelector('[data-testid=unblocked]');
      const sent = t.store.pendingEvents(10).filter((e) => e.type === 'person.unblocked');
      expect(sent.map((e) => e.data)).toEqual([{ person: { kind: 'taxId', value: '3012345678' } }]);
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
      await t.stop();
    }
  });

  it('names the centre’s shelter on the kiosk and the board during an alert, in the chosen language', async () => {
    const shelter = { uk: 'Укриття в підвалі, вхід з двору, 40 м ліворуч', en: 'Shelter in the basement, entrance from the yard, 40 m to the left' };
    const clock = new TestClock(at('09:30'));
    const t = await startCentre(tempDir(), clock, [], {}, {
      centre: { id: '8041', name: 'ТСЦ МВС № 8041', timezone: 'Europe/Kyiv', worksDuringAlert: false, shelter },
    });
    const kiosk = await openRole(browser, 'kiosk', { storedToken: TOKENS.kiosk, size: SIZES.portrait });
    const board = await openRole(browser, 'board', { size: SIZES.landscape });
    try {
      await kiosk.page.goto(`${t.hub.url}/kiosk`);
      await board.page.goto(`${t.hub.url}/board?lang=en`);
      await kiosk.page.waitForSelector('[data-testid=screen-start]');
      await board.page.waitForSelector('[data-testid=board]');
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      expect(await (await kiosk.page.waitForSelector('[data-testid=screen-shelter] [data-testid=shelter-where]')).textContent()).toBe(shelter.uk);
      expect(await (await board.page.waitForSelector('[data-testid=board-alert] [data-testid=shelter-where]')).textContent()).toBe(shelter.en);
      expect([...kiosk.errors, ...board.errors]).toEqual([]);
    } finally {
      await kiosk.context.close();
      await board.context.close();
      await t.stop();
    }
  });
});
