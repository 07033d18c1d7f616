import type { Booking, Millis, Visit } from './types.js';

/** The first visit row of a booking: nothing has happened yet but what `fields` says. */
export function newVisit(booking: Booking, day: string, now: Millis, fields: Pick<Visit, 'state' | 'rank'> & Partial<Visit>): Visit {
  return {
    bookingId: booking.id,
    day,
    number: booking.number,
    priority: booking.priority !== null,
    service: booking.service,
    desk: null,
    targetDesk: null,
    checkedInAt: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recalls: 0,
    reprints: 0,
    pausedFrom: null,
    noShowReason: null,
    excused: false,
    transfers: 0,
    updatedAt: now,
    ...fields,
  };
}
