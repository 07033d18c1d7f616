/**
 * What the hub's own file says about the day once it is over (read-only, after a clean stop): each
 * booking's fate and times, the calls, the alerts as recorded and the outbox, joined with what the
 * simulator saw of each person (when they came, what the kiosk told them).
 */
import Database from 'better-sqlite3';
import { alertTimeWithin } from '../core/alertTime.js';
import { MINUTE } from '../core/clock.js';
import type { AlertInterval } from '../core/types.js';
import type { Visitor } from './runDay.js';

export type Fate = 'served' | 'no_show' | 'excused' | 'cancelled' | 'waiting_at_closing' | 'unaccounted';

export interface BookingOutcome {
  id: string;
  number: number | null;
  service: string;
  time: string;
  priority: boolean;
  walkIn: boolean;
  arrival: string;
  fate: Fate;
  hubState: string;
  /** Minutes since local midnight, or null. */
  arrivedAt: number | null;
  checkedInAt: number | null;
  firstCalledAt: number | null;
  finishedAt: number | null;
  waitMinutes: number | null;
  waitNetOfAlertsMinutes: number | null;
  desk: number | null;
  transfers: number;
  noShowReason: string | null;
  /** Refusals the kiosk gave this person, in order. */
  refusals: string[];
  /** Came inside the check-in window but the hub was down until the window had closed. */
  lockedOutByPowerCut: boolean;
}

export interface CallRecord {
  number: number;
  bookingId: string;
  desk: number;
  service: string;
  priority: boolean;
  at: number;
  recall: boolean;
}

const WAITING = ['checked_in', 'transferred', 'called', 'serving', 'paused'];

export interface DayRecord {
  outcomes: BookingOutcome[];
  calls: CallRecord[];
  alerts: { start: number; end: number }[];
  eventIds: string[];
  pending: number;
}

type VisitRow = Record<string, unknown> & { state: string };

function fateOf(status: string | undefined, row: VisitRow | undefined): Fate {
  if (status === 'cancelled' && (!row || row.state === 'no_show')) return 'cancelled';
  if (row?.state === 'done') return 'served';
  if (row?.state === 'no_show') return row.excused === 1 ? 'excused' : 'no_show';
  if (row && WAITING.includes(row.state)) return 'waiting_at_closing';
  return 'unaccounted';
}

export function readDay(
  file: string,
  date: string,
  dayStart: number,
  endedAt: number,
  visitors: readonly Visitor[],
  powerCuts: readonly { start: number; back: number }[],
): DayRecord {
  const db = new Database(file, { readonly: true });
  try {
    const minute = (x: unknown) => (typeof x === 'number' ? (x - dayStart) / MINUTE : null);
    const eventIds = db.prepare('SELECT id FROM outbox').pluck().all() as string[];
    const pending = db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck().get() as number;
    const alerts = (db.prepare('SELECT started_at, ended_at FROM alerts ORDER BY started_at').all() as { started_at: number; ended_at: number | null }[])
      .map((a) => ({ start: minute(a.started_at)!, end: minute(a.ended_at ?? endedAt)! }));
    const intervals: AlertInterval[] = alerts.map((a) => ({ start: dayStart + a.start * MINUTE, end: dayStart + a.end * MINUTE, source: 'manual' }));
    const visits = new Map((db.prepare('SELECT * FROM visits WHERE day = ?').all(date) as VisitRow[]).map((r) => [r.booking_id as string, r]));
    const statuses = new Map((db.prepare('SELECT id, status FROM bookings WHERE date = ?').all(date) as { id: string; status: string }[]).map((r) => [r.id, r.status]));
    const at = (m: number) => dayStart + m * MINUTE;
    const outcomes = visitors
      .filter((v) => v.bookingId !== null)
      .map((v): BookingOutcome => {
        const row = visits.get(v.bookingId!);
        const status = statuses.get(v.bookingId!);
        const wait = v.firstCalledAt !== null && v.checkedInAt !== null ? v.firstCalledAt - v.checkedInAt : null;
        const alertInWait = wait === null ? 0 : alertTimeWithin(intervals, at(v.checkedInAt!), at(v.firstCalledAt!), endedAt) / MINUTE;
        const p = v.person;
        return {
          id: v.bookingId!,
          number: v.number,
          service: p?.service ?? v.walkIn!.service,
          time: p?.time ?? '',
          priority: p?.priority ?? false,
          walkIn: v.walkIn !== null,
          arrival: p ? (p.cancelAt !== null ? 'cancelled' : p.arrival.kind) : 'walk_in',
          fate: fateOf(status, row),
          hubState: row?.state ?? (status ? 'expected' : 'unknown'),
          arrivedAt: v.arrivedAt,
          checkedInAt: minute(row?.checked_in_at),
          firstCalledAt: v.firstCalledAt,
          finishedAt: minute(row?.finished_at),
          waitMinutes: wait,
          waitNetOfAlertsMinutes: wait === null ? null : wait - alertInWait,
          desk: (row?.desk as number | null | undefined) ?? v.desk,
          transfers: (row?.transfers as number | undefined) ?? 0,
          noShowReason: (row?.no_show_reason as string | null | undefined) ?? null,
          refusals: v.refusals,
          lockedOutByPowerCut: v.refusals.includes('TOO_LATE') && powerCuts.some((c) => v.arrivedAt !== null && v.arrivedAt >= c.start && v.arrivedAt < c.back),
        };
      });
    const calls = (db.prepare('SELECT booking_id, number, priority, desk, service, at, recall FROM calls WHERE day = ? ORDER BY id').all(date) as {
      booking_id: string; number: number; priority: number; desk: number; service: string; at: number; recall: number;
    }[]).map((c): CallRecord => ({
      number: c.number, bookingId: c.booking_id, desk: c.desk, service: c.service, priority: c.priority === 1, at: minute(c.at)!, recall: c.recall === 1,
    }));
    return { outcomes, calls, alerts, eventIds, pending };
  } finally {
    db.close();
  }
}
