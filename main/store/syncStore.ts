/**
 * The hub's side of the sync tables (migration 003_sync): a pulled page and its cursor in one
 * transaction, the terminal pool, licences, refused events and bookings cancelled after check-in.
 */
import type { Booking } from '../core/types.js';
import type { PoolSeat } from '../core/sameDay.js';
import type { Store, StoredEvent } from './store.js';

export const CURSOR_KEY = 'sync.cursor';
/** `pool.firstFree.YYYY-MM-DD`: the day's first number past its seats (central numbers every seat). */
export const FIRST_FREE_KEY = 'pool.firstFree';

export interface LicenceRecord {
  applicationNumber: string;
  status: 'sent' | 'received' | 'in_work' | 'produced' | 'refused';
  reason: { uk: string; en: string } | null;
  delivery: 'post' | 'pickup';
  pickupCentre: string | null;
  dueAt: number | null;
  updatedAt: number;
  /** The kiosk's second factor: the last four digits of the applicant's phone; null when central gave none. */
  phoneLast4: string | null;
  pickedUpAt: number | null;
}

export interface RejectedEvent extends StoredEvent {
  code: string;
  rejectedAt: number;
}

export interface Conflict {
  bookingId: string;
  kind: 'cancelled_after_check_in';
  visitState: string;
  at: number;
}

export interface PageResult {
  changed: number;
  /** Dates whose bookings changed: the hub reloads its floor when today is among them. */
  dates: Set<string>;
  conflicts: Conflict[];
}

export class SyncStore {
  private readonly stmt;

