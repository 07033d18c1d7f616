/**
 * Push of 10k outbox events (check-ins of bookings central knows) from a real hub store to a real
 * reference central server on loopback, which deduplicates each by id in the transaction of its
 * effect. Goal: ≤ 1 s. Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPatch } from '../main/core/floorState.js';
import { benchBookings, benchCentral, benchClient } from './pull.js';

const EVENTS = 10_000;

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-push-'));
  const bookings = benchBookings(new Date().toISOString().slice(0, 10), 6).slice(0, EVENTS);
  const central = await benchCentral(dir, bookings);
  try {
    const { store, client } = benchClient(join(dir, 'hub'), central);
    // One transaction per floor change, as the hub writes them.
    for (const b of bookings) {
      store.commit(b.date, emptyPatch(), [{ type: 'visit.checked_in', at: Date.now(), booking: b.id, data: { number: b.number, service: b.service } }]);
    }
    const started = performance.now();
    const counts = await client.push();
    const ms = performance.now() - started;
    const again = await client.push();
    store.close();
    if (counts.accepted !== EVENTS || again.calls !== 0) throw new Error(`pushed ${JSON.stringify(counts)}, then ${JSON.stringify(again)}`);
    return { events: EVENTS, batch: 1000, ms: Math.round(ms), accepted: counts.accepted, goalMs: 1000 };
  } finally {
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
