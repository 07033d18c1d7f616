/**
 * Where every waiting visitor stands, for all of them in one pass: the batch form of
 * `peopleAhead` and `estimatedWait` (estimate.ts), by the same rules and the same measured service
 * time, for the live tickets, which need thousands of them after every call. A test holds the two
 * to the same answers.
 */
import { desksFor, serviceTimeMs, targetedFor } from './estimate.js';
import type { FloorState } from './floorState.js';
import type { Millis, Visit } from './types.js';

export interface QueuePosition {
  bookingId: string;
  service: string;
  /** People who will be called before this one (estimate.ts `peopleAhead`). */
  ahead: number;
  /** Estimated whole minutes until the call (estimate.ts `estimatedWait`). */
  waitMinutes: number;
  /** Minutes each person ahead adds, and the minutes added whatever is ahead (every desk busy). */
  rate: number;
  extra: number;
}

export function queuePositions(state: FloorState, now: Millis): Map<string, QueuePosition> {
  const each = new Map<string, number>();
  const eachOf = (service: string) => {
    let ms = each.get(service);
    if (ms === undefined) each.set(service, (ms = serviceTimeMs(state, service, now)));
    return ms;
  };
  const positions = new Map<string, QueuePosition>();
  const place = (v: Visit, ahead: number) => {
    const desks = desksFor(state, v);
    if (desks.length === 0) return;
    const ms = eachOf(v.service);
    const allBusy = desks.every((d) => state.desks.get(d)?.current != null || state.desks.get(d)?.status === 'paused');
    const rate = ms / desks.length / 60_000;
    const extra = allBusy ? ms / 2 / 60_000 : 0;
    positions.set(v.bookingId, { bookingId: v.bookingId, service: v.service, ahead, waitMinutes: Math.ceil(ahead * rate + extra), rate, extra });
  };
  for (const def of state.rules.desks) (state.deskQueue(def.number)?.values() ?? []).forEach((v, i) => place(v, i));
  for (const service of state.rules.services) {
    const q = state.queueOf(service.code);
    if (!q) continue;
    const targeted = targetedFor(state, service.code);
    q.priority.values().forEach((v, i) => place(v, targeted + i));
    const before = targeted + q.priority.size;
    q.regular.values().forEach((v, i) => place(v, before + i));
  }
  return positions;
}
