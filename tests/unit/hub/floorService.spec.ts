import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNext, checkIn } from '../../../main/core/index.js';
import { FloorService } from '../../../main/hub/floorService.js';
import { openStore } from '../../../main/store/index.js';
import { at, booking, rules } from '../../helpers/floor.js';
import { TestClock } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { memoryLog } from '../../../main/core/log.js';

const tempDir = useTempDir();

describe('floor service', () => {
  it('a retried commandId calls only once', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    store.upsertBookings(bs);
    const clock = new TestClock(at('09:30'));
    const floor = new FloorService(store, rules(), clock.now);
    for (const b of bs) floor.run((s, now) => checkIn(s, b, now));
    let changes = 0;
    floor.on('change', () => changes++);
    const meta = { commandId: 'retry-me-1', actor: 'desk:1', name: 'callNext' };
    const first = floor.run((s, now) => callNext(s, 1, now), meta);
    const second = floor.run((s, now) => callNext(s, 1, now), meta);
    expect(first).toMatchObject({ ok: true, replayed: false, result: { call: { number: 1000 } } });
    expect(second).toMatchObject({ ok: true, replayed: true, result: { call: { number: 1000 } } });
    expect(changes).toBe(1);
    expect(floor.state().visits.get(bs[1]!.id)?.state).toBe('checked_in');
    store.close();
  });

  it('remembers a command across a restart of the hub', () => {
    const file = join(tempDir(), 'talon.db');
    const b = booking(1000, '10:00');
    const clock = new TestClock(at('09:30'));
    const store = openStore(file);
    store.upsertBookings([b]);
    const floor = new FloorService(store, rules(), clock.now);
    floor.run((s, now) => checkIn(s, b, now), { commandId: 'check-in-1', actor: 'kiosk:1', name: 'checkIn' });
    store.close();
    const reopened = openStore(file);
    const again = new FloorService(reopened, rules(), clock.now);
    const retry = again.run((s, now) => checkIn(s, b, now), { commandId: 'check-in-1', actor: 'kiosk:1', name: 'checkIn' });
    expect(retry).toMatchObject({ ok: true, replayed: true, result: { number: 1000, reprint: false } });
    expect(reopened.pendingEvents(10)).toHaveLength(1);
    reopened.close();
  });

  it('does not remember a refusal, so a retry after the situation changed may act', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const b = booking(1000, '10:00');
    store.upsertBookings([b]);
    const floor = new FloorService(store, rules(), new TestClock(at('09:30')).now);
    const meta = { commandId: 'call-early-1', actor: 'desk:1', name: 'callNext' };
    expect(floor.run((s, now) => callNext(s, 1, now), meta)).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    floor.run((s, now) => checkIn(s, b, now));
    expect(floor.run((s, now) => callNext(s, 1, now), meta)).toMatchObject({ ok: true, replayed: false });
    store.close();
  });

  it('sees bookings another process imported into the same file', () => {
    const file = join(tempDir(), 'talon.db');
    const store = openStore(file);
    const floor = new FloorService(store, rules(), new TestClock(at('09:30')).now);
    let reloaded = 0;
    floor.on('reloaded', () => reloaded++);
    expect(floor.state().bookings.size).toBe(0);
    const other = openStore(file);
    other.upsertBookings([booking(1000, '10:00')]);
    other.close();
    expect(floor.state().bookings.size).toBe(1);
    expect(reloaded).toBe(1);
    store.close();
  });

  it('starts a fresh floor when the centre’s date moves on', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const today = booking(1000, '10:00');
    const tomorrow = booking(1000, '10:00', { date: '2026-03-11' });
    store.upsertBookings([today, tomorrow]);
    const clock = new TestClock(at('09:30'));
    const floor = new FloorService(store, rules(), clock.now);
    floor.run((s, now) => checkIn(s, today, now));
    floor.run((s, now) => callNext(s, 1, now));
    const days: string[] = [];
    floor.on('dayChanged', (d) => days.push(d));
    clock.t = at('09:30', '2026-03-11');
    const state = floor.state();
    expect(days).toEqual(['2026-03-11']);
    expect(state.day).toBe('2026-03-11');
    expect(state.desks.get(1)?.current).toBeNull();
    expect(state.cursor('DL_EXCHANGE')).toBe(0);
    expect([...state.bookings.keys()]).toEqual([tomorrow.id]);
    store.close();
  });

  it('keeps a committed change and tells the other listeners when one listener throws', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const b = booking(1000, '10:00');
    store.upsertBookings([b]);
    const log = memoryLog();
    const floor = new FloorService(store, rules(), new TestClock(at('09:30')).now, log);
    let told = 0;
    floor.on('change', () => {
      throw new Error('a display bridge broke');
    });
    floor.on('change', () => told++);
    expect(floor.run((s, now) => checkIn(s, b, now))).toMatchObject({ ok: true });
    expect(told).toBe(1);
    expect(log.entries).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ component: 'floor', err: expect.stringContaining('a display bridge broke') }) })]);
    expect(store.pendingCount()).toBe(1);
    store.close();
  });
});
