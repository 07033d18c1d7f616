/**
 * Numbering by seat (DESIGN §1, docs/central-api.md "Numbering"): when a day opens every seat of it
 * gets its ticket number, in time order, then service, then seat, regular from 1000. A booking of any
 * channel takes its seat's number (the terminal pool's seats included), so number order and slot
 * order agree and "slot 55, then slot 56" holds literally. Priority bookings hold a seat too but keep
 * their own sequence from 1. Numbers past the last seat (`day_numbers.regular`) are for tickets made
 * without a seat: licence pickups.
 */
import { FIRST_REGULAR_NUMBER } from '../../main/core/numbering.js';
import type { Central } from './central.js';

export interface DaySeat {
  service: string;
  time: string;
  /** 0-based within the slot; the pool's seat, where a slot gives one, is the slot's last. */
  seat: number;
  pooled: boolean;
}

/** The order numbers follow: time, then service, then seat. */
export function seatOrder(a: DaySeat, b: DaySeat): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : a.service < b.service ? -1 : a.service > b.service ? 1 : a.seat - b.seat;
}

/** Writes a day's seats numbered from `first` and returns the number after the last. */
export function numberSeats(central: Central, centre: string, date: string, seats: DaySeat[], first = FIRST_REGULAR_NUMBER): number {
  const insert = central.sql('INSERT INTO seats (centre, date, service, time, seat, number, pooled) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let number = first;
  for (const s of [...seats].sort(seatOrder)) insert.run(centre, date, s.service, s.time, s.seat, number++, s.pooled ? 1 : 0);
  central.sql('UPDATE day_numbers SET regular = max(regular, ?) WHERE centre = ? AND date = ?').run(number, centre, date);
  return number;
}

/** The seat's number a booking takes: the lowest free online seat of the slot; null when it is full. */
export function takeSeat(central: Central, centre: string, date: string, service: string, time: string, booking: string): number | null {
  const row = central.sql(`UPDATE seats SET booking = ? WHERE rowid = (SELECT rowid FROM seats WHERE centre = ? AND date = ? AND service = ?
    AND time = ? AND pooled = 0 AND booking IS NULL ORDER BY seat LIMIT 1) RETURNING number`).get(booking, centre, date, service, time) as
    | { number: number }
    | undefined;
  return row?.number ?? null;
}

/** A cancelled booking's seat is free again, number and all. */
export function freeSeat(central: Central, booking: string): boolean {
  return central.sql('UPDATE seats SET booking = NULL WHERE booking = ?').run(booking).changes > 0;
}

/** The seats a day's slots and pool stand for, rebuilt from the tables (for days opened before seats existed). */
function seatsOfDay(central: Central, centre: string, date: string): DaySeat[] {
  const slots = central.sql('SELECT service, time, capacity FROM slots WHERE centre = ? AND date = ?').all(centre, date) as { service: string; time: string; capacity: number }[];
  const pooled = new Set((central.sql('SELECT service, time FROM pool WHERE centre = ? AND date = ?').all(centre, date) as { service: string; time: string }[])
    .map((p) => `${p.service} ${p.time}`));
  const seats: DaySeat[] = [];
  for (const s of slots) {
    for (let i = 0; i < s.capacity; i++) seats.push({ service: s.service, time: s.time, seat: i, pooled: false });
    if (pooled.has(`${s.service} ${s.time}`)) seats.push({ service: s.service, time: s.time, seat: s.capacity, pooled: true });
  }
  return seats;
}

interface DayBooking { id: string; service: string; time: string; number: number; priority: string | null; channel: string; status: string; attended: number }

/**
 * Migration of days opened before numbering by seat (central db migration 4). A day with no check-in
 * yet is renumbered: its seats from 1000 in slot order, each active booking taking its seat's number
 * (a new version, so the hubs pull the change) and the pool seats theirs. A day with a check-in (or a
 * terminal booking, which is one) keeps the numbers already printed; its free seats are numbered after
 * the day's last number. Returns the days renumbered.
 */
export function renumberLegacyDays(central: Central): number {
  const days = central.sql(`SELECT DISTINCT s.centre, s.date FROM slots s WHERE NOT EXISTS
    (SELECT 1 FROM seats x WHERE x.centre = s.centre AND x.date = s.date) ORDER BY s.centre, s.date`).all() as { centre: string; date: string }[];
  let renumbered = 0;
  for (const { centre, date } of days) {
    central.db.transaction(() => {
      const bookings = central.sql(`SELECT id, service, time, number, priority, channel, status, attended FROM bookings
        WHERE centre = ? AND date = ? ORDER BY number`).all(centre, date) as DayBooking[];
      const printed = bookings.some((b) => b.attended === 1 || b.channel === 'terminal');
      const seats = seatsOfDay(central, centre, date);
      const highest = bookings.filter((b) => b.priority === null).reduce((m, b) => Math.max(m, b.number + 1), FIRST_REGULAR_NUMBER);
      central.sql('UPDATE day_numbers SET regular = ? WHERE centre = ? AND date = ?').run(printed ? highest : FIRST_REGULAR_NUMBER, centre, date);
      numberSeats(central, centre, date, seats, printed ? highest : FIRST_REGULAR_NUMBER);
      if (!printed) {
        for (const p of central.sql('SELECT id, service, time FROM pool WHERE centre = ? AND date = ?').all(centre, date) as { id: string; service: string; time: string }[]) {
          const n = central.sql('SELECT number FROM seats WHERE centre = ? AND date = ? AND service = ? AND time = ? AND pooled = 1').pluck().get(centre, date, p.service, p.time) as number;
          central.sql('UPDATE pool SET number = ? WHERE id = ?').run(n, p.id);
        }
      }
      for (const b of bookings) {
        if (b.status !== 'active' || b.channel === 'terminal') continue;
        const seat = central.sql(`SELECT rowid, number FROM seats WHERE centre = ? AND date = ? AND service = ? AND time = ? AND pooled = 0
          AND booking IS NULL ORDER BY seat LIMIT 1`).get(centre, date, b.service, b.time) as { rowid: number; number: number } | undefined;
        if (!seat) continue;
        central.sql('UPDATE seats SET booking = ? WHERE rowid = ?').run(b.id, seat.rowid);
        if (!printed && b.priority === null && b.number !== seat.number) central.touchBooking(b.id, 'number = ?', [seat.number]);
      }
    })();
    renumbered++;
  }
  return renumbered;
}
