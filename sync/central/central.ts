/**
 * The reference central booking server's domain (DESIGN §1, §6): centres with schedules, services
 * and desks, slots generated 21 days ahead, numbering, the terminal pool, alerts. The citizen rules
 * are in citizenBooking.ts, terminal events in terminalEvents.ts, licences in licences.ts; HTTP in
 * server.ts. Time is injected, so every rule is testable at any instant.
 */
import { createHash, randomInt } from 'node:crypto';
import { FIRST_PRIORITY_NUMBER, FIRST_REGULAR_NUMBER } from '../../main/core/numbering.js';
import { localParts } from '../../main/core/clock.js';
import type { Millis } from '../../main/core/types.js';
import type { WireBooking } from '../protocol/booking.js';
import { addDays, defaultHours, lastOpenDate, slotTimes, weekday, type Hours } from './calendar.js';
import type { CentralDb } from './db.js';
import type { Statement } from 'better-sqlite3';
import { refuse } from './refusals.js';
import { numberSeats, renumberLegacyDays, type DaySeat } from './seats.js';

export interface ServiceDef {
  code: string;
  uk: string;
  en: string;
  /** Length of one slot. */
  minutes: number;
  /** An exam: a retake waits 10 days after the previous booking. */
  exam?: boolean;
}

export interface CentreDef {
  id: string;
  name: string;
  timezone?: string;
  /** Bookings for dates before this one belong to the old system. */
  cutover?: string | null;
  hours?: Map<number, Hours>;
  services: ServiceDef[];
  desks: { number: number; services: string[] }[];
  /** Bearer tokens of the centre's terminals (hubs), by terminal id. */
  terminals: Record<string, string>;
}

/** Every 4th slot time of a service gives one seat to the centre's terminal (DESIGN §1: its own quota). */
export const POOL_EVERY = 4;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function personKey(p: { kind: string; value: string }): string {
  return `${p.kind}:${p.value}`;
}

interface CentreRow {
  id: string;
  name: string;
  timezone: string;
  cutover: string | null;
  open_through: string | null;
}

