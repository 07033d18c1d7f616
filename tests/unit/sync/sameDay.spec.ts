import { describe, expect, it } from 'vitest';
import { bookSameDay, pickupTicket } from '../../../main/core/sameDay.js';
import { setAlert } from '../../../main/core/alert.js';
import { at, booking, DAY, floor, must } from '../../helpers/floor.js';

const seat = (number: number, time = '11:00') => ({ id: `8041-${DAY}-DL_EXCHANGE-${time.replace(':', '')}`, service: 'DL_EXCHANGE', date: DAY, time, number });
const person = { kind: 'phone', value: '+380501234567' };

describe('same-day booking from the terminal pool', () => {
  it('makes a terminal booking with the seat’s number, its checked-in visit and the event for central in one decision', () => {
    const s = floor([booking(1000, '10:00')]);
    const d = bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'TCODE0001', at('10:30'));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.patch.bookings).toMatchObject([{ id: `T-${seat(1003).id}`, channel: 'terminal', number: 1003, time: '11:00', code: 'TCODE0001' }]);
    expect(d.patch.visits).toMatchObject([{ state: 'checked_in', number: 1003, checkedInAt: at('10:30') }]);
    expect(d.events.map((e) => e.type)).toEqual(['booking.created', 'visit.checked_in']);
    expect(d.events[0]!.data).toMatchObject({ slot: seat(1003).id, number: 1003, person });
    expect(d.result).toMatchObject({ number: 1003, service: 'DL_EXCHANGE', time: '11:00' });
  });

  it('takes the next number of the day (core numbering) when the reserved one is already on the floor', () => {
    const s = floor([booking(1000, '10:00'), booking(1003, '10:30')]);
    const d = bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'TCODE0001', at('10:30'));
    expect(d.ok && d.result.number).toBe(1004);
  });

  it('refuses with no free seat, during an alert freeze, and for a seat already booked here', () => {
    const s = floor([]);
    expect(bookSameDay(s, 'DL_EXCHANGE', null, person, 'C0DE1', at('10:30'))).toMatchObject({ ok: false, error: { code: 'NO_FREE_SLOT' } });
    const booked = bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'C0DE2', at('10:30'));
    must(s, booked);
    expect(bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'C0DE3', at('10:31'))).toMatchObject({ ok: false, error: { code: 'NO_FREE_SLOT' } });
    must(s, setAlert(s, true, 'manual', at('10:40')));
    expect(bookSameDay(s, 'DL_EXCHANGE', seat(1007, '12:00'), person, 'C0DE4', at('10:41'))).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
  });
});

describe('the per-person limit on same-day bookings', () => {
  it('refuses a person who already has as many bookings of the service today as the limit allows, naming the limit', () => {
    const s = floor([]);
    const d = bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'C0DE1', at('10:30'), { service: 1, day: 1 }, { perService: 1, perDay: null });
    expect(d).toMatchObject({ ok: false, error: { code: 'SAME_DAY_LIMIT', params: { limit: 1 } } });
    expect(bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'C0DE1', at('10:30'), { service: 1, day: 1 }, { perService: 2, perDay: null }).ok).toBe(true);
  });

  it('refuses past the limit per day across services, when one is set', () => {
    const s = floor([]);
    const d = bookSameDay(s, 'DL_EXCHANGE', seat(1003), person, 'C0DE1', at('10:30'), { service: 0, day: 2 }, { perService: 1, perDay: 2 });
    expect(d).toMatchObject({ ok: false, error: { code: 'SAME_DAY_DAILY_LIMIT', params: { limit: 2 } } });
  });
});

describe('licence pickup tickets', () => {
  it('numbers a pickup ticket past every seat of the day, not right after the highest number booked', () => {
    const s = floor([booking(1000, '10:00')]);
    const d = pickupTicket(s, { applicationNumber: 'DL-2026-0001', status: 'produced', pickupHere: true }, 'DL_EXCHANGE', 'PCODE0001', at('10:30'), 1240);
    expect(d.ok && d.result.number).toBe(1240);
  });

  const produced = { applicationNumber: 'DL-2026-0001', status: 'produced' as const, pickupHere: true };

  it('queues a produced licence waiting here, once, and tells central it was picked up', () => {
    const s = floor([]);
    const d = pickupTicket(s, produced, 'DL_EXCHANGE', 'PCODE0001', at('10:30'));
    expect(d.ok && d.events.map((e) => e.type)).toEqual(['booking.created', 'visit.checked_in', 'licence.picked_up']);
    expect(d.ok && d.result).toMatchObject({ number: 1000, time: '10:30' });
    must(s, d);
    expect(pickupTicket(s, produced, 'DL_EXCHANGE', 'PCODE0002', at('10:31'))).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN', params: { number: 1000 } } });
  });

  it('refuses an unknown application and one not waiting here', () => {
    const s = floor([]);
    expect(pickupTicket(s, null, 'DL_EXCHANGE', 'P1', at('10:30'))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_APPLICATION' } });
    expect(pickupTicket(s, { ...produced, status: 'in_work' }, 'DL_EXCHANGE', 'P1', at('10:30'))).toMatchObject({ ok: false, error: { code: 'LICENCE_NOT_HERE', params: { status: 'in_work' } } });
  });
});
