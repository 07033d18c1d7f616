/**
 * The floor as each live ticket sees it, built once per change for every ticket at once: the
 * positions come from core (one pass over the queues), the rest is the shared part of the hall
 * board (the newest calls, the alert) that every ticket shows alike.
 */
import type { FloorState } from '../../core/floorState.js';
import { queuePositions } from '../../core/queuePositions.js';
import type { Millis, Visit } from '../../core/types.js';
import type { LiveCall, LiveState, LiveTicket, ProgressRequest } from '../../../sync/protocol/liveTicket.js';

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
  calls: LiveCall[];
  alert: { active: boolean; since: Millis | null };
  frozen: boolean;
  /** The ticket of one booking of today, or null for one that has no visit. */
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
  const servingOf = new Map<string, number>();
  for (const c of state.recentCalls) if (!c.priority) servingOf.set(c.service, c.number);
  const waiting = state.waitingByService();
  const firstWait = new Map<string, number>();
  for (const p of positions.values()) {
    const best = firstWait.get(p.service);
    if (best === undefined || p.waitMinutes < best) firstWait.set(p.service, p.waitMinutes);
  }
  return {
    at: now,
    day: state.day,
    calls,
    alert: { active: alert.active, since: alert.since },
    frozen,
    services: state.rules.services.map((s) => ({
      service: s.code,
      uk: s.uk,
      en: s.en,
      serving: servingOf.get(s.code) ?? (state.cursor(s.code) > 0 ? state.cursor(s.code) : null),
      waiting: waiting[s.code] ?? 0,
      waitMinutes: firstWait.get(s.code) ?? null,
      frozen,
    })),
    ticket(bookingId) {
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
        waitMinutes: live === 'waiting' ? (position?.waitMinutes ?? null) : null,
        desk: live === 'called' || live === 'serving' || live === 'paused' ? v.desk : null,
        calls,
        alert: { active: alert.active, since: alert.since, frozen },
        updatedAt: now,
      };
    },
  };
}
