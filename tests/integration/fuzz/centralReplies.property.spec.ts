/**
 * Central answering garbage (issue 8): a loopback HTTP server answers the hub's sync client with
 * garbage JSON, non-JSON, huge, slow, truncated and wrong-shaped bodies under any status. The client
 * never throws out (each call fails with a CentralError, each round resolves), applies nothing of an
 * invalid answer (the store's tables are unchanged) and reports the link as failing.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn } from '../../../main/core/checkIn.js';
import { FloorService } from '../../../main/hub/floorService.js';
import { openStore, type Store } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { CentralApi, CentralError } from '../../../sync/client/centralApi.js';
import { SyncClient } from '../../../sync/client/syncClient.js';
import { SkewClock } from '../../../sync/client/skewClock.js';
import { at, booking, rules } from '../../helpers/floor.js';
import { tablesDigest } from '../../helpers/floorDigest.js';
import { MAX_ANSWER, replyArb, startGarbageCentral, TIMEOUT_MS, type GarbageCentral, type Reply } from '../../helpers/garbageCentral.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-central-');
const CENTRE = '8041';
const NOW = at('09:30');
let central: GarbageCentral;
const W = '1';
const plan = (replies: Map<string, Reply>) => {
  central.plans.set(W, replies);
  central.answered.set(W, []);
};
const answered = () => central.answered.get(W) ?? [];

beforeAll(async () => {
  central = await startGarbageCentral(NOW);
});
afterAll(async () => {
  await central.close();
});

/** A hub's store with today's bookings and one check-in waiting in the outbox. */
function hubStore(dir: string): Store {
  const store = openStore(join(dir, 'talon.db'), NOW);
  const b = booking(1056, '10:00');
  store.upsertBookings([b, booking(1057, '10:15')]);
  const floor = new FloorService(store, rules(), () => NOW);
  const outcome = floor.run((state, now) => checkIn(state, state.bookings.get(b.id) ?? null, now));
  if (!outcome.ok) throw new Error(`setup check-in failed: ${JSON.stringify(outcome.error)}`);
  return store;
}

const api = () => new CentralApi({ url: `${central.url}/w${W}`, centre: CENTRE, token: 't', clock: () => NOW, timeoutMs: TIMEOUT_MS, maxAnswerBytes: MAX_ANSWER });
const PATHS = ['/bookings', '/events', '/alert', '/terminal-pool', '/licences'] as const;

describe('the sync client against a central answering garbage', () => {
  it('each call of the API either answers within the protocol or fails with a CentralError', async () => {
    const calls = {
      '/bookings': (a: CentralApi) => a.pull('', 1000),
      '/events': (a: CentralApi) => a.push({ terminal: 'hub', events: [{ id: 'ev-00000001', seq: 1, type: 'visit.checked_in', at: NOW, booking: 'B', data: {} }] }),
      '/alert': (a: CentralApi) => a.alert(),
      '/terminal-pool': (a: CentralApi) => a.pool(),
      '/licences': (a: CentralApi) => a.licences(),
      '/progress': (a: CentralApi) => a.progress({ terminal: 'hub', day: '2026-03-10', at: NOW, alert: { active: false, since: null }, services: [], calls: [], tickets: [] }),
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS, '/progress' as const), replyArb, async (path, reply) => {
        plan(new Map([[path, reply]]));
        let outcome: { ok: true } | { ok: false; error: unknown };
        try {
          await calls[path](api());
          outcome = { ok: true };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (outcome.ok) expect(answered().at(-1)?.acceptable).toBe(true);
        else {
          expect(outcome.error).toBeInstanceOf(CentralError);
          expect((outcome.error as CentralError).code).toMatch(/^CENTRAL_(UNREACHABLE|UNAVAILABLE|REFUSED|MALFORMED)$/);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a round never throws, applies nothing of an invalid answer and reports the link failing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...PATHS.map(() => replyArb)), async (replies) => {
        plan(new Map(PATHS.map((p, i) => [p, replies[i]!])));
        const store = hubStore(tempDir());
        try {
          const before = tablesDigest(store.db);
          const client = new SyncClient({ api: api(), store, sync: new SyncStore(store), centre: CENTRE, terminal: 'hub-1', clock: new SkewClock(() => NOW, 120_000) });
          const report = await client.round();
          const allInvalid = answered().every((a) => !a.acceptable);
          for (const f of report.failed) expect(f.error).toBeInstanceOf(CentralError);
          if (answered().some((a) => !a.acceptable)) expect(client.link.state).not.toBe('online');
          if (allInvalid) {
            expect(report.ok).toEqual([]);
            expect(client.link.state).toBe('offline');
            expect(tablesDigest(store.db)).toBe(before);
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 15 },
    );
  });
});
