/**
 * The Е-запис rules for a citizen's own booking and cancellation (DESIGN §1). Each refusal is a code
 * with a Ukrainian message (refusals.ts). Limits are counted at the moment of booking:
 * - an individual: at most 4 online/app bookings made in a calendar month, cancelled ones included;
 * - a legal entity (EDRPOU): at most 4 made in a day;
 * - an exam retake: at least 10 days from any other (not cancelled) booking of the same exam;
 * - priority: at most once a day per service type for the person;
 * - blocked after 4 counted no-shows in a calendar month until a centre unblocks in person;
 * - nothing before the centre's cut-over date (the old system's).
 */
import { localParts, zonedInstant } from '../../main/core/clock.js';
import type { WireBooking } from '../protocol/booking.js';
import type { CitizenBookRequest } from '../protocol/central.js';
import { addDays, daysBetween, lastOpenDate } from './calendar.js';
import { personKey, type Central } from './central.js';
import { refuse } from './refusals.js';
import { freeSeat, takeSeat } from './seats.js';

export const MONTHLY_LIMIT = 4;
export const LEGAL_DAILY_LIMIT = 4;
export const RETAKE_DAYS = 10;
export const CANCEL_CUTOFF_MS = 2 * 3600_000;
export const NO_SHOWS_TO_BLOCK = 4;

type Request = Omit<CitizenBookRequest, 'challenge' | 'nonce'> & { priority?: WireBooking['priority']; channel?: 'online' | 'app' };

export function isBlocked(central: Central, person: string): boolean {
  const row = central.sql('SELECT unblocked_at FROM blocks WHERE person = ?').get(person) as { unblocked_at: number | null } | undefined;
  return row !== undefined && row.unblocked_at === null;
}

export function bookOnline(central: Central, req: Request): WireBooking {
  const { db } = central;
  const now = central.now();
  const c = central.centre(req.centre);
  const service = central.sql('SELECT code, exam FROM services WHERE centre = ? AND code = ?').get(req.centre, req.service) as { code: string; exam: number } | undefined;
  if (!service) refuse('NO_SUCH_SERVICE');
  if (c.cutover && req.date < c.cutover) refuse('OLD_SYSTEM', { cutover: c.cutover });
  central.ensureOpen(now);
  if (req.date > lastOpenDate(now, c.timezone)) refuse('NOT_OPEN_YET');
  if (zonedInstant(req.date, req.time, c.timezone) <= now) refuse('SLOT_PAST');

  const person = personKey(req.person);
  const priority = req.priority ?? null;
  return db.transaction((): WireBooking => {
    if (isBlocked(central, person)) refuse('BLOCKED');
    const today = localParts(now, c.timezone).date;
    if (req.person.kind === 'edrpou') {
      const made = central.sql("SELECT count(*) FROM bookings WHERE person = ? AND created_day = ? AND channel != 'terminal'").pluck().get(person, today) as number;
      if (made >= LEGAL_DAILY_LIMIT) refuse('DAILY_LIMIT');
    } else {
      const made = central.sql("SELECT count(*) FROM bookings WHERE person = ? AND created_month = ? AND channel != 'terminal'").pluck().get(person, today.slice(0, 7)) as number;
      if (made >= MONTHLY_LIMIT) refuse('MONTHLY_LIMIT');
    }
    if (service!.exam) {
      const others = central.sql("SELECT date FROM bookings WHERE person = ? AND service = ? AND status = 'active'").pluck().all(person, req.service) as string[];
      const clash = others.filter((d) => Math.abs(daysBetween(d, req.date)) < RETAKE_DAYS).sort().pop();
      if (clash) refuse('RETAKE_TOO_SOON', { date: addDays(clash, RETAKE_DAYS) });
    }
    if (priority) {
      const had = central.sql("SELECT 1 FROM bookings WHERE person = ? AND service = ? AND date = ? AND priority IS NOT NULL AND status = 'active'").get(person, req.service, req.date);
      if (had) refuse('PRIORITY_ONCE');
    }
    const slot = central.sql('SELECT capacity, booked FROM slots WHERE centre = ? AND service = ? AND date = ? AND time = ?').get(req.centre, req.service, req.date, req.time) as
      | { capacity: number; booked: number }
      | undefined;
    if (!slot) refuse('NO_SUCH_SLOT');
    if (slot.booked >= slot.capacity) refuse('SLOT_TAKEN');
    central.sql('UPDATE slots SET booked = booked + 1 WHERE centre = ? AND service = ? AND date = ? AND time = ?').run(req.centre, req.service, req.date, req.time);
    // The booking takes its seat's number (seats.ts); a priority one holds the seat but keeps its own sequence.
    const seatId = `seat-${central.nextChangeSeq()}`;
    const seatNumber = takeSeat(central, req.centre, req.date, req.service, req.time, seatId) ?? refuse('SLOT_TAKEN');
    const number = priority !== null ? central.takeNumber(req.centre, req.date, true) : seatNumber;
    const id = central.bookingId(req.centre, req.date, priority ? `P${number}` : String(number));
    central.sql('UPDATE seats SET booking = ? WHERE booking = ?').run(id, seatId);
    const booking: WireBooking = {
      id,
      code: central.newCode(),
      centre: req.centre,
      service: req.service,
      date: req.date,
      time: req.time,
      number,
      priority,
      channel: req.channel ?? 'online',
      status: 'active',
      version: 1,
    };
    central.insertBooking(booking, person);
    return booking;
  }).immediate();
}

/** Cancels by id and the booking's code; refused within 2 hours of the slot. */
export function cancelOnline(central: Central, id: string, code: string): WireBooking {
  const { db } = central;
  return db.transaction((): WireBooking => {
    const b = central.booking(id);
    if (!b) refuse('NO_SUCH_BOOKING');
    if (b.code !== code) refuse('WRONG_CODE');
    if (b.status === 'cancelled') refuse('ALREADY_CANCELLED');
    const c = central.centre(b.centre);
    if (c.cutover && b.date < c.cutover) refuse('OLD_SYSTEM', { cutover: c.cutover });
    if (central.now() > zonedInstant(b.date, b.time, c.timezone) - CANCEL_CUTOFF_MS) refuse('CANCEL_TOO_LATE');
    cancelBooking(central, b);
    return stripped(central.booking(id)!);
  }).immediate();
}

/**
 * Cancels a booking centrally (also the operator's action); the monthly count keeps it. The seat, and
 * with it its number, is free again, unless the citizen already came: a ticket with that number exists.
 */
export function cancelBooking(central: Central, b: WireBooking & { attended: number }): void {
  central.touchBooking(b.id, "status = 'cancelled', cancelled_after_visit = ?", [b.attended]);
  if (b.attended === 1) return;
  freeSeat(central, b.id);
  central.sql('UPDATE slots SET booked = max(booked - 1, 0) WHERE centre = ? AND service = ? AND date = ? AND time = ?').run(b.centre, b.service, b.date, b.time);
}

export function stripped(b: WireBooking & Record<string, unknown>): WireBooking {
  const { id, code, centre, service, date, time, number, priority, channel, status, version } = b;
  return { id, code, centre, service, date, time, number, priority, channel, status, version };
}

export function freeSlots(central: Central, centre: string, date: string) {
  central.centre(centre);
  central.ensureOpen();
  return central.db
    .prepare('SELECT service, date, time, capacity - booked AS free FROM slots WHERE centre = ? AND date = ? AND booked < capacity ORDER BY time, service')
    .all(centre, date) as { service: string; date: string; time: string; free: number }[];
}
