/**
 * Where every waiting visitor stands, in one pass over the queues, in the order callNext serves them:
 * a transfer aimed at a desk waits behind the earlier transfers to that desk; a priority visitor
 * behind the earlier priority visitors of the service; a regular visitor behind every priority
 * visitor of the service and the regular ones before it in the queue's own order. The estimate is
 * what is ahead times the service's measured time at a desk, shared by the open desks that serve it,
 * with alert time taken out of every measurement (a visit paused in the shelter did not take longer).
 */
import { alertTimeWithin } from './alertTime.js';
import type { FloorState } from './floorState.js';
import type { Millis, Visit } from './types.js';

/** Minutes a visit is assumed to take at a desk before today has any finished one of its service. */
export const DEFAULT_SERVICE_MINUTES = 10;

export interface QueuePosition {
  bookingId: string;
  service: string;
  /** People who will be called before this one. */
  ahead: number;
  /** Estimated minutes until the call. */
  waitMinutes: number;
  /** Estimated minutes per person ahead: the service's time at a desk over the desks sharing it. */
  rate: number;
}

/** Mean minutes from call to finish of today's served visits per service, alert time excluded. */
export function serviceMinutes(state: FloorState, now: Millis): Map<string, number> {
  const sum = new Map<string, { total: number; n: number }>();
  for (const v of state.visits.values()) {
    if (v.state !== 'done' || v.calledAt === null || v.finishedAt === null) continue;
    const spent = v.finishedAt - v.calledAt - alertTimeWithin(state.alerts, v.calledAt, v.finishedAt, now);
    const s = sum.get(v.service) ?? { total: 0, n: 0 };
    s.total += Math.max(0, spent);
    s.n += 1;
    sum.set(v.service, s);
  }
  const minutes = new Map<string, number>();
  for (const service of state.rules.services) {
    const s = sum.get(service.code);
    minutes.set(service.code, s && s.n > 0 ? Math.max(1, s.total / s.n / 60_000) : DEFAULT_SERVICE_MINUTES);
  }
  return minutes;
}

/** Open (not paused) desks that serve each service; at least one, so an estimate never divides by 0. */
function desksServing(state: FloorState): Map<string, number> {
  const count = new Map<string, number>();
  for (const def of state.rules.desks) {
    if (state.desks.get(def.number)?.status === 'paused') continue;
    for (const s of def.services) count.set(s, (count.get(s) ?? 0) + 1);
  }
  return count;
}

export function queuePositions(state: FloorState, now: Millis): Map<string, QueuePosition> {
  const minutes = serviceMinutes(state, now);
  const desks = desksServing(state);
  const positions = new Map<string, QueuePosition>();
  const place = (v: Visit, ahead: number, sharedBy: number) => {
    const rate = (minutes.get(v.service) ?? DEFAULT_SERVICE_MINUTES) / Math.max(1, sharedBy);
    positions.set(v.bookingId, { bookingId: v.bookingId, service: v.service, ahead, waitMinutes: Math.round(ahead * rate), rate });
  };
  for (const def of state.rules.desks) {
    const list = state.deskQueue(def.number)?.values() ?? [];
    list.forEach((v, i) => place(v, i, 1));
  }
  for (const service of state.rules.services) {
    const q = state.queueOf(service.code);
    if (!q) continue;
    const shared = desks.get(service.code) ?? 1;
    q.priority.values().forEach((v, i) => place(v, i, shared));
    const before = q.priority.size;
    q.regular.values().forEach((v, i) => place(v, before + i, shared));
  }
  return positions;
}
