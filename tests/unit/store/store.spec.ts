import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { callNext, checkIn, FloorState, pauseDesk, slotPosition } from '../../../main/core/index.js';
import { MIGRATIONS, MigrationError, migrate, openStore } from '../../../main/store/index.js';
import { at, booking, DAY, rules } from '../../helpers/floor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('store', () => {
  it('opens in WAL mode with synchronous FULL and records its migrations', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    const applied = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    store.close();
  });

  it('applies nothing twice when opened again', () => {
    const file = join(tempDir(), 'talon.db');
    openStore(file).close();
    const db = new Database(file);
    expect(migrate(db)).toBe(0);
    db.close();
  });

  it('keeps why and since when a desk is paused across a restart', () => {
    const file = join(tempDir(), 'talon.db');
    const store = openStore(file);
    const state = new FloorState(store.loadSeed(rules(), DAY, 0));
    const d = pauseDesk(state, 1, at('12:00'), 'lunch');
    if (!d.ok) throw new Error(d.error.code);
    store.commit(DAY, d.patch, d.events);
    store.close();
    const again = openStore(file);
    expect(new FloorState(again.loadSeed(rules(), DAY, 0)).desks.get(1)).toMatchObject({ status: 'paused', pauseReason: 'lunch', since: at('12:00') });
    expect(JSON.parse(String(again.db.prepare("SELECT data FROM outbox WHERE type = 'desk.paused'").pluck().get()))).toMatchObject({ desk: 1, reason: 'lunch' });
    again.close();
  });

  it('refuses a database whose applied migration was edited since', () => {
    const db = new Database(join(tempDir(), 'edited.db'));
    migrate(db);
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: m.sql + '\n-- edited' } : m));
    expect(() => migrate(db, edited)).toThrow(/append-only/);
    db.close();
  });

  it('refuses a database newer than the program', () => {
    const db = new Database(join(tempDir(), 'newer.db'));
    migrate(db);
    expect(() => migrate(db, MIGRATIONS.slice(0, 1))).toThrow(MigrationError);
    db.close();
  });

  it('refuses migrations that are not numbered in order', () => {
    const db = new Database(':memory:');
    const shuffled = [MIGRATIONS[1]!, MIGRATIONS[0]!];
    expect(() => migrate(db, shuffled)).toThrow(/numbered/);
    db.close();
  });

  it('commits a change, its outbox events and the command result together, and rebuilds the floor from them', () => {
    const file = join(tempDir(), 'talon.db');
    const store = openStore(file);
    const b = booking(1000, '10:00');
    store.upsertBookings([b]);
    const state = new FloorState(store.loadSeed(rules(), DAY, 0));
    for (const decide of [() => checkIn(state, b, at('09:30')), () => callNext(state, 1, at('09:40'))]) {
      const d = decide();
      if (!d.ok) throw new Error(d.error.code);
      store.commit(DAY, d.patch, d.events, { id: `cmd-${d.events[0]!.type}`, actor: 'test', name: 'x', result: d.result });
      state.applyPatch(d.patch);
    }
    store.close();

    const again = openStore(file);
    const rebuilt = new FloorState(again.loadSeed(rules(), DAY, 0));
    expect(rebuilt.visits.get(b.id)).toEqual(state.visits.get(b.id));
    expect(rebuilt.desks.get(1)).toEqual({ number: 1, status: 'open', current: b.id, pauseReason: null, since: at('09:40') });
    expect(rebuilt.cursor('DL_EXCHANGE')).toBe(slotPosition(b));
    expect(rebuilt.recentCalls).toEqual(state.recentCalls);
    expect(again.pendingEvents(10).map((e) => [e.type, e.booking, e.seq])).toEqual([
      ['visit.checked_in', b.id, 1],
      ['visit.called', b.id, 2],
    ]);
    expect(again.commandResult('cmd-visit.called')?.actor).toBe('test');
    again.close();
  });

  it('writes nothing of a change whose transaction fails', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const b = booking(1000, '10:00');
    store.upsertBookings([b]);
    const state = new FloorState(store.loadSeed(rules(), DAY, 0));
    const d = checkIn(state, b, at('09:30'));
    if (!d.ok) throw new Error(d.error.code);
    store.commit(DAY, d.patch, d.events, { id: 'same-id-1', actor: 'k', name: 'checkIn', result: {} });
    // The same command id again violates its primary key after the visit and event rows were written.
    const visit = { ...d.patch.visits[0]!, reprints: 9 };
    expect(() => store.commit(DAY, { ...d.patch, visits: [visit] }, d.events, { id: 'same-id-1', actor: 'k', name: 'checkIn', result: {} })).toThrow();
    expect(store.pendingEvents(10)).toHaveLength(1);
    expect(new FloorState(store.loadSeed(rules(), DAY, 0)).visits.get(b.id)?.reprints).toBe(0);
    store.close();
  });

  it('keeps the newer version of a booking and ignores older ones', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const b = booking(1000, '10:00', { version: 2 });
    expect(store.upsertBookings([b])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(store.upsertBookings([{ ...b, version: 1, status: 'cancelled' }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(store.upsertBookings([{ ...b, version: 3, status: 'cancelled' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(store.booking(b.id)?.status).toBe('cancelled');
    store.close();
  });

  it('marks outbox events delivered once', () => {
    const store = openStore(join(tempDir(), 'talon.db'));
    const events = store.commit(DAY, { bookings: [], visits: [], desks: [], cursors: [], calls: [], alert: { kind: 'start', at: 1, source: 'manual' }, suspended: [] }, [
      { type: 'alert.started', at: 1, booking: null, data: {} },
    ]);
    store.markDelivered([events[0]!.id], 5);
    expect(store.pendingEvents(10)).toEqual([]);
    store.close();
  });
});
