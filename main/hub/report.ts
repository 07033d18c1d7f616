/**
 * The admin's numbers: today's counts (`dayReport`), the live floor (`floorView`), and a report for
 * any stored day or month (`periodReport`) with its CSV. Waits and desk utilisation are net of alert
 * time: an alert stops the floor, so its minutes are nobody's wait and no desk's idleness.
 */
import { alertTimeWithin } from '../core/alertTime.js';
import { localParts, zonedInstant } from '../core/clock.js';
import type { FloorState } from '../core/floorState.js';
import type { AlertInterval, FloorRules, Millis, PauseReason, Visit } from '../core/types.js';
import { PAUSE_REASONS } from '../core/types.js';
import type { PauseEvent, ReportRows } from '../store/reportRows.js';
import type { DayReport, FloorView, PeriodReport, ReportPeriod } from '../../sync/protocol/hub.js';
import { WAITING_STATES } from '../core/types.js';

export type { DayReport, FloorView, PeriodReport };

const MINUTE = 60_000;

export function dayReport(state: FloorState, now: Millis): DayReport {
  let cancelled = 0;
  for (const b of state.bookings.values()) if (b.status === 'cancelled') cancelled++;
  let excused = 0;
  let waitSum = 0;
  let waitCount = 0;
  for (const v of state.visits.values()) {
    if (v.state === 'no_show' && v.excused) excused++;
    if (v.calledAt !== null && v.checkedInAt !== null) {
      waitSum += v.calledAt - v.checkedInAt - alertTimeWithin(state.alerts, v.checkedInAt, v.calledAt, now);
      waitCount++;
    }
  }
  const count = (s: Parameters<typeof state.stateCounts.get>[0]) => state.stateCounts.get(s) ?? 0;
  const dayStart = zonedInstant(state.day, '00:00', state.rules.timezone);
  return {
    day: state.day,
    booked: state.bookings.size,
    cancelled,
    checkedIn: state.arrived,
    served: count('done'),
    waiting: count('checked_in') + count('transferred'),
    atDesks: count('called') + count('serving') + count('paused'),
    noShows: count('no_show'),
    excusedNoShows: excused,
    alertMinutes: Math.round(alertTimeWithin(state.alerts, dayStart, now, now) / MINUTE),
    meanWaitMinutes: waitCount ? Math.round(waitSum / waitCount / MINUTE) : null,
  };
}

/** Each desk's state and since when, and who waits per service with the longest wait. */
export function floorView(state: FloorState): FloorView {
  const desks = state.rules.desks.map((def) => {
    const desk = state.desks.get(def.number);
    const visit = desk?.current ? state.visits.get(desk.current) : undefined;
    const paused = desk?.status === 'paused';
    const deskState: FloorView['desks'][number]['state'] = paused ? 'paused' : !visit ? 'free' : visit.state === 'called' ? 'calling' : 'serving';
    const since = visit ? (visit.state === 'called' ? visit.calledAt : (visit.startedAt ?? visit.calledAt)) : (desk?.since ?? null);
    return {
      desk: def.number,
      state: deskState,
      pauseReason: paused ? (desk.pauseReason ?? 'other') : null,
      number: visit?.number ?? null,
      service: visit?.service ?? null,
      since,
    };
  });
  const oldest = new Map<string, number>();
  const waiting = state.waitingByService();
  for (const v of state.visits.values()) {
    if (!WAITING_STATES.includes(v.state) || v.checkedInAt === null) continue;
    const seen = oldest.get(v.service);
    if (seen === undefined || v.checkedInAt < seen) oldest.set(v.service, v.checkedInAt);
  }
  const services = state.rules.services.map((s) => ({
    service: s.code,
    suspended: state.suspended.has(s.code),
    waiting: waiting[s.code] ?? 0,
    longestWaitSince: oldest.get(s.code) ?? null,
  }));
  const all = [...oldest.values()];
  return { desks, services, longestWaitSince: all.length ? Math.min(...all) : null };
}