  constructor(readonly store: Store) {
    const db = store.db;
    this.stmt = {
      version: db.prepare('SELECT version, status FROM bookings WHERE id = ?'),
      upsert: db.prepare(`INSERT INTO bookings (id, code, centre, service, date, time, number, priority, channel, status, version)
        VALUES (@id, @code, @centre, @service, @date, @time, @number, @priority, @channel, @status, @version)
        ON CONFLICT (id) DO UPDATE SET code = excluded.code, centre = excluded.centre, service = excluded.service,
          date = excluded.date, time = excluded.time, number = excluded.number, priority = excluded.priority,
          channel = excluded.channel, status = excluded.status, version = excluded.version
        WHERE excluded.version > bookings.version`),
      visitState: db.prepare('SELECT state FROM visits WHERE booking_id = ?').pluck(),
      conflict: db.prepare('INSERT OR IGNORE INTO sync_conflicts (booking_id, kind, visit_state, at) VALUES (?, ?, ?, ?)'),
      conflicts: db.prepare('SELECT booking_id, kind, visit_state, at FROM sync_conflicts ORDER BY at'),
      clearPool: db.prepare('DELETE FROM sync_pool'),
      insertSeat: db.prepare('INSERT OR REPLACE INTO sync_pool (id, service, date, time, number) VALUES (?, ?, ?, ?, ?)'),
      // A seat is free while no local booking holds it: the terminal booking's id is derived from the seat's.
      freeSeats: db.prepare(`SELECT p.id, p.service, p.date, p.time, p.number FROM sync_pool p
        WHERE p.date = ? AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = 'T-' || p.id) ORDER BY p.time, p.id`),
      clearLicences: db.prepare('DELETE FROM sync_licences'),
      insertLicence: db.prepare(`INSERT OR REPLACE INTO sync_licences (application_number, status, reason_uk, reason_en, delivery,
        pickup_centre, due_at, updated_at, phone_last4, picked_up_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      licence: db.prepare('SELECT * FROM sync_licences WHERE application_number = ?'),
      reject: db.prepare(`INSERT OR IGNORE INTO sync_rejected (id, seq, type, at, booking, data, code, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      rejected: db.prepare('SELECT * FROM sync_rejected ORDER BY seq'),
      rejectedCount: db.prepare('SELECT count(*) FROM sync_rejected').pluck(),
      unreject: db.prepare('DELETE FROM sync_rejected WHERE id = ?'),
      requeue: db.prepare('UPDATE outbox SET delivered_at = NULL WHERE id = ?'),
      deliver: db.prepare('UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL'),
      pendingCount: db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck(),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  cursor(): string {
    return (this.stmt.getMeta.get(CURSOR_KEY) as string | undefined) ?? '0';
  }

  /**
   * Applies one pulled page and stores its cursor in one transaction: a crash leaves the page and
   * its cursor both or neither, so a page is never skipped. Older versions never replace newer ones.
   * A booking central cancelled after its on-site check-in is recorded as a conflict; its visit stays.
   */
  applyPage(bookings: readonly Booking[], cursor: string, at: number): PageResult {
    const s = this.stmt;
    const result: PageResult = { changed: 0, dates: new Set(), conflicts: [] };
    this.store.db.transaction(() => {
      for (const b of bookings) {
        const before = s.version.get(b.id) as { version: number; status: string } | undefined;
        if (before && before.version >= b.version) continue;
        s.upsert.run(b);
        result.changed++;
        result.dates.add(b.date);
        if (b.status === 'cancelled' && before?.status === 'active') {
          const state = s.visitState.get(b.id) as string | undefined;
          if (state) {
            s.conflict.run(b.id, 'cancelled_after_check_in', state, at);
            result.conflicts.push({ bookingId: b.id, kind: 'cancelled_after_check_in', visitState: state, at });
          }
        }
      }
      s.setMeta.run(CURSOR_KEY, cursor);
    }).immediate();
    return result;
  }

  conflicts(): Conflict[] {
    return (this.stmt.conflicts.all() as { booking_id: string; kind: Conflict['kind']; visit_state: string; at: number }[]).map((r) => ({
      bookingId: r.booking_id, kind: r.kind, visitState: r.visit_state, at: r.at,
    }));
  }

  /**
   * Replaces the pool with central's latest view; seats booked here stay taken through their bookings.
   * `days` gives each day's first number past its seats, for tickets made without a seat.
   */
  replacePool(seats: readonly PoolSeat[], days: readonly { date: string; firstFree: number }[] = []): void {
    this.store.db.transaction(() => {
      this.stmt.clearPool.run();
      for (const p of seats) this.stmt.insertSeat.run(p.id, p.service, p.date, p.time, p.number);
      for (const d of days) this.stmt.setMeta.run(`${FIRST_FREE_KEY}.${d.date}`, String(d.firstFree));
    }).immediate();
  }

  /** The first regular number of `date` no seat holds, as central last said; null when it never did. */
  firstFreeNumber(date: string): number | null {
    const v = this.meta(`${FIRST_FREE_KEY}.${date}`);
    return v === undefined ? null : Number(v);
  }

  freeSeats(date: string): PoolSeat[] {
    return this.stmt.freeSeats.all(date) as PoolSeat[];
  }

  replaceLicences(licences: readonly LicenceRecord[]): void {
    this.store.db.transaction(() => {
      this.stmt.clearLicences.run();
      for (const l of licences) {
        this.stmt.insertLicence.run(l.applicationNumber, l.status, l.reason?.uk ?? null, l.reason?.en ?? null, l.delivery, l.pickupCentre, l.dueAt, l.updatedAt,
          l.phoneLast4, l.pickedUpAt);
      }
    }).immediate();
  }

  licence(applicationNumber: string): LicenceRecord | undefined {
    const r = this.stmt.licence.get(applicationNumber) as
      | { application_number: string; status: LicenceRecord['status']; reason_uk: string | null; reason_en: string | null; delivery: LicenceRecord['delivery'];
          pickup_centre: string | null; due_at: number | null; updated_at: number; phone_last4: string | null; picked_up_at: number | null }
      | undefined;
    return r && {
      applicationNumber: r.application_number, status: r.status, reason: r.reason_uk ? { uk: r.reason_uk, en: r.reason_en ?? r.reason_uk } : null,
      delivery: r.delivery, pickupCentre: r.pickup_centre, dueAt: r.due_at, updatedAt: r.updated_at, phoneLast4: r.phone_last4, pickedUpAt: r.picked_up_at,
    };
  }

  /** Central's answer to a push: delivered ids leave the outbox; refused ones leave it too but are kept here. */
  settle(delivered: readonly string[], rejected: readonly { event: StoredEvent; code: string }[], at: number): void {
    const s = this.stmt;
    this.store.db.transaction(() => {
      for (const id of delivered) s.deliver.run(at, id);
      for (const { event: e, code } of rejected) {
        s.reject.run(e.id, e.seq, e.type, e.at, e.booking, JSON.stringify(e.data), code, at);
        s.deliver.run(at, e.id);
      }
    }).immediate();
  }

  rejected(): RejectedEvent[] {
    return (this.stmt.rejected.all() as { id: string; seq: number; type: string; at: number; booking: string | null; data: string; code: string; rejected_at: number }[]).map((r) => ({
      id: r.id, seq: r.seq, type: r.type as StoredEvent['type'], at: r.at, booking: r.booking,
      data: JSON.parse(r.data) as Record<string, unknown>, code: r.code, rejectedAt: r.rejected_at,
    }));
  }

  /**
   * Puts a refused event back in the outbox, with its id and seq, for the next push (after its cause
   * was fixed). False when no refused event has that id.
   */
  retryRejected(id: string): boolean {
    return this.store.db.transaction(() => {
      if (this.stmt.unreject.run(id).changes === 0) return false;
      this.stmt.requeue.run(id);
      return true;
    }).immediate();
  }

  rejectedCount(): number {
    return this.stmt.rejectedCount.get() as number;
  }

  pendingCount(): number {
    return this.stmt.pendingCount.get() as number;
  }

  meta(key: string): string | undefined {
    return this.stmt.getMeta.get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }
}
