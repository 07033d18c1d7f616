/**
 * Initial pull of 21 days for a 60-desk centre (~40k bookings) from a real reference central server
 * on loopback into a real hub store (synchronous=FULL), page by page, each page and its cursor in
 * one transaction. Goal: ≤ 1 s. Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/store/index.js';
import { SyncStore } from '../main/store/syncStore.js';
import { Backoff } from '../sync/client/backoff.js';
import { CentralApi } from '../sync/client/centralApi.js';
import { SkewClock } from '../sync/client/skewClock.js';
import { SyncClient } from '../sync/client/syncClient.js';
import { addDays } from '../sync/central/calendar.js';
import type { CentreDef } from '../sync/central/central.js';
import { startCentral, type RunningCentral } from '../sync/central/server.js';
import type { WireBooking } from '../sync/protocol/booking.js';
import { silentLog } from '../main/core/log.js';

export const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM', 'VEHICLE_REG', 'DL_PICKUP', 'PRACTICAL_EXAM'];
export const TOKEN = 'bench-terminal-token';
const DESKS = 60;
const DAYS = 21;
const PAGE = 5000;

export function benchCentre(): CentreDef {
  return {
    id: '8041',
    name: 'bench',
    services: SERVICES.map((code) => ({ code, uk: code, en: code, minutes: 15 })),
    desks: Array.from({ length: DESKS }, (_, i) => ({ number: i + 1, services: [SERVICES[i % 5]!] })),
    terminals: { 'hub-1': TOKEN },
  };
}

/** 60 desks × 32 slots of 15 minutes × 21 days: 40,320 bookings. */
export function benchBookings(from: string, days = DAYS): WireBooking[] {
  const out: WireBooking[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    let number = 1000;
    for (let desk = 0; desk < DESKS; desk++) {
      for (let slot = 0; slot < 32; slot++) {
        const minutes = 9 * 60 + slot * 15;
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        out.push({
          id: `8041-${date}-${number}`, code: `B${date.replaceAll('-', '')}${number}`, centre: '8041', service: SERVICES[desk % 5]!,
          date, time, number: number++, priority: null, channel: 'online', status: 'active', version: 1,
        });
      }
    }
  }
  return out;
}

export async function benchCentral(dir: string, bookings: WireBooking[]): Promise<RunningCentral> {
  return startCentral({ file: join(dir, 'central.db'), log: silentLog, setup: (c) => {
    c.addCentre(benchCentre());
    c.seedBookings(bookings);
  } });
}

export function benchClient(dir: string, central: RunningCentral) {
  const store = openStore(join(dir, 'talon.db'));
  const clock = new SkewClock(Date.now);
  const client = new SyncClient({
    api: new CentralApi({ url: central.url, centre: '8041', token: TOKEN, clock: Date.now }),
    store, sync: new SyncStore(store), centre: '8041', terminal: 'hub-1', clock, pageSize: PAGE, pushBatch: 1000,
    backoff: new Backoff({ minMs: 10, maxMs: 10 }), log: silentLog,
  });
  return { store, client };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-pull-'));
  const bookings = benchBookings(new Date().toISOString().slice(0, 10));
  const central = await benchCentral(dir, bookings);
  try {
    const samples: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { store, client } = benchClient(join(dir, `hub-${round}`), central);
      const started = performance.now();
      const result = await client.pull();
      samples.push(performance.now() - started);
      if (result.changed !== bookings.length) throw new Error(`pulled ${result.changed} of ${bookings.length}`);
      store.close();
    }
    return {
      bookings: bookings.length,
      pageSize: PAGE,
      pulls: samples.length,
      bestMs: Math.round(Math.min(...samples)),
      worstMs: Math.round(Math.max(...samples)),
      goalMs: 1000,
    };
  } finally {
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
