/**
 * The floor as each live ticket sees it, built once per change for every ticket at once: the
 * positions come from core (one pass over the queues), the shared part (the newest calls, the
 * alert, how many each queue has called) is the same for every ticket and travels once.
 */
import type { FloorState } from '../../core/floorState.js';
import { queuePositions } from '../../core/queuePositions.js';
import type { Millis, Visit } from '../../core/types.js';
import {
  composeLiveTicket, type LiveCall, type LiveFloor, type LiveOwn, type LiveState, type LiveTicket, type ProgressRequest,
} from '../../../sync/protocol/liveTicket.js';

const CALLS_SHOWN = 6;

function liveState(v: Visit): LiveState {
  switch (v.state) {
    case 'checked_in':
    case 'transferred':
      return 'waiting';
    default:
      return v.state;
  }
}

export interface FloorPicture {
  at: Millis;
  day: string;
  floor: LiveFloor;
  frozen: boolean;
  /** A ticket's own part, or null for a booking with no visit today. */
  own(bookingId: string): LiveOwn | null;
  /** The whole ticket as its page shows it. */
  ticket(bookingId: string): LiveTicket | null;
  services: ProgressRequest['services'];
}

export function floorPicture(state: FloorState, now: Millis): FloorPicture {
  const positions = queuePositions(state, now);
  const calls: LiveCall[] = [];
  const seen = new Set<number>();
  // Newest first, one row per number: a recall refreshes the row instead of adding one.
  for (let i = state.recentCalls.length - 1; i >= 0 && calls.length < CALLS_SHOWN; i--) {
    const c = state.recentCalls[i]!;
    const key = c.priority ? -c.number : c.number;
    if (seen.has(key)) continue;
    seen.add(key);
    calls.push({ number: c.number, priority: c.priority, desk: c.desk, at: c.at });
  }
  const alert = state.alert;
  const frozen = state.frozen;
  const called: Record<string, number> = {};
  for (const s of state.rules.services) called[s.code] = 0;
  for (const v of state.visits.values()) {
    if (v.calledAt !== null && v.state !== 'checked_in' && v.state !== 'transferred') called[v.service] = (called[v.service] ?? 0) + 1;
  }
  const frozenBy: Record<string, boolean> = {};
  for (const s of state.rules.services) frozenBy[s.code] = frozen;
  const floor: LiveFloor = { calls, alert: { active: alert.active, since: alert.since }, called, frozen: frozenBy, at: now };
  const servingOf = new Map<string, number>();
  for (const c of state.recentCalls) if (!c.priority) servingOf.set(c.service, c.number);
  const waiting = state.waitingByService();
  const firstWait = new Map<string, number>();
  for (const p of positions.values()) {
    const best = firstWait.get(p.service);
    if (best === undefined || p.waitMinutes < best) firstWait.set(p.service, p.waitMinutes);
  }
  const own = (bookingId: string): LiveOwn | null => {
    const v = state.visits.get(bookingId);
    if (!v) return null;
    const service = state.serviceDef(v.service) ?? { code: v.service, uk: v.service, en: v.service };
    const position = positions.get(bookingId);
    const live = liveState(v);
    return {
      number: v.number,
      priority: v.priority,
      service: { code: service.code, uk: service.uk, en: service.en },
      state: live,
      ahead: live === 'waiting' ? (position?.ahead ?? 0) : null,
      base: called[v.service] ?? 0,
      rate: position?.rate ?? 0,
      extra: position?.extra ?? 0,
      desk: live === 'called' || live === 'serving' || live === 'paused' ? v.desk : null,
      frozen,
      at: now,
    };
  };
  return {
    at: now,
    day: state.day,
    floor,
    frozen,
    own,
    ticket(bookingId) {
      const o = own(bookingId);
      return o ? composeLiveTicket(o, floor) : null;
    },
    services: state.rules.services.map((s) => ({
      service: s.code,
      uk: s.uk,
      en: s.en,
      serving: servingOf.get(s.code) ?? (state.cursor(s.code) > 0 ? state.cursor(s.code) : null),
      waiting: waiting[s.code] ?? 0,
      waitMinutes: firstWait.get(s.code) ?? null,
      frozen,
    })),
  };
}
