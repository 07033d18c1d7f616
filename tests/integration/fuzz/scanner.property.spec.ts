/**
 * Scanned codes enter the hub (issue 8): garbage from a serial QR scanner beside a kiosk goes through
 * the scanner bridge's public API into a real hub; nothing throws, every scanned line is answered as
 * a check-in, and the floor changes only when a line held a real booking's code.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanLineReader } from '../../../hardware/scanner/serialScanner.js';
import { ScannerBridge } from '../../../main/hub/scannerBridge.js';
import type { Ack } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { hubDigest } from '../../helpers/floorDigest.js';
import { garbageBytes } from '../../helpers/hostile.js';
import { startTestHub, testConfig, TestClock, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-scanner-');
let hub: TestHub;
let line: PassThrough;
const acks: [string, Ack][] = [];
const bookings = [booking(1056, '10:00'), booking(1057, '10:00')];

describe('scanned codes into the hub', () => {
  beforeAll(async () => {
    const dir = tempDir();
    const config = testConfig({ scanner: { path: `${dir}/no-such-tty`, baudRate: 9600, kiosk: 1 } }, dir);
    line = new PassThrough();
    const bridge = new ScannerBridge(config.scanner!, async () => line);
    bridge.onCheckIn.push((code, ack) => acks.push([code, ack]));
    hub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { others: [bridge] });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers every scanned line and changes the floor only for a real code', async () => {
    let sentinel = 0;
    const real = new Set(bookings.map((b) => b.code));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(garbageBytes(70), fc.constantFrom(...bookings.map((b) => Buffer.from(`${b.code}\r`)), Buffer.from(`x${bookings[0]!.code}\n`))), { maxLength: 6 }),
        async (parts) => {
          const before = hubDigest(hub.hub.floor, hub.store.db);
          const end = `SENTINEL${++sentinel}`;
          // What the scanner will read: the reference line reader over the same bytes, and the closing sentinel.
          const bytes = Buffer.concat([...parts, Buffer.from(`\r\n${end}\r\n`)]);
          const lines = new ScanLineReader().push(bytes);
          const scanned = lines.filter((c, i) => c !== lines[i - 1]);
          const from = acks.length;
          line.write(bytes);
          const deadline = Date.now() + 5000;
          while (!acks.slice(from).some(([c]) => c === end)) {
            if (Date.now() > deadline) throw new Error(`no answer to the scan ${end}`);
            await new Promise((r) => setTimeout(r, 5));
          }
          const got = acks.slice(from);
          expect(got.map(([c]) => c)).toEqual(scanned);
          for (const [c, ack] of got) {
            if (!real.has(c)) expect(ack).toMatchObject({ ok: false, error: { code: expect.any(String), message: expect.any(String) } });
          }
          const checkedIn = got.some(([c, ack]) => real.has(c) && ack.ok);
          if (!checkedIn) expect(hubDigest(hub.hub.floor, hub.store.db)).toBe(before);
        },
      ),
      { numRuns: 60 },
    );
    expect(hub.hub.devices.list().find((d) => d.id === 'scanner')).toMatchObject({ state: 'ok' });
  });
});
