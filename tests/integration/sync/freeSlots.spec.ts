import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../sync/protocol/hub.js';
import { at } from '../../helpers/floor.js';
import { ask, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { hubConfig, startSyncedHub, startTestCentral } from './fixture.js';

const tempDir = useTempDir('talon-free-slots-');

describe('free same-day slots in the views', () => {
  it('are the same in the board’s snapshot, a desk’s sync answer and the admin’s report', async () => {
    const clock = new TestClock(at('09:30', '2026-03-10'));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock);
    try {
      await hub.link.round();
      const board = hub.client('board');
      const desk = hub.client('desk', TOKENS.desk(1));
      const admin = hub.client('admin', TOKENS.admin);
      const [boardSnap] = await Promise.all([connected(board), connected(desk), connected(admin)]);
      const free = boardSnap.stats.freeSlots!;
      expect(Object.keys(free).sort()).toEqual(['DL_EXCHANGE', 'DL_PICKUP', 'THEORY_EXAM']);
      expect(Object.values(free).some((n) => n > 0)).toBe(true);
      const synced = (await ask(desk, 'sync', {})) as { snapshot: Snapshot };
      expect(synced.snapshot.stats.freeSlots).toEqual(free);
      expect(synced.snapshot.desk?.number).toBe(1);
      expect(((await ask(admin, 'report', {})) as { stats: Snapshot['stats'] }).stats.freeSlots).toEqual(free);
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
