/**
 * Check-in at the kiosk (DESIGN §4): a code from today's bookings of this centre, inside the window
 * around the slot, widened by the time alerts took out of it.
 */
import { frozenTimeWithin } from './alertTime.js';
import { localParts, MINUTE, zonedInstant } from './clock.js';
import { refuse } from './errors.js';
import { DecisionBuilder, type Decision } from './decision.js';
import type { FloorState } from './floorState.js';
import { serviceFrozen } from './shelter.js';
import type { Booking, Millis, Visit } from './types.js';
import { newVisit } from './visit.js';
import { rankOnArrival, slotPosition } from './queueOrder.js';

export interface Ticket {
  bookingId: string;
  code: string;
  number: number;
  priority: boolean;
  service: string;
  /** The slot's local time, HH:MM. */
  time: string;
  /** Desks that serve the service, where the visitor will be called. */
  desks: number[];
  checkedInAt: Millis;
  reprint: boolean;
}

export interface CheckInWindowTimes {
  opensAt: Millis;
  /** The close before widening; the rule adds alert time to it. */
  closesAt: Millis;
}

export function checkInWindow(state: FloorState, booking: Booking): CheckInWindowTimes {
  const slot = zonedInstant(booking.date, booking.time, state.rules.timezone);
  return {
    opensAt: slot - state.rules.checkIn.earliestMinutes * MINUTE,
    closesAt: slot + state.rules.checkIn.latestMinutes * MINUTE,
  };
}

/**
 * When check-in closes for this booking as seen at `now`: the time its service was frozen by alerts
 * in the window is added back (none for a service the shelter serves, shelter.ts).
 */
export function checkInDeadline(state: FloorState, booking: Booking, now: Millis): { deadline: Millis; alertTime: Millis } {
  const { opensAt, closesAt } = checkInWindow(state, booking);
  // Alert time extends the close, and the extension may itself be covered by an alert: grow until stable.
  let deadline = closesAt;
  let alertTime = 0;
  for (let i = 0; i < 8; i++) {
    alertTime = frozenTimeWithin(state.rules, state.alerts, booking.service, opensAt, Math.min(deadline, now), now);
    const next = closesAt + alertTime;
    if (next === deadline) break;
    deadline = next;
  }
  return { deadline, alertTime };
}

export function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function ticketFor(state: FloorState, booking: Booking, visit: Visit, reprint: boolean): Ticket {
  return {
    bookingId: booking.id,
    code: booking.code,
    number: booking.number,
    priority: booking.priority !== null,
    service: visit.service,
    time: booking.time,
    desks: state.rules.desks.filter((d) => d.services.includes(visit.service)).map((d) => d.number),
    checkedInAt: visit.checkedInAt ?? visit.updatedAt,
    reprint,
  };
}

/**
 * `found` is the booking the store has for the code on any day or centre (null when none), so the
 * refusal can say "another day" rather than "unknown".
 */
export function checkIn(state: FloorState, found: Booking | null, now: Millis): Decision<Ticket> {
  const { rules } = state;
  if (!found) return refuse('UNKNOWN_CODE');
  if (found.centre !== rules.centre) return refuse('OTHER_CENTRE', { centre: found.centre });
  if (found.date !== state.day) return refuse('OTHER_DAY', { date: found.date });
  const booking = state.bookings.get(found.id) ?? found;
  if (booking.status === 'cancelled') return refuse('CANCELLED');
  if (serviceFrozen(state, booking.service)) return refuse('ALERT_ACTIVE');
  if (state.suspended.has(booking.service)) return refuse('SERVICE_SUSPENDED', { service: booking.service });

  const existing = state.visits.get(booking.id);
  const b = new DecisionBuilder();
  if (existing) {
    if (existing.state === 'no_show' && existing.noShowReason === 'not_checked_in') {
      return refuse('TOO_LATE', { closedAt: localParts(checkInDeadline(state, booking, now).deadline, rules.timezone).time });
    }
    const reprintable = existing.state !== 'done' && existing.state !== 'no_show';
    if (!reprintable || existing.reprints >= rules.checkIn.reprints) {
      return refuse('ALREADY_CHECKED_IN', { number: booking.number });
    }
    const visit: Visit = { ...existing, reprints: existing.reprints + 1, updatedAt: now };
    b.patch.visits.push(visit);
    b.event('visit.reprinted', now, booking.id, { number: booking.number, reprints: visit.reprints });
    return b.done(ticketFor(state, booking, visit, true));
  }

  const { opensAt } = checkInWindow(state, booking);
  if (now < opensAt) return refuse('TOO_EARLY', { opensAt: localParts(opensAt, rules.timezone).time });
  const { deadline } = checkInDeadline(state, booking, now);
  if (now > deadline) return refuse('TOO_LATE', { closedAt: localParts(deadline, rules.timezone).time });

  const visit = newVisit(booking, state.day, now, {
    state: 'checked_in',
    rank: rankOnArrival(slotPosition(booking), state.cursor(booking.service)),
    checkedInAt: now,
  });
  b.patch.visits.push(visit);
  b.event('visit.checked_in', now, booking.id, { number: booking.number, service: booking.service });
  return b.done(ticketFor(state, booking, visit, false));
}
