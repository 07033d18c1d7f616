/**
 * What the reports read from the floor's tables for a span of days: the visits (kept for every day,
 * never pruned, so a past day's report is always there), the alerts, and the desks' pauses from the
 * events written in the same transaction as each pause.
 */
import type { AlertInterval, Millis, PauseReason, Visit } from '../core/types.js';
import type { Store } from './store.js';
import { visitFromRow, type VisitRow } from './rows.js';

export interface PauseEvent {
  desk: number;
  at: Millis;
  kind: 'paused' | 'resumed';
  reason: PauseReason | null;
}

export class ReportRows {
  private readonly s;

  constructor(store: Store) {
    const db = store.db;
    this.s = {
      visits: db.prepare('SELECT * FROM visits WHERE day >= ? AND day <= ? ORDER BY day, number'),
      alerts: db.prepare('SELECT started_at, ended_at, source FROM alerts WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at'),
      pauses: db.prepare("SELECT type, at, data FROM outbox WHERE type IN ('desk.paused', 'desk.resumed') AND at >= ? AND at < ? ORDER BY seq"),
      firstDay: db.prepare('SELECT min(day) FROM visits').pluck(),
    };
  }

  /** Visits of the days from `fromDay` to `toDay` (YYYY-MM-DD, both included). */
  visits(fromDay: string, toDay: string): Visit[] {
    return (this.s.visits.all(fromDay, toDay) as VisitRow[]).map(visitFromRow);
  }

  /** Alerts overlapping [from, to). */
  alerts(from: Millis, to: Millis): AlertInterval[] {
    return (this.s.alerts.all(to, from) as { started_at: number; ended_at: number | null; source: string }[]).map((r) => ({
      start: r.started_at,
      end: r.ended_at,
      source: r.source,
    }));
  }

  /** Desk pauses and resumes within [from, to). */
  pauses(from: Millis, to: Millis): PauseEvent[] {
    return (this.s.pauses.all(from, to) as { type: string; at: number; data: string }[]).map((r) => {
      const data = JSON.parse(r.data) as { desk: number; reason?: PauseReason };
      return { desk: data.desk, at: r.at, kind: r.type === 'desk.paused' ? 'paused' : 'resumed', reason: data.reason ?? (r.type === 'desk.paused' ? 'other' : null) };
    });
  }

  /** The first day any visit was recorded, for the page's date picker. */
  firstDay(): string | null {
    return (this.s.firstDay.get() as string | null) ?? null;
  }
}
