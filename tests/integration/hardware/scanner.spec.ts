import { afterEach, describe, expect, it } from 'vitest';
import type { Duplex } from 'node:stream';
import { openSerial } from '../../../hardware/serial/deskBus.js';
import { closeLine } from '../../../hardware/serial/line.js';
import { ScannerBridge } from '../../../main/hub/scannerBridge.js';
import type { Ack } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { connected, startTestHub, testConfig, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until, type PtyPair } from './socatPair.js';

const tempDir = useTempDir();
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function kioskWithScanner() {
  const dir = tempDir();
  const pair: PtyPair = await ptyPair(dir, 'scanner');
  const config = testConfig({ scanner: { path: pair.hub, baudRate: 9600, kiosk: 1 } }, dir);
  const bridge = new ScannerBridge(config.scanner!);
  const acks: [string, Ack][] = [];
  bridge.onCheckIn.push((code, ack) => acks.push([code, ack]));
  const bookings = [booking(1056, '10:00')];
  const hub: TestHub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { others: [bridge] });
  const scanner: Duplex = await openSerial(pair.device, 9600);
  cleanup.push(async () => {
    await hub.stop();
    await closeLine(scanner);
    await pair.kill();
  });
  return { hub, scanner, acks, bookings, bridge };
}

describe('a serial QR scanner beside the kiosk', () => {
  it('checks in the scanned code through the same path as the kiosk page', async () => {
    const { hub, scanner, acks, bookings } = await kioskWithScanner();
    scanner.write(`${bookings[0]!.code}\r\n`);
    await until(() => acks.length === 1, 3000, 'a check-in from the scan');
    expect(acks[0]![1]).toMatchObject({ ok: true, ticket: { number: 1056 } });
    expect(hub.hub.floor.state().visits.get(bookings[0]!.id)?.state).toBe('checked_in');
    expect(hub.hub.devices.list().find((d) => d.id === 'scanner')).toMatchObject({ state: 'ok' });
  });

  it('skips noise on the line and shows the kiosk each scanned result, refused or not', async () => {
    const { hub, scanner, acks, bookings, bridge } = await kioskWithScanner();
    const kiosk = hub.client('kiosk', TOKENS.kiosk);
    await connected(kiosk);
    const refused = new Promise<{ ack: { ok: boolean; error?: { code: string } } }>((resolve) => kiosk.once('scanned', resolve));
    scanner.write(Buffer.from([0x00, 0xfe, 0x41, 0x0d]));
    scanner.write('NOSUCHCODE\r');
    await until(() => acks.length === 1, 3000, 'the refused scan');
    expect(await refused).toMatchObject({ ack: { ok: false, error: { code: 'UNKNOWN_CODE' } } });
    expect(bridge.scanner!.rejected).toBe(1);
    const shown = new Promise<{ ack: { ok: boolean } }>((resolve) => kiosk.once('scanned', resolve));
    scanner.write(`${bookings[0]!.code}\n`);
    await until(() => acks.length === 2, 3000, 'the good scan after the noise');
    expect(acks[1]![1]).toMatchObject({ ok: true });
    expect(await shown).toMatchObject({ ack: { ok: true, ticket: { number: 1056 } } });
  });
});
