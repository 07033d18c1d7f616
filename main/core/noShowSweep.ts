/**
 * Bookings whose check-in window ended without a check-in become no-shows. The no-show clock runs
 * only for those who can be served: during an alert it stops unless the visitor could check in at a
 * shelter kiosk and be called at a shelter desk (shelter.ts), and a window an alert froze is widened and marked excused, so nobody is counted
 * absent for time spent in the shelter.
 */
import { checkInDeadline } from './checkIn.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import { checkInFrozen } from './shelter.js';
import type { Millis } from './types.js';
import { newVisit } from './visit.js';
import { slotPosition } from './queueOrder.js';

export function sweepNoShows(state: FloorState, now: Millis): Decision<{ marked: number }> {
  const b = new DecisionBuilder();
  for (const booking of state.bookings.values()) {
    if (booking.status !== 'active' || state.visits.has(booking.id)) continue;
    if (checkInFrozen(state, booking.service)) continue;
    const { deadline, alertTime } = checkInDeadline(state, booking, now);
    if (now <= deadline) continue;
    const visit = newVisit(booking, state.day, now, {
      state: 'no_show',
      rank: slotPosition(booking),
      finishedAt: now,
      noShowReason: 'not_checked_in',
      excused: alertTime > 0,
    });
    b.patch.visits.push(visit);
    b.event('visit.no_show', now, booking.id, { number: booking.number, reason: 'not_checked_in', excused: visit.excused });
  }
  return b.done({ marked: b.patch.visits.length });
}
