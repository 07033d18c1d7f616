import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { booking } from '../../helpers/floor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-syncstore-');

describe('the hub’s sync tables', () => {
  it('stores a page and its cursor together, or neither', () => {
    const file = join(tempDir(), 'talon.db');
    const store = openStore(file);
    const sync = new SyncStore(store);
    sync.applyPage([booking(1000, '10:00', { id: 'A' })], '7', 0);
    expect(sync.cursor()).toBe('7');
    const broken = { ...booking(1001, '10:15', { id: 'B' }), status: 'lost' as never };
    expect(() => sync.applyPage([booking(1002, '10:30', { id: 'C' }), broken], '9', 0)).toThrow();
    expect(sync.cursor()).toBe('7');
    expect(store.booking('C')).toBeUndefined();
    store.close();
    const reopened = new SyncStore(openStore(file));
    expect(reopened.cursor()).toBe('7');
    reopened.store.close();
  });

  it('never lets an older version replace a newer one, and records a cancellation after check-in', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const sync = new SyncStore(store);
    const b = booking(1000, '10:00', { id: 'A', version: 2 });
    sync.applyPage([b], '1', 0);
    expect(sync.applyPage([{ ...b, time: '09:00', version: 1 }], '2', 0).changed).toBe(0);
    expect(store.booking('A')!.time).toBe('10:00');
    store.db.prepare(`INSERT INTO visits (booking_id, day, number, priority, service, state, rank, recalls, reprints, excused, transfers, updated_at)
      VALUES ('A', ?, 1000, 0, 'DL_EXCHANGE', 'checked_in', 1000, 0, 0, 0, 0, 0)`).run(b.date);
    const result = sync.applyPage([{ ...b, status: 'cancelled', version: 3 }], '3', 42);
    expect(result.conflicts).toEqual([{ bookingId: 'A', kind: 'cancelled_after_check_in', visitState: 'checked_in', at: 42 }]);
    expect(sync.conflicts()).toHaveLength(1);
    store.close();
  });
});
