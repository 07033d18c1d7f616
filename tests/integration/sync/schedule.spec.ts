/**
 * When the sync runs: after a floor change the outbox goes soon, but a stream of changes never keeps
 * postponing the round (and the pull of new bookings with it). A real central server on loopback; the
 * timers are the test's, fired by hand.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { CentralApi } from '../../../sync/client/centralApi.js';
import { SkewClock } from '../../../sync/client/skewClock.js';
import { SyncClient, type Timers } from '../../../sync/client/syncClient.js';
import { at } from '../../helpers/floor.js';
import { TestClock } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { CENTRE, startTestCentral, TERMINAL_TOKEN } from './fixture.js';
import { silentLog } from '../../../main/core/log.js';

const tempDir = useTempDir('talon-sync-schedule-');

/** Timers that only record: the test fires the pending one when it wants a round to run. */
function handTimers() {
  const scheduled: number[] = [];
  let pending: (() => void) | null = null;
  const timers: Timers = {
    set: (fn, ms) => {
      scheduled.push(ms);
      pending = fn;
      return fn;
    },
    clear: (h) => {
      if (pending === h) pending = null;
    },
  };
  return { timers, scheduled, fire: () => pending?.() };
}

describe('the sync schedule', () => {
  it('brings the next round forward after a floor change but never pushes it back', async () => {
    const clock = new TestClock(at('09:30'));
    const central = await startTestCentral(clock);
    const store = openStore(join(tempDir(), 'talon.db'));
    const hand = handTimers();
    const rounds: number[] = [];
    const client = new SyncClient({
      api: new CentralApi({ url: central.url, centre: CENTRE, token: TERMINAL_TOKEN, clock: clock.now }),
      store,
      sync: new SyncStore(store),
      centre: CENTRE,
      terminal: 'hub-1',
      clock: new SkewClock(clock.now, 120_000),
      pollEveryMs: 10_000,
      pushDelayMs: 200,
      timers: hand.timers,
      log: silentLog,
      hooks: { round: () => rounds.push(clock.now()) },
    });
    try {
      client.start();
      for (let i = 0; i < 5; i++) client.kick();
      expect(hand.scheduled).toEqual([0]);

      hand.fire();
      await expect.poll(() => rounds.length).toBe(1);
      expect(hand.scheduled).toEqual([0, 10_000]);

      for (let i = 0; i < 5; i++) client.kick();
      expect(hand.scheduled).toEqual([0, 10_000, 200]);
    } finally {
      await client.stop();
      store.close();
      await central.close();
    }
  });
});
