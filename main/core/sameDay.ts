/**
 * Same-day bookings at the kiosk (DESIGN §4) and licence pickup tickets. Both make a local booking
 * (channel terminal), its checked-in visit and the `booking.created` event for central in one
 * decision, so they work offline and are reported once the link is back.
 */
import { ticketFor, type Ticket } from './checkIn.js';
import { localParts } from './clock.js';
import { DecisionBuilder, type Decision } from './decision.js';
import { refuse } from './errors.js';
import type { FloorState } from './floorState.js';
import { nextNumber } from './numbering.js';
import { rankOnArrival, slotPosition } from './queueOrder.js';
import { serviceFrozen } from './shelter.js';
import type { Booking, Millis, Visit } from './types.js';

/** A seat of the terminal pool central delegated, with the number it reserved for it. */
export interface PoolSeat {
  id: string;
  service: string;
  date: string;
  time: string;
  number: number;
}

export interface LicenceAtHand {
  applicationNumber: string;
  status: 'sent' | 'received' | 'in_work' | 'produced' | 'refused';
  pickupHere: boolean;
}

export const terminalBookingId = (seatId: string) => `T-${seatId}`;
export const pickupBookingId = (centre: string, applicationNumber: string) => `P-${centre}-${applicationNumber}`;
/** A pickup ticket has no booking time: its booking's time is only when it was issued. */
export const isPickupBooking = (bookingId: string) => bookingId.startsWith('P-');

function arrive(state: FloorState, booking: Booking, now: Millis): Visit {
  return {
    bookingId: booking.id, day: state.day, number: booking.number, priority: false, service: booking.service,
    state: 'checked_in', desk: null, targetDesk: null, rank: rankOnArrival(slotPosition(booking), state.cursor(booking.service)),
    checkedInAt: now, calledAt: null, startedAt: null, finishedAt: null, recalls: 0, reprints: 0, pausedFrom: null,
    noShowReason: null, excused: false, transfers: 0, updatedAt: now,
  };
}

/**
 * The number the seat reserved, unless the floor already has it; then the next of the day (numbering.ts),
 * and never one below `firstFree`: central numbers every seat of a day when it opens, so a ticket
 * without a seat takes a number past them all, not one a seat still holds.
 */
function numberFor(state: FloorState, reserved: number | null, firstFree: number | null = null): number {
  if (reserved !== null && !state.bookingByNumber.has(reserved)) return reserved;
  let n = Math.max(nextNumber(state.bookingByNumber.keys(), false), firstFree ?? 0);
  while (state.bookingByNumber.has(n)) n++;
  return n;
}

function open(state: FloorState, service: string) {
  if (!state.serviceDef(service)) return refuse('UNKNOWN_SERVICE', { service });
  if (serviceFrozen(state, service)) return refuse('ALERT_ACTIVE');
  if (state.suspended.has(service)) return refuse('SERVICE_SUSPENDED', { service });
  return null;
}

/** The terminal's per-person limit on same-day bookings (config `sameDay`). */
export interface SameDayLimit {
  /** Bookings per person per service per day (default 1). */
  perService: number;
  /** Bookings per person per day, all services together; null for no limit beyond per service. */
  perDay: number | null;
}

export const DEFAULT_SAME_DAY_LIMIT: SameDayLimit = { perService: 1, perDay: null };

/** What the person already booked today at this centre's terminal: for the service asked, and in all. */
export interface BookedByPerson {
  service: number;
  day: number;
}

/**
 * Books `seat` for a person at the kiosk. `seat` is null when the pool has no free seat for the
 * service today; `code` is the new booking's code (random, made by the caller); `booked` is what the
 * person already booked today at the terminal (the hub counts it from its own store, so the limit
 * holds offline too).
 */
export function bookSameDay(
  state: FloorState,
  service: string,
  seat: PoolSeat | null,
  person: { kind: string; value: string },
  code: string,
  now: Millis,
  booked: BookedByPerson = { service: 0, day: 0 },
  limit: SameDayLimit = DEFAULT_SAME_DAY_LIMIT,
): Decision<Ticket> {
  const closed = open(state, service);
  if (closed) return closed;
  if (booked.service >= limit.perService) return refuse('SAME_DAY_LIMIT', { limit: limit.perService });
  if (limit.perDay !== null && booked.day >= limit.perDay) return refuse('SAME_DAY_DAILY_LIMIT', { limit: limit.perDay });
  if (!seat || seat.date !== state.day || seat.service !== service || state.bookings.has(terminalBookingId(seat.id))) return refuse('NO_FREE_SLOT');
  const booking: Booking = {
    id: terminalBookingId(seat.id), code, centre: state.rules.centre, service, date: state.day, time: seat.time,
    number: numberFor(state, seat.number), priority: null, channel: 'terminal', status: 'active', version: 0,
  };
  const visit = arrive(state, booking, now);
  const b = new DecisionBuilder();
  b.patch.bookings.push(booking);
  b.patch.visits.push(visit);
  b.event('booking.created', now, booking.id, {
    slot: seat.id, code, service, date: booking.date, time: booking.time, number: booking.number, channel: 'terminal', person,
  });
  b.event('visit.checked_in', now, booking.id, { number: booking.number, service });
  return b.done(ticketFor(state, booking, visit, false));
}

/**
 * A ticket to pick up a produced licence waiting at this centre: queued at once under `service`.
 * `firstFree` is the day's first number past its seats, as central last said (null offline from the start).
 */
export function pickupTicket(
  state: FloorState, licence: LicenceAtHand | null, service: string, code: string, now: Millis, firstFree: number | null = null,
): Decision<Ticket> {
  if (!licence) return refuse('UNKNOWN_APPLICATION');
  const id = pickupBookingId(state.rules.centre, licence.applicationNumber);
  const had = state.bookings.get(id);
  if (had) return refuse('ALREADY_CHECKED_IN', { number: had.number });
  if (licence.status !== 'produced' || !licence.pickupHere) return refuse('LICENCE_NOT_HERE', { status: licence.status });
  const closed = open(state, service);
  if (closed) return closed;
  const booking: Booking = {
    id, code, centre: state.rules.centre, service, date: state.day, time: localParts(now, state.rules.timezone).time,
    number: numberFor(state, null, firstFree), priority: null, channel: 'terminal', status: 'active', version: 0,
  };
  const visit = arrive(state, booking, now);
  const b = new DecisionBuilder();
  b.patch.bookings.push(booking);
  b.patch.visits.push(visit);
  b.event('booking.created', now, id, {
    slot: null, application: licence.applicationNumber, code, service, date: booking.date, time: booking.time, number: booking.number, channel: 'terminal',
  });
  b.event('visit.checked_in', now, id, { number: booking.number, service });
  b.event('licence.picked_up', now, id, { applicationNumber: licence.applicationNumber });
  return b.done(ticketFor(state, booking, visit, false));
}
