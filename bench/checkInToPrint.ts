/**
 * Check-in → last ticket byte at the printer: a real hub in this process with the ESC/POS printer on
 * a real TCP link to the virtual printer on loopback. Each sample runs from the kiosk emitting
 * `checkIn` to the virtual printer receiving the ticket's cut, status reads before it included.
 * Goal: p99 ≤ 40 ms, a tenth of the time the paper takes to come out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startVirtualPrinter } from '../hardware/printer/virtual/server.js';
import { HubPrinter } from '../main/hub/printing.js';
import { at, booking } from '../tests/helpers/floor.js';
import { connected, startTestHub, testConfig, TestClock, TOKENS } from '../tests/helpers/hub.js';
import { summarize } from './stats.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 300);
const WARMUP = 30;

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-print-'));
  const printer = await startVirtualPrinter();
  const config = testConfig({ printer: { transport: 'tcp', address: printer.address, codepage: 'wpc1251', escT: 46, width: 48 } }, dir);
  const total = TICKETS + WARMUP;
  const bookings = Array.from({ length: total }, (_, i) => booking(1000 + i, '10:00'));
  const hub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, {
    printer: new HubPrinter(config.printer!, { pollEveryMs: 0, retryEveryMs: 100 }),
  });
  try {
    const kiosk = hub.client('kiosk', TOKENS.kiosk);
    await connected(kiosk);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < total; i++) {
      const printed = printer.nextTicket(5000);
      const t0 = performance.now();
      kiosk.emit('checkIn', { commandId: `bench-print-${i}`, code: bookings[i]!.code }, () => {});
      const ticket = await printed;
      if (i >= WARMUP) samples.push(ticket.receivedAt - t0);
      bytes = ticket.bytes.length;
    }
    return { what: 'kiosk checkIn → the ticket’s cut at the virtual printer over TCP (ms)', ticketBytes: bytes, ...summarize(samples), goalP99Ms: 40 };
  } finally {
    await hub.stop();
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('checkInToPrint.ts')) console.log(JSON.stringify(await run(), null, 2));
