/**
 * What a war-time day must still be at its end (docs/field-day.md): each check is one line, and a
 * failing one names the seed and the booking concerned, so the day can be run again and looked at.
 */
import type { BookingOutcome, DayResult } from './runDay.js';
import { EARLIEST_MINUTES, LATEST_MINUTES, minutesOf } from './plan.js';

export interface Assertion {
  ok: boolean;
  name: string;
  detail: string;
}

function overlap(alerts: DayResult['alerts'], from: number, to: number): number {
  let total = 0;
  for (const a of alerts) total += Math.max(0, Math.min(a.end, to) - Math.max(a.start, from));
  return total;
}

const FATES = ['served', 'no_show', 'excused', 'cancelled', 'waiting_at_closing'] as const;

export function accountedFor(day: DayResult, expected: number): Assertion {
  const name = 'every booking accounted for';
  const lost = day.outcomes.filter((o) => o.fate === 'unaccounted');
  const counts = FATES.map((f) => `${day.outcomes.filter((o) => o.fate === f).length} ${f.replaceAll('_', ' ')}`).join(', ');
  if (lost.length) return { ok: false, name, detail: `booking ${lost[0]!.id} (hub state ${lost[0]!.hubState}) has no fate; ${lost.length} in all` };
  if (day.outcomes.length !== expected) return { ok: false, name, detail: `${day.outcomes.length} outcomes for ${expected} bookings` };
  return { ok: true, name, detail: `${expected}: ${counts}` };
}

/**
 * A no-show whose check-in window met an alert must be excused, and nobody who came inside their
 * window is absent, unless the hub was down then (a power cut is not alert time: counted apart).
 */
export function noAlertNoShows(day: DayResult): Assertion {
  const name = 'no one a no-show for time spent in an alert';
  let checked = 0;
  for (const o of day.outcomes) {
    if (o.fate !== 'no_show' || o.noShowReason !== 'not_checked_in' || o.walkIn) continue;
    checked++;
    const slot = minutesOf(o.time);
    const inWindow = overlap(day.alerts, slot - EARLIEST_MINUTES, slot + LATEST_MINUTES);
    if (inWindow > 0) return { ok: false, name, detail: `booking ${o.id} (slot ${o.time}) is a no-show though alerts took ${inWindow} min of its window` };
    if (o.arrivedAt !== null && o.arrivedAt <= slot + LATEST_MINUTES && !o.lockedOutByPowerCut) {
      return { ok: false, name, detail: `booking ${o.id} (slot ${o.time}) came at ${o.arrivedAt} min, inside its window, and is a no-show (${o.refusals.join(', ')})` };
    }
  }
  const excused = day.outcomes.filter((o) => o.fate === 'excused').length;
  const locked = day.outcomes.filter((o) => o.lockedOutByPowerCut).length;
  return { ok: true, name, detail: `${checked} absent without an alert in their window; ${excused} excused; ${locked} locked out by a power cut` };
}

export function commandsSurviveCuts(day: DayResult): Assertion {
  const name = 'every acknowledged command present after every power cut';
  if (day.replays.length !== day.powerCuts.length) return { ok: false, name, detail: `${day.powerCuts.length} power cuts but ${day.replays.length} checks` };
  for (const r of day.replays) {
    const m = r.missing[0];
    if (m) return { ok: false, name, detail: `after the cut ending at minute ${r.at}: ${m.client} ${m.event} ${m.commandId} is unknown (${m.answer}); ${r.missing.length} in all` };
  }
  return { ok: true, name, detail: `${day.replays.length} restarts, ${day.replays.map((r) => r.checked).join(' + ')} commands replayed, all known` };
}

/** A transferred visitor is called once more per transfer: the documented exception. */
export function noNumberCalledTwice(day: DayResult): Assertion {
  const name = 'no number called twice as a new call';
  const transfers = new Map(day.outcomes.map((o) => [o.id, o.transfers]));
  const counts = new Map<string, number>();
  for (const c of day.calls) if (!c.recall) counts.set(c.bookingId, (counts.get(c.bookingId) ?? 0) + 1);
  for (const [id, n] of counts) {
    if (n > 1 + (transfers.get(id) ?? 0)) return { ok: false, name, detail: `booking ${id} was called anew ${n} times with ${transfers.get(id) ?? 0} transfers` };
  }
  const fresh = day.calls.filter((c) => !c.recall).length;
  return { ok: true, name, detail: `${fresh} new calls, ${day.calls.length - fresh} recalls` };
}

