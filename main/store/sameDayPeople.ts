/**
 * The hub's side of migration 006_same_day_people: same-day bookings per person and day, for the
 * terminal's per-person limit. The person is a SHA-256 of the normalised identifier, so the same
 * phone written as +380…, 380… or 0… counts once; rows are kept for their day only.
 */
import { createHash } from 'node:crypto';
import type { BookedByPerson } from '../core/sameDay.js';
import type { Store } from './store.js';

/** Digits only; a phone by its last 9 digits (the number after +380), so every way of writing it matches. */
export function personKey(person: { kind: string; value: string }): string {
  const digits = person.value.replace(/\D/g, '');
  const id = person.kind === 'phone' ? digits.slice(-9) : digits;
  return createHash('sha256').update(`${person.kind}:${id}`).digest('hex');
}

export class SameDayPeople {
  private readonly stmt;

  constructor(readonly store: Store) {
    const db = store.db;
    this.stmt = {
      counts: db.prepare(`SELECT count(*) AS day, coalesce(sum(service = ?), 0) AS service FROM same_day_people
        WHERE day = ? AND person = ?`),
      add: db.prepare('INSERT OR IGNORE INTO same_day_people (booking_id, day, service, person) VALUES (?, ?, ?, ?)'),
      prune: db.prepare('DELETE FROM same_day_people WHERE day < ?'),
    };
  }

  /** What the person booked at the terminal on `day`: for `service`, and in all. */
  booked(day: string, service: string, person: { kind: string; value: string }): BookedByPerson {
    const row = this.stmt.counts.get(service, day, personKey(person)) as { day: number; service: number };
    return { service: row.service, day: row.day };
  }

  /** Records a booking; run inside the booking's transaction (FloorService.run's `also`). */
  add(bookingId: string, day: string, service: string, person: { kind: string; value: string }): void {
    this.stmt.prune.run(day);
    this.stmt.add.run(bookingId, day, service, personKey(person));
  }
}
