/**
 * The hub's side of migration 006_same_day_people: same-day bookings per person and day, for the
 * terminal's per-person limit. The person is an HMAC-SHA-256 of the normalised identifier under a
 * random key of that day (`meta` `sameDay.key.YYYY-MM-DD`), so the same phone written as +380…, 380…
 * or 0… counts once, and a hash cannot be turned back into a phone by trying every number without the
 * day's key. Rows and key are kept for their day only: the daily retention job
 * (main/store/retention.ts) deletes both for past days, and each new booking deletes earlier rows.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { BookedByPerson } from '../core/sameDay.js';
import type { Store } from './store.js';

/** `sameDay.key.YYYY-MM-DD`: the day's HMAC key, hex. */
export const SAME_DAY_KEY_PREFIX = 'sameDay.key.';

/** Digits only; a phone by its last 9 digits (the number after +380), so every way of writing it matches. */
export function personKey(person: { kind: string; value: string }, key: string): string {
  const digits = person.value.replace(/\D/g, '');
  const id = person.kind === 'phone' ? digits.slice(-9) : digits;
  return createHmac('sha256', Buffer.from(key, 'hex')).update(`${person.kind}:${id}`).digest('hex');
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
      pruneKeys: db.prepare('DELETE FROM meta WHERE key >= ? AND key < ?'),
      key: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setKey: db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  /** The day's key, made on first use (the insert is idempotent, so two writers agree on one). */
  private dayKey(day: string): string {
    const name = `${SAME_DAY_KEY_PREFIX}${day}`;
    const had = this.stmt.key.get(name) as string | undefined;
    if (had) return had;
    this.stmt.setKey.run(name, randomBytes(32).toString('hex'));
    return this.stmt.key.get(name) as string;
  }

  /** What the person booked at the terminal on `day`: for `service`, and in all. */
  booked(day: string, service: string, person: { kind: string; value: string }): BookedByPerson {
    const key = this.stmt.key.get(`${SAME_DAY_KEY_PREFIX}${day}`) as string | undefined;
    // No key for the day: nobody booked yet that day.
    if (!key) return { service: 0, day: 0 };
    const row = this.stmt.counts.get(service, day, personKey(person, key)) as { day: number; service: number };
    return { service: row.service, day: row.day };
  }

  /** Records a booking; run inside the booking's transaction (FloorService.run's `also`). */
  add(bookingId: string, day: string, service: string, person: { kind: string; value: string }): void {
    this.stmt.prune.run(day);
    this.stmt.pruneKeys.run(SAME_DAY_KEY_PREFIX, `${SAME_DAY_KEY_PREFIX}${day}`);
    this.stmt.add.run(bookingId, day, service, personKey(person, this.dayKey(day)));
  }
}
