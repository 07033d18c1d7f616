/**
 * How long a waiting visitor can expect to wait (the kiosk, the ticket, later the live ticket): the
 * people called before them, and today's measured service time of their service shared over the
 * desks that serve it. Pure: the time comes in as an argument.
 */
import { alertTimeWithin } from './alertTime.js';
import type { FloorState } from './floorState.js';
import type { Millis, Visit } from './types.js';
import { WAITING_STATES } from './types.js';

/** What a service takes before the day has measured it, and the weight that guess keeps. */
export const DEFAULT_SERVICE_MS = 10 * 60_000;
const PRIOR_WEIGHT = 3;
/** A measured service outside these bounds is a slip (finish forgotten, a mis-click), not a service. */
const MIN_SERVICE_MS = 30_000;
const MAX_SERVICE_MS = 90 * 60_000;

const byRank = (a: Visit, b: Visit): number =>
  a.rank - b.rank || (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) || a.number - b.number;
const byArrival = (a: Visit, b: Visit): number => (a.checkedInAt ?? 0) - (b.checkedInAt ?? 0) || a.number - b.number;

/**
 * How many visitors will be called before this one for its service, by the same order the desks call
 * in (callNext.ts): transfers aimed at a desk first, then priority visitors by arrival, then the
 * regular queue by place. null when the visit is not waiting.
 */
export function peopleAhead(state: FloorState, visitId: string): number | null {
  const visit = state.visits.get(visitId);
  if (!visit || !WAITING_STATES.includes(visit.state)) return null;
  if (visit.targetDesk !== null) {
    return countBefore(state.deskQueue(visit.targetDesk)?.values() ?? [], visit, byArrival);
  }
  const queue = state.queueOf(visit.service);
  if (!queue) return null;
  let ahead = targetedFor(state, visit.service);
  if (visit.priority) return ahead + countBefore(queue.priority.values(), visit, byArrival);
  ahead += queue.priority.size;
  return ahead + countBefore(queue.regular.values(), visit, byRank);
}

function countBefore(list: readonly Visit[], visit: Visit, compare: (a: Visit, b: Visit) => number): number {
  let n = 0;
  for (const v of list) {
    if (v.bookingId === visit.bookingId || compare(v, visit) >= 0) break;
    n++;
  }
  return n;
}

/** Transfers of this service aimed at one of its desks: each is called ahead of that desk's queue. */
export function targetedFor(state: FloorState, service: string): number {
  let n = 0;
  for (const desk of state.rules.desks) {
    if (!desk.services.includes(service)) continue;
    for (const v of state.deskQueue(desk.number)?.values() ?? []) if (v.service === service) n++;
  }
  return n;
}

/**
 * The typical time a desk spends on one visitor of this service today, alert time taken out: the
 * mean of today's finished services, drawn towards `defaultMs` while there are only a few of them.
 */
export function serviceTimeMs(state: FloorState, service: string, now: Millis, defaultMs = DEFAULT_SERVICE_MS): Millis {
  let sum = 0;
  let n = 0;
  for (const v of state.visits.values()) {
    if (v.service !== service || v.state !== 'done' || v.startedAt === null || v.finishedAt === null) continue;
    const took = v.finishedAt - v.startedAt - alertTimeWithin(state.alerts, v.startedAt, v.finishedAt, now);
    if (took < MIN_SERVICE_MS || took > MAX_SERVICE_MS) continue;
    sum += took;
    n++;
  }
  return (sum + defaultMs * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT);
}

/** Desks that call this visitor: the one a transfer aims at, else the open desks of the service. */
export function desksFor(state: FloorState, visit: Visit): number[] {
  if (visit.targetDesk !== null) return [visit.targetDesk];
  const serving = state.rules.desks.filter((d) => d.services.includes(visit.service)).map((d) => d.number);
  const open = serving.filter((d) => state.desks.get(d)?.status !== 'paused');
  // With every desk of the service on a break, the wait is still theirs to work off when they return.
  return open.length > 0 ? open : serving;
}

export interface WaitEstimate {
  peopleAhead: number;
  /** Whole minutes, rounded up; 0 when a desk is free and nobody is ahead. */
  minutes: number;
}

/**
 * The expected wait of a waiting visitor: those ahead shared over the desks that serve them, each
 * taking today's service time, plus half a service where every one of those desks is busy now.
 * null when the visit is not waiting or no desk serves its service.
 */
export function estimatedWait(state: FloorState, visitId: string, now: Millis, defaultMs = DEFAULT_SERVICE_MS): WaitEstimate | null {
  const visit = state.visits.get(visitId);
  const ahead = peopleAhead(state, visitId);
  if (!visit || ahead === null) return null;
  const desks = desksFor(state, visit);
  if (desks.length === 0) return null;
  const each = serviceTimeMs(state, visit.service, now, defaultMs);
  const allBusy = desks.every((d) => state.desks.get(d)?.current != null || state.desks.get(d)?.status === 'paused');
  const ms = (ahead * each) / desks.length + (allBusy ? each / 2 : 0);
  return { peopleAhead: ahead, minutes: Math.ceil(ms / 60_000) };
}
