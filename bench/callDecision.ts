/**
 * Call-next decision time with 100k visits stored: the floor is loaded from a real SQLite file, then
 * each sample is one callNext decision (core only), and separately one full command (decide, commit
 * with synchronous=FULL, apply). Prints JSON. Goal: decision ≤ 1 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callNext, checkIn, finish } from '../main/core/index.js';
import { FloorState } from '../main/core/floorState.js';
import { FloorService } from '../main/hub/floorService.js';
import { openStore } from '../main/store/index.js';
import { bookingsNow, noonZone } from '../tests/helpers/hubProcess.js';
import { summarize } from './stats.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const SAMPLES = 2000;
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM', 'VEHICLE_REG', 'DL_PICKUP', 'PRACTICAL_EXAM'];

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-'));
  const timezone = noonZone(Date.now());
  const rules = {
    centre: '8041',
    timezone,
    worksDuringAlert: false,
    services: SERVICES.map((code) => ({ code, uk: code, en: code })),
    desks: Array.from({ length: 60 }, (_, i) => ({ number: i + 1, services: [SERVICES[i % 5]!, SERVICES[(i + 1) % 5]!] })),
    checkIn: { earliestMinutes: 600, latestMinutes: 600, reprints: 1 },
    recallsBeforeNoShow: 2,
    maxRecalls: 3,
  };
  const store = openStore(join(dir, 'talon.db'));
  try {
    const bookings = bookingsNow(timezone, VISITS, SERVICES, 50);
    store.upsertBookings(bookings);
    // Check everyone in through the real rules, written in large transactions to build the file quickly.
    const now = Date.now();
    const seedFloor = new FloorState(store.loadSeed(rules, bookings[0]!.date, 0));
    store.db.transaction(() => {
      for (const b of bookings) {
        const d = checkIn(seedFloor, b, now);
        if (!d.ok) throw new Error(d.error.code);
        store.commit(seedFloor.day, d.patch, d.events);
        seedFloor.applyPatch(d.patch);
      }
    })();

    const loadStart = performance.now();
    const service = new FloorService(store, rules, Date.now);
    const loadMs = performance.now() - loadStart;
    const floor = service.state();

    const decide: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const desk = (i % 60) + 1;
      const t0 = performance.now();
      const d = callNext(floor, desk, Date.now());
      decide.push(performance.now() - t0);
      if (!d.ok) throw new Error(d.error.code);
      floor.applyPatch(d.patch);
      const f = finish(floor, desk, Date.now());
      if (!f.ok) throw new Error(f.error.code);
      floor.applyPatch(f.patch);
    }
    const full: number[] = [];
    for (let i = 0; i < SAMPLES / 4; i++) {
      const desk = (i % 60) + 1;
      const t0 = performance.now();
      const r = service.run((s, at) => callNext(s, desk, at));
      full.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.code);
      service.run((s, at) => finish(s, desk, at));
    }
    const decision = summarize(decide);
    return {
      bench: 'call-next decision',
      visitsStored: VISITS,
      floorLoadMs: Math.round(loadMs),
      decisionMs: decision,
      decideCommitApplyMs: summarize(full),
      goal: { decisionP99Ms: 1 },
      met: decision.p99 <= 1,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
