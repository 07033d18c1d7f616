import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { slotPosition } from '../../../main/core/index.js';
import { MIGRATIONS, migrate } from '../../../main/store/index.js';

const before = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'slot_order'));

function insertBooking(db: Database.Database, number: number, time: string, priority: string | null = null): void {
  db.prepare(`INSERT INTO bookings (id, code, centre, service, date, time, number, priority, channel, status, version)
    VALUES (?, ?, '8041', 'DL_EXCHANGE', '2026-03-10', ?, ?, ?, 'online', 'active', 1)`).run(`B${number}`, `C${number}`, time, number, priority);
}

function insertVisit(db: Database.Database, number: number, rank: number, priority = 0): void {
  db.prepare(`INSERT INTO visits (booking_id, day, number, priority, service, state, rank, recalls, reprints, excused, transfers, updated_at)
    VALUES (?, '2026-03-10', ?, ?, 'DL_EXCHANGE', 'checked_in', ?, 0, 0, 0, 0, 0)`).run(`B${number}`, number, priority, rank);
}

describe('the slot-order migration', () => {
  it('turns a day in progress into positions in slot order, late arrivals still right behind the cursor', () => {
    const db = new Database(':memory:');
    migrate(db, before);
    insertBooking(db, 1055, '10:40');
    insertBooking(db, 1056, '10:45');
    insertBooking(db, 1020, '09:30');
    insertBooking(db, 7, '10:00', 'disability');
    db.prepare("INSERT INTO cursors (day, service, number) VALUES ('2026-03-10', 'DL_EXCHANGE', 1055)").run();
    insertVisit(db, 1056, 1056);
    insertVisit(db, 1020, 1055.5);
    insertVisit(db, 7, 7, 1);
    migrate(db);
    const cursor = db.prepare('SELECT position FROM cursors').pluck().get() as number;
    expect(cursor).toBe(slotPosition({ time: '10:40', number: 1055 }));
    const rank = (id: string) => db.prepare('SELECT rank FROM visits WHERE booking_id = ?').pluck().get(id) as number;
    expect(rank('B1056')).toBe(slotPosition({ time: '10:45', number: 1056 }));
    expect(rank('B1020')).toBe(cursor + 0.5);
    expect(rank('B7')).toBe(7);
    db.close();
  });
});
