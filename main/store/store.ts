/**
 * The hub's durable state in one SQLite file. Every floor change is one transaction that writes the
 * change, its outbox events and the command's result together (STYLE 6): a crash leaves either all
 * of it or none.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { FloorEventDraft } from '../core/decision.js';
import type { FloorPatch, FloorSeed } from '../core/floorState.js';
import { RECENT_CALLS_KEPT } from '../core/floorState.js';
import type { AlertInterval, Booking, DeskState, FloorRules } from '../core/types.js';
import { BACKUP_DIR, backupBeforeMigration } from './backup.js';
import { migrate } from './migrate.js';
import { withoutPersonal } from './retention.js';
import {
  bookingFromRow, callFromRow, visitFromRow, visitToRow,
  type BookingRow, type CallRow, type VisitRow,
} from './rows.js';

export interface StoredEvent extends FloorEventDraft {
  id: string;
  seq: number;
}

export interface CommandRecord {
  id: string;
  actor: string;
  name: string;
  result: unknown;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class Store {
  readonly db: Database.Database;
  private readonly stmt;

  constructor(readonly file: string, now = Date.now()) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit survives a power cut, not only a process crash (DESIGN §1: outages are frequent).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted and overwritten rows are zeroed in the file, so personal data pruned by the retention
    // job (retention.ts) leaves the bytes on disk too, not only the tables.
    this.db.pragma('secure_delete = ON');
    // A copy before changing the schema: a failed upgrade is rolled back by restoring it (docs/operations.md).
    migrate(this.db, undefined, now, file === ':memory:' ? undefined : (from, to) => backupBeforeMigration(this.db, join(dirname(file), BACKUP_DIR), from, to, now));
    const db = this.db;
    this.stmt = {
      bookingById: db.prepare('SELECT * FROM bookings WHERE id = ?'),
      bookingsByCode: db.prepare('SELECT * FROM bookings WHERE code = ? ORDER BY date DESC'),
      bookingsOfDay: db.prepare('SELECT * FROM bookings WHERE centre = ? AND date = ?'),
      countOfDay: db.prepare('SELECT count(*) FROM bookings WHERE centre = ? AND date = ?').pluck(),
      upsertBooking: db.prepare(`INSERT INTO bookings (id, code, centre, service, date, time, number, priority, channel, status, version)
        VALUES (@id, @code, @centre, @service, @date, @time, @number, @priority, @channel, @status, @version)
        ON CONFLICT (id) DO UPDATE SET code = excluded.code, centre = excluded.centre, service = excluded.service,
          date = excluded.date, time = excluded.time, number = excluded.number, priority = excluded.priority,
          channel = excluded.channel, status = excluded.status, version = excluded.version`),
      visitsOfDay: db.prepare('SELECT * FROM visits WHERE day = ?'),
      upsertVisit: db.prepare(`INSERT OR REPLACE INTO visits (booking_id, day, number, priority, service, state, desk,
        target_desk, rank, checked_in_at, called_at, started_at, finished_at, recalls, reprints, paused_from,
        no_show_reason, excused, transfers, updated_at) VALUES (@booking_id, @day, @number, @priority, @service,
        @state, @desk, @target_desk, @rank, @checked_in_at, @called_at, @started_at, @finished_at, @recalls,
        @reprints, @paused_from, @no_show_reason, @excused, @transfers, @updated_at)`),
      desksOfDay: db.prepare('SELECT number, status, current, pause_reason AS pauseReason, since FROM desks WHERE day = ?'),
      upsertDesk: db.prepare('INSERT OR REPLACE INTO desks (day, number, status, current, pause_reason, since) VALUES (?, ?, ?, ?, ?, ?)'),
      cursorsOfDay: db.prepare('SELECT service, position FROM cursors WHERE day = ?'),
      upsertCursor: db.prepare('INSERT OR REPLACE INTO cursors (day, service, position) VALUES (?, ?, ?)'),
      insertCall: db.prepare(`INSERT INTO calls (day, booking_id, number, priority, desk, service, at, recall)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      recentCalls: db.prepare('SELECT * FROM (SELECT * FROM calls WHERE day = ? ORDER BY id DESC LIMIT ?) ORDER BY id'),
      alerts: db.prepare('SELECT started_at, ended_at, source FROM alerts WHERE ended_at IS NULL OR ended_at >= ? ORDER BY started_at'),
      startAlert: db.prepare('INSERT INTO alerts (started_at, ended_at, source) VALUES (?, NULL, ?)'),
      endAlert: db.prepare('UPDATE alerts SET ended_at = ? WHERE ended_at IS NULL'),
      suspended: db.prepare('SELECT service FROM suspended_services'),
      suspend: db.prepare('INSERT OR IGNORE INTO suspended_services (service) VALUES (?)'),
      unsuspend: db.prepare('DELETE FROM suspended_services WHERE service = ?'),
      insertEvent: db.prepare('INSERT INTO outbox (id, type, at, booking, data) VALUES (?, ?, ?, ?, ?)'),
      pendingEvents: db.prepare('SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ?'),
      pendingCount: db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck(),
      markDelivered: db.prepare('UPDATE outbox SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL'),
      commandById: db.prepare('SELECT * FROM commands WHERE id = ?'),
      insertCommand: db.prepare('INSERT INTO commands (id, actor, name, result, at) VALUES (?, ?, ?, ?, ?)'),
      pruneCommands: db.prepare('DELETE FROM commands WHERE at < ?'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
  }

  /**
   * True when another connection (`talon import-bookings`, the sync) committed since the last call:
   * SQLite bumps data_version only for other connections' commits.
   */
  changedElsewhere(): boolean {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const changed = this.lastDataVersion !== undefined && version !== this.lastDataVersion;
    this.lastDataVersion = version;
    return changed;
  }

  private lastDataVersion: number | undefined;

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Everything the floor of `day` needs in memory. Alerts are kept from the day before too: one can span midnight. */
  loadSeed(rules: FloorRules, day: string, dayStart: number): FloorSeed {
    const s = this.stmt;
    return {
      rules,
      day,
      bookings: (s.bookingsOfDay.all(rules.centre, day) as BookingRow[]).map(bookingFromRow),
      visits: (s.visitsOfDay.all(day) as VisitRow[]).map(visitFromRow),
      desks: s.desksOfDay.all(day) as DeskState[],
      cursors: s.cursorsOfDay.all(day) as { service: string; position: number }[],
      alerts: (s.alerts.all(dayStart) as { started_at: number; ended_at: number | null; source: string }[]).map(
        (r): AlertInterval => ({ start: r.started_at, end: r.ended_at, source: r.source }),
      ),
      recentCalls: (s.recentCalls.all(day, RECENT_CALLS_KEPT) as CallRow[]).map(callFromRow),
      suspended: (s.suspended.all() as { service: string }[]).map((r) => r.service),
    };
  }

  bookingCount(centre: string, date: string): number {
    return this.stmt.countOfDay.get(centre, date) as number;
  }

  bookingsByCode(code: string): Booking[] {
    return (this.stmt.bookingsByCode.all(code) as BookingRow[]).map(bookingFromRow);
  }

  booking(id: string): Booking | undefined {
    const row = this.stmt.bookingById.get(id) as BookingRow | undefined;
    return row && bookingFromRow(row);
  }

  /**
   * Writes one floor change: the patch, its outbox events, for a command its result under the
   * command id, and `also` (device outbox rows), all in one transaction. Throws (and writes nothing)
   * if any part fails.
   */
  commit(day: string, patch: FloorPatch, events: FloorEventDraft[], command?: CommandRecord, now = Date.now(), also?: () => void): StoredEvent[] {
    return this.db.transaction((): StoredEvent[] => {
      this.writePatch(day, patch);
      const stored = events.map((e) => this.writeEvent(e));
      // A command's result is kept for its replay, never with a person in it (retention.ts).
      if (command) this.stmt.insertCommand.run(command.id, command.actor, command.name, JSON.stringify(withoutPersonal(command.result)), now);
      // Writes that belong to the change, such as its ticket's print job (the device outbox), commit with it.
      also?.();
      return stored;
    }).immediate();
  }

  /** Bookings from central or a file: newer versions replace older ones, older versions are ignored. */
  upsertBookings(bookings: Booking[]): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const b of bookings) {
        const existing = this.stmt.bookingById.get(b.id) as BookingRow | undefined;
        if (existing && existing.version >= b.version) {
          counts.unchanged++;
          continue;
        }
        this.stmt.upsertBooking.run(b);
        if (existing) counts.updated++;
        else counts.inserted++;
      }
    }).immediate();
    return counts;
  }

  /** The result a command id already produced, if it committed. */
  commandResult(id: string): CommandRecord | undefined {
    const row = this.stmt.commandById.get(id) as { id: string; actor: string; name: string; result: string } | undefined;
    return row && { id: row.id, actor: row.actor, name: row.name, result: JSON.parse(row.result) as unknown };
  }

  pruneCommands(before: number): number {
    return this.stmt.pruneCommands.run(before).changes;
  }

  pendingEvents(limit: number): StoredEvent[] {
    return (this.stmt.pendingEvents.all(limit) as { seq: number; id: string; type: string; at: number; booking: string | null; data: string }[]).map(
      (r) => ({ seq: r.seq, id: r.id, type: r.type as StoredEvent['type'], at: r.at, booking: r.booking, data: JSON.parse(r.data) as Record<string, unknown> }),
    );
  }

  pendingCount(): number {
    return this.stmt.pendingCount.get() as number;
  }

  markDelivered(ids: string[], at: number): void {
    this.db.transaction(() => {
      for (const id of ids) this.stmt.markDelivered.run(at, id);
    })();
  }

  meta(key: string): string | undefined {
    return (this.stmt.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.stmt.setMeta.run(key, value);
  }

  private writePatch(day: string, patch: FloorPatch): void {
    const s = this.stmt;
    for (const b of patch.bookings) s.upsertBooking.run(b);
    for (const v of patch.visits) s.upsertVisit.run(visitToRow(v));
    for (const d of patch.desks) s.upsertDesk.run(day, d.number, d.status, d.current, d.pauseReason ?? null, d.since ?? null);
    for (const c of patch.cursors) s.upsertCursor.run(day, c.service, c.position);
    for (const c of patch.calls) s.insertCall.run(day, c.bookingId, c.number, c.priority ? 1 : 0, c.desk, c.service, c.at, c.recall ? 1 : 0);
    for (const x of patch.suspended) {
      if (x.suspended) s.suspend.run(x.service);
      else s.unsuspend.run(x.service);
    }
    if (patch.alert?.kind === 'start') s.startAlert.run(patch.alert.at, patch.alert.source);
    if (patch.alert?.kind === 'end') s.endAlert.run(patch.alert.at);
  }

  private writeEvent(e: FloorEventDraft): StoredEvent {
    const id = randomUUID();
    const info = this.stmt.insertEvent.run(id, e.type, e.at, e.booking, JSON.stringify(e.data));
    return { ...e, id, seq: Number(info.lastInsertRowid) };
  }
}

export function openStore(file: string, now = Date.now()): Store {
  return new Store(file, now);
}
