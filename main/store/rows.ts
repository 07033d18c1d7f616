/** Row ↔ domain mapping: the only place that knows column names. */
import type { Booking, CallRecord, Visit } from '../core/types.js';

export interface BookingRow {
  id: string; code: string; centre: string; service: string; date: string; time: string;
  number: number; priority: string | null; channel: string; status: string; version: number;
}

export function bookingFromRow(r: BookingRow): Booking {
  return {
    id: r.id, code: r.code, centre: r.centre, service: r.service, date: r.date, time: r.time,
    number: r.number, priority: r.priority as Booking['priority'], channel: r.channel as Booking['channel'],
    status: r.status as Booking['status'], version: r.version,
  };
}

export interface VisitRow {
  booking_id: string; day: string; number: number; priority: number; service: string; state: string;
  desk: number | null; target_desk: number | null; rank: number; checked_in_at: number | null;
  called_at: number | null; started_at: number | null; finished_at: number | null; recalls: number;
  reprints: number; paused_from: string | null; no_show_reason: string | null; excused: number;
  transfers: number; updated_at: number;
}

export function visitFromRow(r: VisitRow): Visit {
  return {
    bookingId: r.booking_id, day: r.day, number: r.number, priority: r.priority === 1, service: r.service,
    state: r.state as Visit['state'], desk: r.desk, targetDesk: r.target_desk, rank: r.rank,
    checkedInAt: r.checked_in_at, calledAt: r.called_at, startedAt: r.started_at, finishedAt: r.finished_at,
    recalls: r.recalls, reprints: r.reprints, pausedFrom: r.paused_from as Visit['pausedFrom'],
    noShowReason: r.no_show_reason as Visit['noShowReason'], excused: r.excused === 1,
    transfers: r.transfers, updatedAt: r.updated_at,
  };
}

export function visitToRow(v: Visit): VisitRow {
  return {
    booking_id: v.bookingId, day: v.day, number: v.number, priority: v.priority ? 1 : 0, service: v.service,
    state: v.state, desk: v.desk, target_desk: v.targetDesk, rank: v.rank, checked_in_at: v.checkedInAt,
    called_at: v.calledAt, started_at: v.startedAt, finished_at: v.finishedAt, recalls: v.recalls,
    reprints: v.reprints, paused_from: v.pausedFrom, no_show_reason: v.noShowReason, excused: v.excused ? 1 : 0,
    transfers: v.transfers, updated_at: v.updatedAt,
  };
}

export interface CallRow {
  booking_id: string; number: number; priority: number; desk: number; service: string; at: number; recall: number;
}

export function callFromRow(r: CallRow): CallRecord {
  return {
    bookingId: r.booking_id, number: r.number, priority: r.priority === 1, desk: r.desk, service: r.service,
    at: r.at, recall: r.recall === 1,
  };
}