export class Central {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: CentralDb,
    readonly now: () => Millis,
  ) {
    renumberLegacyDays(this);
  }

  /** A prepared statement, prepared once per text: events and bookings run the same few thousands of times. */
  sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  addCentre(def: CentreDef): void {
    const db = this.db;
    db.transaction(() => {
      db.prepare('INSERT OR REPLACE INTO centres (id, name, timezone, cutover, open_through) VALUES (?, ?, ?, ?, (SELECT open_through FROM centres WHERE id = ?))')
        .run(def.id, def.name, def.timezone ?? 'Europe/Kyiv', def.cutover ?? null, def.id);
      db.prepare('DELETE FROM hours WHERE centre = ?').run(def.id);
      for (const [day, h] of def.hours ?? defaultHours()) {
        db.prepare('INSERT INTO hours (centre, weekday, open, close, lunch_from, lunch_to) VALUES (?, ?, ?, ?, ?, ?)')
          .run(def.id, day, h.open, h.close, h.lunchFrom, h.lunchTo);
      }
      for (const s of def.services) {
        db.prepare('INSERT OR REPLACE INTO services (centre, code, uk, en, minutes, exam) VALUES (?, ?, ?, ?, ?, ?)')
          .run(def.id, s.code, s.uk, s.en, s.minutes, s.exam ? 1 : 0);
      }
      for (const d of def.desks) {
        db.prepare('INSERT OR REPLACE INTO desks (centre, number, services) VALUES (?, ?, ?)').run(def.id, d.number, JSON.stringify(d.services));
      }
      for (const [terminal, token] of Object.entries(def.terminals)) {
        db.prepare('INSERT OR REPLACE INTO terminals (token_hash, centre, terminal) VALUES (?, ?, ?)').run(hashToken(token), def.id, terminal);
      }
    })();
    this.ensureOpen();
  }

  centre(id: string): CentreRow {
    const row = this.sql('SELECT * FROM centres WHERE id = ?').get(id) as CentreRow | undefined;
    return row ?? refuse('NO_SUCH_CENTRE');
  }

  /** The terminal a bearer token belongs to, if it belongs to this centre. */
  terminalOf(centre: string, token: string): string | null {
    const row = this.sql('SELECT centre, terminal FROM terminals WHERE token_hash = ?').get(hashToken(token)) as { centre: string; terminal: string } | undefined;
    return row && row.centre === centre ? row.terminal : null;
  }

  /**
   * Generates the slots of every day that has opened since the last call: lazily on each request and
   * by the server's 06:00 timer, so the result depends only on the time, not on when anyone asked.
   */
  ensureOpen(now: Millis = this.now()): number {
    let opened = 0;
    for (const c of this.sql('SELECT * FROM centres').all() as CentreRow[]) {
      const last = lastOpenDate(now, c.timezone);
      const today = localParts(now, c.timezone).date;
      if (c.open_through !== null && c.open_through >= last) continue;
      const from = c.open_through === null || c.open_through < today ? today : addDays(c.open_through, 1);
      this.db.transaction(() => {
        for (let date = from; date <= last; date = addDays(date, 1)) {
          this.generateDay(c.id, date);
          opened++;
        }
        this.sql('UPDATE centres SET open_through = ? WHERE id = ?').run(last, c.id);
      })();
    }
    return opened;
  }

  private generateDay(centre: string, date: string): void {
    const h = this.sql('SELECT open, close, lunch_from, lunch_to FROM hours WHERE centre = ? AND weekday = ?').get(centre, weekday(date)) as
      | { open: string; close: string; lunch_from: string | null; lunch_to: string | null }
      | undefined;
    this.sql('INSERT OR IGNORE INTO day_numbers (centre, date, regular, priority) VALUES (?, ?, ?, ?)')
      .run(centre, date, FIRST_REGULAR_NUMBER, FIRST_PRIORITY_NUMBER);
    if (!h) return;
    const hours: Hours = { open: h.open, close: h.close, lunchFrom: h.lunch_from, lunchTo: h.lunch_to };
    const desks = (this.sql('SELECT services FROM desks WHERE centre = ?').all(centre) as { services: string }[]).map(
      (d) => JSON.parse(d.services) as string[],
    );
    if (this.sql('SELECT 1 FROM seats WHERE centre = ? AND date = ? LIMIT 1').get(centre, date)) return;
    const insertSlot = this.sql('INSERT OR IGNORE INTO slots (centre, service, date, time, capacity) VALUES (?, ?, ?, ?, ?)');
    const seats: DaySeat[] = [];
    for (const s of this.sql('SELECT code, minutes FROM services WHERE centre = ?').all(centre) as { code: string; minutes: number }[]) {
      const capacity = desks.filter((d) => d.includes(s.code)).length;
      if (capacity === 0) continue;
      slotTimes(hours, s.minutes).forEach((time, i) => {
        const pooled = i % POOL_EVERY === POOL_EVERY - 1;
        insertSlot.run(centre, s.code, date, time, pooled ? capacity - 1 : capacity);
        for (let seat = 0; seat < capacity; seat++) seats.push({ service: s.code, time, seat, pooled: pooled && seat === capacity - 1 });
      });
    }
    numberSeats(this, centre, date, seats);
    // The pool seat's number is its seat's, reserved now, so the terminal can print it offline.
    this.sql(`INSERT OR IGNORE INTO pool (id, centre, service, date, time, number) SELECT ? || '-' || date || '-' || service || '-' || replace(time, ':', ''),
      centre, service, date, time, number FROM seats WHERE centre = ? AND date = ? AND pooled = 1`).run(centre, centre, date);
  }

  /** The next number of a centre's day with no seat: priority from 1; regular ones past the day's last seat (seats.ts). */
  takeNumber(centre: string, date: string, priority: boolean): number {
    this.sql('INSERT OR IGNORE INTO day_numbers (centre, date, regular, priority) VALUES (?, ?, ?, ?)')
      .run(centre, date, FIRST_REGULAR_NUMBER, FIRST_PRIORITY_NUMBER);
    const column = priority ? 'priority' : 'regular';
    const row = this.sql(`UPDATE day_numbers SET ${column} = ${column} + 1 WHERE centre = ? AND date = ? RETURNING ${column} - 1 AS n`).get(centre, date) as { n: number };
    return row.n;
  }

  /** Keeps a terminal's number in the day's sequence so central never hands it out again. */
  noteNumber(centre: string, date: string, number: number): void {
    const column = number >= FIRST_REGULAR_NUMBER ? 'regular' : 'priority';
    this.sql('INSERT OR IGNORE INTO day_numbers (centre, date, regular, priority) VALUES (?, ?, ?, ?)')
      .run(centre, date, FIRST_REGULAR_NUMBER, FIRST_PRIORITY_NUMBER);
    this.sql(`UPDATE day_numbers SET ${column} = max(${column}, ?) WHERE centre = ? AND date = ?`).run(number + 1, centre, date);
  }

  nextChangeSeq(): number {
    return ((this.sql('SELECT max(change_seq) FROM bookings').pluck().get() as number | null) ?? 0) + 1;
  }

  /** A booking id that names the day and number; a seat given again after a cancellation gets a suffix. */
  bookingId(centre: string, date: string, number: string): string {
    const base = `${centre}-${date.replaceAll('-', '')}-${number}`;
    for (let i = 1; ; i++) {
      const id = i === 1 ? base : `${base}-${i}`;
      if (!this.sql('SELECT 1 FROM bookings WHERE id = ?').get(id)) return id;
    }
  }

  newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      if (!this.sql('SELECT 1 FROM bookings WHERE code = ?').get(code)) return code;
    }
  }

  /** Writes a booking and gives it the next change sequence, so a pull after the cursor sees it. */
  insertBooking(b: WireBooking, person: string | null): void {
    const at = this.now();
    const tz = this.centre(b.centre).timezone;
    const created = localParts(at, tz).date;
    this.sql(`INSERT INTO bookings (id, code, centre, service, date, time, number, priority, channel, status, version, person,
      created_at, created_month, created_day, change_seq) VALUES (@id, @code, @centre, @service, @date, @time, @number, @priority,
      @channel, @status, @version, @person, @created_at, @created_month, @created_day, @change_seq)`).run({
      ...b,
      person,
      created_at: at,
      created_month: created.slice(0, 7),
      created_day: created,
      change_seq: this.nextChangeSeq(),
    });
  }

  /** Marks a change to a booking so the next pull carries it. */
  touchBooking(id: string, set: string, params: unknown[] = []): void {
    this.sql(`UPDATE bookings SET ${set}, version = version + 1, change_seq = ? WHERE id = ?`).run(...params, this.nextChangeSeq(), id);
  }

  booking(id: string): (WireBooking & { person: string | null; attended: number }) | undefined {
    return this.sql('SELECT * FROM bookings WHERE id = ?').get(id) as (WireBooking & { person: string | null; attended: number }) | undefined;
  }

  /** A page of the centre's bookings changed after `after` (DESIGN §6). */
  pull(centre: string, after: number, limit: number): { bookings: WireBooking[]; cursor: string; more: boolean } {
    this.centre(centre);
    this.ensureOpen();
    const rows = this.db
      .prepare(`SELECT id, code, centre, service, date, time, number, priority, channel, status, version, change_seq
        FROM bookings WHERE centre = ? AND change_seq > ? ORDER BY change_seq LIMIT ?`)
      .all(centre, after, limit + 1) as (WireBooking & { change_seq: number })[];
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const cursor = page.length ? String(page[page.length - 1]!.change_seq) : String(after);
    return { bookings: page.map(({ change_seq: _seq, ...b }) => b), cursor, more };
  }

  /** Free terminal seats of today and tomorrow: the hub keeps them, so its kiosk books offline. */
  pool(centre: string) {
    const c = this.centre(centre);
    this.ensureOpen();
    const today = localParts(this.now(), c.timezone).date;
    return this.db
      .prepare('SELECT id, service, date, time, number FROM pool WHERE centre = ? AND date IN (?, ?) AND taken_by IS NULL ORDER BY date, time, service')
      .all(centre, today, addDays(today, 1)) as { id: string; service: string; date: string; time: string; number: number }[];
  }

  /** Today's and tomorrow's first number past the seats (seats.ts), for tickets made without a seat. */
  poolDays(centre: string): { date: string; firstFree: number }[] {
    const c = this.centre(centre);
    const today = localParts(this.now(), c.timezone).date;
    return this.sql('SELECT date, regular AS firstFree FROM day_numbers WHERE centre = ? AND date IN (?, ?) ORDER BY date')
      .all(centre, today, addDays(today, 1)) as { date: string; firstFree: number }[];
  }

  alert(centre: string): { active: boolean; since: number | null } {
    this.centre(centre);
    const row = this.sql('SELECT active, since FROM alerts WHERE centre = ?').get(centre) as { active: number; since: number | null } | undefined;
    return row ? { active: row.active === 1, since: row.since } : { active: false, since: null };
  }

  setAlert(centre: string, active: boolean): { active: boolean; since: number | null } {
    this.centre(centre);
    const current = this.alert(centre);
    if (current.active === active) return current;
    this.sql('INSERT OR REPLACE INTO alerts (centre, active, since) VALUES (?, ?, ?)').run(centre, active ? 1 : 0, active ? this.now() : null);
    return this.alert(centre);
  }

  /** Bookings written straight into the database (demo seeding, benchmarks): no rules applied. */
  seedBookings(bookings: (WireBooking & { person?: string | null })[]): void {
    this.db.transaction(() => {
      let seq = this.nextChangeSeq();
      const at = this.now();
      const insert = this.sql(`INSERT OR IGNORE INTO bookings (id, code, centre, service, date, time, number, priority, channel, status,
        version, person, created_at, created_month, created_day, change_seq) VALUES (@id, @code, @centre, @service, @date, @time, @number,
        @priority, @channel, @status, @version, @person, @created_at, @created_month, @created_day, @change_seq)`);
      for (const b of bookings) {
        const day = new Date(at).toISOString().slice(0, 10);
        insert.run({ ...b, person: b.person ?? null, created_at: at, created_month: day.slice(0, 7), created_day: day, change_seq: seq++ });
      }
    })();
  }
}
