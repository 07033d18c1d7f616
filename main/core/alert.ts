/**
 * The air-raid alert freeze (DESIGN §4). While it lasts, visits at the hall's desks are paused and
 * those desks cannot call; desks in the shelter (shelter.ts) go on serving. The all-clear puts the
 * paused visits back as they were.
 */
import { refuse } from './errors.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import { deskInShelter, shelterDesks } from './shelter.js';
import type { AlertState, Millis, Visit } from './types.js';

export function setAlert(state: FloorState, active: boolean, source: string, now: Millis): Decision<AlertState> {
  if (state.alert.active === active) return refuse('ALERT_UNCHANGED');
  const b = new DecisionBuilder();
  if (active) {
    const sheltered = shelterDesks(state.rules);
    const freezes = sheltered.length < state.rules.desks.length;
    b.patch.alert = { kind: 'start', at: now, source };
    b.event('alert.started', now, null, { source, freezes, shelterDesks: sheltered });
    for (const v of state.visits.values()) {
      if (v.state !== 'called' && v.state !== 'serving') continue;
      if (v.desk !== null && deskInShelter(state.rules, v.desk)) continue;
      const paused: Visit = { ...v, state: 'paused', pausedFrom: v.state, updatedAt: now };
      b.patch.visits.push(paused);
      b.event('visit.paused', now, v.bookingId, { number: v.number, desk: v.desk, from: v.state });
    }
    return b.done({ active: true, since: now, source });
  }
  const since = state.alert.since ?? now;
  b.patch.alert = { kind: 'end', at: now, source };
  b.event('alert.ended', now, null, { source, since, minutes: Math.round((now - since) / 60_000) });
  for (const v of state.visits.values()) {
    if (v.state !== 'paused') continue;
    const resumed: Visit = { ...v, state: v.pausedFrom ?? 'called', pausedFrom: null, updatedAt: now };
    b.patch.visits.push(resumed);
    b.event('visit.resumed', now, v.bookingId, { number: v.number, desk: v.desk, to: resumed.state });
  }
  return b.done({ active: false, since: null, source: null });
}