export function boardShowedEveryCall(day: DayResult): Assertion {
  const name = 'the hall board showed every call';
  const seen = day.board.calls.length;
  if (seen < day.calls.length) return { ok: false, name, detail: `the board got ${seen} of ${day.calls.length} calls` };
  return { ok: true, name, detail: `${seen} calls on the board` };
}

export function eventsDeliveredOnce(day: DayResult): Assertion {
  const name = 'every floor event delivered to central exactly once by id';
  const o = day.outbox;
  if (o.pending) return { ok: false, name, detail: `${o.pending} events still in the hub's outbox` };
  if (o.missingAtCentral.length) return { ok: false, name, detail: `event ${o.missingAtCentral[0]} never reached central; ${o.missingAtCentral.length} in all` };
  if (o.unknownAtCentral.length) return { ok: false, name, detail: `central holds event ${o.unknownAtCentral[0]} the hub never wrote` };
  if (o.hubEvents !== o.centralEvents) return { ok: false, name, detail: `${o.hubEvents} events at the hub, ${o.centralEvents} at central` };
  return { ok: true, name, detail: `${o.hubEvents} events, each once at central` };
}

interface Called {
  at: number;
  checkedInAt: number;
  service: string;
  number: number;
}

/**
 * Who can be compared: regular visitors with a booking (not walk-ins, not priority), never
 * transferred, who checked in before the queue's cursor passed their number (else a late arrival).
 */
function comparable(day: DayResult): Map<string, Called> {
  const firstCall = new Map<string, { at: number; service: string }>();
  const cursorAt: { at: number; service: string; number: number }[] = [];
  for (const c of day.calls) {
    if (c.recall) continue;
    if (!firstCall.has(c.bookingId)) firstCall.set(c.bookingId, { at: c.at, service: c.service });
    if (!c.priority) cursorAt.push({ at: c.at, service: c.service, number: c.number });
  }
  const out = new Map<string, Called>();
  for (const o of day.outcomes) {
    const call = firstCall.get(o.id);
    if (!call || o.walkIn || o.priority || o.transfers > 0 || o.checkedInAt === null || o.number === null) continue;
    const late = cursorAt.some((c) => c.service === o.service && c.at < o.checkedInAt! && c.number > o.number!);
    if (late) continue;
    out.set(o.id, { at: call.at, checkedInAt: o.checkedInAt, service: call.service, number: o.number });
  }
  return out;
}

/**
 * Calls in the same relative order as the same seed without faults. A pair is compared when, in
 * both days, both were waiting when the first of them was called (someone who had not yet come
 * cannot be called before, whatever the rule). Exceptions: late arrivals, transfers, priority, walk-ins.
 */
export function sameOrderAsCalmDay(day: DayResult, calm: DayResult, seed: number): Assertion {
  const name = 'calls in the same relative order as the same seed without faults';
  const a = comparable(day);
  const b = comparable(calm);
  const ids = [...a.keys()].filter((id) => b.has(id));
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const x = ids[i]!;
      const y = ids[j]!;
      const [ax, ay, bx, by] = [a.get(x)!, a.get(y)!, b.get(x)!, b.get(y)!];
      if (ax.service !== ay.service) continue;
      const bothWaiting = (p: Called, q: Called) => Math.max(p.checkedInAt, q.checkedInAt) < Math.min(p.at, q.at);
      if (!bothWaiting(ax, ay) || !bothWaiting(bx, by)) continue;
      if (ax.at === ay.at || bx.at === by.at) continue;
      pairs++;
      if (ax.at < ay.at !== bx.at < by.at) {
        return {
          ok: false,
          name,
          detail: `seed ${seed}: bookings ${x} (${ax.number}) and ${y} (${ay.number}) of ${ax.service} were called in one order with faults and in the other without`,
        };
      }
    }
  }
  return { ok: true, name, detail: `${pairs} pairs of waiting visitors compared across ${ids.length} bookings` };
}

export function checkDay(day: DayResult, calm: DayResult, seed: number, expected: number): Assertion[] {
  const checks = [
    accountedFor(day, expected),
    noAlertNoShows(day),
    commandsSurviveCuts(day),
    noNumberCalledTwice(day),
    eventsDeliveredOnce(day),
    sameOrderAsCalmDay(day, calm, seed),
    boardShowedEveryCall(day),
  ];
  // A failing line names the seed so the day can be run again.
  return checks.map((c) => (c.ok || c.detail.startsWith('seed ') ? c : { ...c, detail: `seed ${seed}: ${c.detail}` }));
}

export function formatAssertion(a: Assertion): string {
  return `${a.ok ? 'ok  ' : 'FAIL'} ${a.name}: ${a.detail}`;
}

export type { BookingOutcome };
