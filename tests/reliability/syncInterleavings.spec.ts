/**
 * Property: whatever the interleaving of floor events, central outages (stopped, 503, malformed
 * answers, answers lost after central acted) and hub restarts, once central is back and the hub has
 * synced, central holds exactly the hub's outbox events, each once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callNext } from '../../main/core/callNext.js';
import { checkIn } from '../../main/core/checkIn.js';
import { finish } from '../../main/core/deskActions.js';
import { setAlert } from '../../main/core/alert.js';
import type { RunningCentral } from '../../sync/central/server.js';
import type { WireBooking } from '../../sync/protocol/booking.js';
import { at } from '../helpers/floor.js';
import { TestClock } from '../helpers/hub.js';
import { useTempDir } from '../helpers/tmp.js';
import { hubConfig, startSyncedHub, startTestCentral, type TestCentre } from '../integration/sync/fixture.js';

const tempDir = useTempDir('talon-sync-prop-');
const DAY = '2026-03-10';

type Step =
  | { kind: 'checkIn'; booking: number }
  | { kind: 'callNext' | 'finish'; desk: number }
  | { kind: 'alert'; active: boolean }
  | { kind: 'sync' }
  | { kind: 'centralDown' | 'centralUp' | 'restartHub' }
  | { kind: 'fault'; fault: 'unavailable' | 'malformed' | 'dropAnswer' | null };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), booking: fc.nat(11) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('callNext' as const, 'finish' as const), desk: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('alert' as const), active: fc.boolean() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'centralDown' as const }, { kind: 'centralUp' as const }, { kind: 'restartHub' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fault' as const), fault: fc.constantFrom('unavailable' as const, 'malformed' as const, 'dropAnswer' as const, null) }) },
);

describe('sync under random interleavings of floor events, outages and restarts', () => {
  it('ends with central holding exactly the hub’s events, each once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const clock = new TestClock(at('09:30', DAY));
        const dir = tempDir();
        const file = `${dir}/central.db`;
        let central: RunningCentral | null = await startTestCentral(clock, file);
        const port = central.port;
        const bookings: WireBooking[] = Array.from({ length: 12 }, (_, i) => ({
          id: `B-${i}`, code: `CODE${1000 + i}`, centre: '8041', service: i % 2 ? 'THEORY_EXAM' : 'DL_EXCHANGE', date: DAY,
          time: `10:${String((i % 6) * 5).padStart(2, '0')}`, number: 1100 + i, priority: null, channel: 'online' as const, status: 'active' as const, version: 1,
        }));
        central.central.seedBookings(bookings);
        const config = hubConfig(dir, central.url);
        let hub: TestCentre = await startSyncedHub(config, clock);
        await hub.link.round();
        try {
          for (const s of steps) {
            clock.advance(30_000);
            const floor = hub.centre.hub.floor;
            switch (s.kind) {
              case 'checkIn':
                floor.run((st, now) => checkIn(st, hub.centre.store.booking(bookings[s.booking]!.id) ?? null, now));
                break;
              case 'callNext':
                floor.run((st, now) => callNext(st, s.desk, now));
                break;
              case 'finish':
                floor.run((st, now) => finish(st, s.desk, now));
                break;
              case 'alert':
                floor.run((st, now) => setAlert(st, s.active, 'manual', now));
                break;
              case 'sync':
                await hub.link.round();
                break;
              case 'centralDown':
                if (central) await central.close();
                central = null;
                break;
              case 'centralUp':
                central ??= await startTestCentral(clock, file, port);
                break;
              case 'restartHub':
                await hub.stop();
                hub = await startSyncedHub(config, clock);
                break;
              case 'fault':
                if (central) central.fault = s.fault;
                break;
            }
          }
          central ??= await startTestCentral(clock, file, port);
          central.fault = null;
          for (let i = 0; i < 5 && hub.link.view().pendingEvents > 0; i++) await hub.link.round();
          const hubEvents = (hub.centre.store.db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[]).sort();
          const centralEvents = (central.central.db.prepare('SELECT id FROM events').pluck().all() as string[]).sort();
          expect(hub.link.view().pendingEvents).toBe(0);
          expect(hub.link.view().rejectedEvents).toBe(0);
          expect(centralEvents).toEqual(hubEvents);
        } finally {
          await hub.stop();
          await central?.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
