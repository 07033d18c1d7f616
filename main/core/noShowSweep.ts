/**
 * Bookings whose check-in window ended without a check-in become no-shows. The no-show clock stops
 * during a freeze, and a window an alert cut into is marked excused, so nobody is counted absent for
 * time spent in the shelter.
 */
import { checkInDeadline } from './checkIn.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import type { Millis, Visit } from './types.js';

export function sweepNoShows(state: FloorState, now: Millis): Decision<{ marked: number }> {
  const b = new DecisionBuilder();
  if (state.frozen) return b.done({ marked: 0 });
  for (const booking of state.bookings.values()) {
    if (booking.status !== 'active' || state.visits.has(booking.id)) continue;
    const { deadline, alertTime } = checkInDeadline(state, booking, now);
    if (now <= deadline) continue;
    const visit: Visit = {
      bookingId: booking.id,
      day: state.day,
      number: booking.number,
      priority: booking.priority !== null,
      service: booking.service,
      state: 'no_show',
      desk: null,
      targetDesk: null,
      rank: booking.number,
      checkedInAt: null,
      calledAt: null,
      startedAt: null,
      finishedAt: now,
      recalls: 0,
      reprints: 0,
      pausedFrom: null,
      noShowReason: 'not_checked_in',
      excused: alertTime > 0,
      transfers: 0,
      updatedAt: now,
    };
    b.patch.visits.push(visit);
    b.event('visit.no_show', now, booking.id, { number: booking.number, reason: 'not_checked_in', excused: visit.excused });
  }
  return b.done({ marked: b.patch.visits.length });
}