/** The days of a period, YYYY-MM-DD: one day, or every day of the month (none left out). */
export function daysOf(period: ReportPeriod): string[] {
  if ('day' in period) return [period.day];
  const [y, m] = period.month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period.month}-${String(i + 1).padStart(2, '0')}`);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (ms: number) => Math.round(ms / MINUTE * 10) / 10;

/** How much of [from, to) the given intervals (alerts or pauses) cover, in ms. */
function overlap(intervals: readonly { start: Millis; end: Millis }[], from: Millis, to: Millis): Millis {
  let total = 0;
  for (const i of intervals) {
    const s = Math.max(i.start, from);
    const e = Math.min(i.end, to);
    if (e > s) total += e - s;
  }
  return total;
}

/** A desk's pauses as intervals; a pause not resumed runs to `until`. */
function pauseIntervals(events: readonly PauseEvent[], desk: number, until: Millis): { start: Millis; end: Millis; reason: PauseReason }[] {
  const out: { start: Millis; end: Millis; reason: PauseReason }[] = [];
  let open: { at: Millis; reason: PauseReason } | null = null;
  for (const e of events) {
    if (e.desk !== desk) continue;
    if (e.kind === 'paused') open ??= { at: e.at, reason: e.reason ?? 'other' };
    else if (open) {
      out.push({ start: open.at, end: e.at, reason: open.reason });
      open = null;
    }
  }
  if (open && until > open.at) out.push({ start: open.at, end: until, reason: open.reason });
  return out;
}

export function periodReport(rows: ReportRows, rules: FloorRules, period: ReportPeriod, now: Millis): PeriodReport {
  const days = daysOf(period);
  const tz = rules.timezone;
  const from = zonedInstant(days[0]!, '00:00', tz);
  const to = zonedInstant(nextDay(days[days.length - 1]!), '00:00', tz);
  const until = Math.min(to, now);
  const visits = rows.visits(days[0]!, days[days.length - 1]!);
  const alerts: AlertInterval[] = rows.alerts(from, to);
  const alertSpans = alerts.map((a) => ({ start: a.start, end: a.end ?? now }));
  const pauses = rows.pauses(from, to);
  const netAlert = (a: Millis, b: Millis) => alertTimeWithin(alerts, a, b, now);

  const done = visits.filter((v) => v.state === 'done' && v.finishedAt !== null);
  const noShows = visits.filter((v) => v.state === 'no_show');

  // Served per hour of a day, or per day of a month; every slot listed so a quiet one shows as 0.
  let servedBy: PeriodReport['servedBy'];
  if ('day' in period) {
    const perHour = new Array<number>(24).fill(0);
    for (const v of done) perHour[Number(localParts(v.finishedAt!, tz).time.slice(0, 2))]!++;
    const busy = perHour.flatMap((n, h) => (n > 0 ? [h] : []));
    const first = Math.min(8, ...busy);
    const last = Math.max(18, ...busy);
    servedBy = perHour.slice(first, last + 1).map((served, i) => ({ label: `${String(first + i).padStart(2, '0')}:00`, served }));
  } else {
    const perDay = new Map(days.map((d) => [d, 0]));
    for (const v of done) perDay.set(v.day, (perDay.get(v.day) ?? 0) + 1);
    servedBy = days.map((d) => ({ label: d, served: perDay.get(d) ?? 0 }));
  }

  const waits = rules.services.map((s) => {
    const minutes = visits
      .filter((v): v is Visit & { calledAt: number; checkedInAt: number } => v.service === s.code && v.calledAt !== null && v.checkedInAt !== null)
      .map((v) => Math.max(0, v.calledAt - v.checkedInAt - netAlert(v.checkedInAt, v.calledAt)))
      .sort((a, b) => a - b);
    const mean = minutes.length ? minutes.reduce((a, b) => a + b, 0) / minutes.length : null;
    const p90 = percentile(minutes, 90);
    return { service: s.code, visits: minutes.length, meanMinutes: mean === null ? null : round1(mean), p90Minutes: p90 === null ? null : round1(p90) };
  });

  const pauseMinutes: Record<string, number> = Object.fromEntries(PAUSE_REASONS.map((r) => [r, 0]));
  const desks = rules.desks.map((def) => {
    const own = visits.filter((v) => v.desk === def.number && v.calledAt !== null && v.finishedAt !== null);
    const paused = pauseIntervals(pauses, def.number, until);
    let busy = 0;
    let available = 0;
    // A desk's working span is per day: from its first call to its last finish.
    for (const day of days) {
      const ofDay = own.filter((v) => v.day === day);
      if (ofDay.length === 0) continue;
      const start = Math.min(...ofDay.map((v) => v.calledAt!));
      const end = Math.max(...ofDay.map((v) => v.finishedAt!));
      available += end - start - overlap(paused, start, end) - overlap(alertSpans, start, end);
      for (const v of ofDay) busy += v.finishedAt! - v.calledAt! - overlap(alertSpans, v.calledAt!, v.finishedAt!);
    }
    let pausedMs = 0;
    for (const p of paused) {
      const ms = overlap([p], from, until);
      pausedMs += ms;
      pauseMinutes[p.reason] = (pauseMinutes[p.reason] ?? 0) + ms;
    }
    return {
      desk: def.number,
      served: own.filter((v) => v.state === 'done').length,
      busyMinutes: Math.round(busy / MINUTE),
      availableMinutes: Math.round(available / MINUTE),
      pauseMinutes: Math.round(pausedMs / MINUTE),
      utilisation: available > 0 ? Math.min(1, Math.max(0, busy / available)) : null,
    };
  });
  for (const r of Object.keys(pauseMinutes)) pauseMinutes[r] = Math.round(pauseMinutes[r]! / MINUTE);

  return {
    kind: 'day' in period ? 'day' : 'month',
    period: 'day' in period ? period.day : period.month,
    days,
    checkedIn: visits.filter((v) => v.checkedInAt !== null).length,
    served: done.length,
    noShows: noShows.length,
    excusedNoShows: noShows.filter((v) => v.excused).length,
    alertMinutes: Math.round(overlap(alertSpans, from, until) / MINUTE),
    pauseMinutes,
    servedBy,
    waits,
    desks,
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote what a spreadsheet would split or read as a formula (a name from the config starting with =).
  return /[",;\n\r]|^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as one flat CSV table: section, item, metric, value (UTF-8 with a BOM for Excel). */
export function reportCsv(report: PeriodReport, services: readonly { code: string; uk: string }[]): string {
  const rows: (string | number | null)[][] = [['period', 'section', 'item', 'metric', 'value']];
  const add = (section: string, item: string | number, metric: string, value: string | number | null) => rows.push([report.period, section, item, metric, value]);
  add('total', 'centre', 'checked_in', report.checkedIn);
  add('total', 'centre', 'served', report.served);
  add('total', 'centre', 'no_shows', report.noShows);
  add('total', 'centre', 'no_shows_excused', report.excusedNoShows);
  add('total', 'centre', 'alert_minutes', report.alertMinutes);
  for (const [reason, minutes] of Object.entries(report.pauseMinutes)) add('pauses', reason, 'minutes', minutes);
  for (const s of report.servedBy) add(report.kind === 'day' ? 'served_per_hour' : 'served_per_day', s.label, 'served', s.served);
  for (const w of report.waits) {
    const name = services.find((s) => s.code === w.service)?.uk ?? w.service;
    add('waits', name, 'visits', w.visits);
    add('waits', name, 'mean_minutes', w.meanMinutes);
    add('waits', name, 'p90_minutes', w.p90Minutes);
  }
  for (const d of report.desks) {
    add('desks', d.desk, 'served', d.served);
    add('desks', d.desk, 'busy_minutes', d.busyMinutes);
    add('desks', d.desk, 'available_minutes', d.availableMinutes);
    add('desks', d.desk, 'pause_minutes', d.pauseMinutes);
    add('desks', d.desk, 'utilisation', d.utilisation === null ? null : Math.round(d.utilisation * 1000) / 1000);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
