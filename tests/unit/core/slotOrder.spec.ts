import { describe, expect, it } from 'vitest';
import {
  bookSameDay, callNext, callNumber, finish, setAlert, slotPosition, transfer,
} from '../../../main/core/index.js';
import { arrive, at, booking, floor, must, serve } from '../../helpers/floor.js';

const wide = { checkIn: { earliestMinutes: 600, latestMinutes: 600, reprints: 1 } };

describe('the floor calls regular visitors in slot order', () => {
  it('a same-day booking for 21:30 is called after the visitor booked for 19:45', () => {
    const evening = [booking(1150, '19:45'), booking(1152, '20:00'), booking(1153, '20:00')];
    const state = floor(evening, wide);
    for (const b of evening) arrive(state, b, '19:30');
    const ticket = must(state, bookSameDay(state, 'DL_EXCHANGE', { id: 'S1', service: 'DL_EXCHANGE', date: state.day, time: '21:30', number: 1020 },
      { kind: 'phone', value: '+380501234567' }, 'SAMEDAY1', at('19:50')));
    expect(ticket.number).toBe(1020);
    expect([1, 2, 3, 4].map((i) => serve(state, 1, `20:0${i}`))).toEqual([1150, 1152, 1153, 1020]);
  });

  it('orders visitors of the same slot by number', () => {
    const bs = [booking(1203, '10:00'), booking(1201, '10:00'), booking(1202, '10:00')];
    const state = floor(bs, wide);
    for (const b of bs) arrive(state, b, '09:30');
    expect([serve(state, 1, '10:00'), serve(state, 1, '10:01'), serve(state, 1, '10:02')]).toEqual([1201, 1202, 1203]);
  });

  it('a desk serving two services takes the earlier slot of the two queues', () => {
    const exam = booking(1300, '10:00', { service: 'THEORY_EXAM' });
    const exchange = booking(1100, '10:30');
    const state = floor([exam, exchange], wide);
    arrive(state, exchange, '09:30');
    arrive(state, exam, '09:31');
    expect(serve(state, 2, '10:00')).toBe(1300);
  });

  it('after the all-clear the next call is the next slot after the one called before the alert, whatever its number', () => {
    const bs = [booking(1055, '10:40'), booking(1099, '10:45'), booking(1056, '11:00')];
    const state = floor(bs, wide);
    for (const b of bs) arrive(state, b, '10:00');
    expect(serve(state, 1, '10:40')).toBe(1055);
    must(state, setAlert(state, true, 'manual', at('10:41')));
    must(state, setAlert(state, false, 'manual', at('12:30')));
    expect(serve(state, 1, '12:31')).toBe(1099);
  });

  it('a late arrival is served right behind the visitor called last, before later slots', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:15'), booking(1002, '10:30'), booking(1003, '10:45')];
    const state = floor(bs, wide);
    for (const b of [bs[0]!, bs[2]!, bs[3]!]) arrive(state, b, '09:30');
    expect(serve(state, 1, '10:00')).toBe(1000);
    expect(serve(state, 1, '10:30')).toBe(1002);
    arrive(state, bs[1]!, '10:31');
    expect(serve(state, 1, '10:32')).toBe(1001);
    expect(serve(state, 1, '10:45')).toBe(1003);
  });

  it('a transferred visitor is called next in the new service and does not move its cursor', () => {
    const moved = booking(1400, '11:30');
    const exam = [booking(1300, '10:00', { service: 'THEORY_EXAM' }), booking(1301, '10:30', { service: 'THEORY_EXAM' })];
    const state = floor([moved, ...exam], wide);
    for (const b of [moved, ...exam]) arrive(state, b, '09:30');
    expect(serve(state, 3, '10:00')).toBe(1300);
    must(state, callNext(state, 1, at('10:01')));
    must(state, transfer(state, 1, { service: 'THEORY_EXAM' }, at('10:05')));
    expect(serve(state, 3, '10:06')).toBe(1400);
    expect(state.cursor('THEORY_EXAM')).toBe(slotPosition(exam[0]!));
    expect(serve(state, 3, '10:30')).toBe(1301);
  });

  it('a chosen number called out of order moves the cursor to its slot, so the order goes on from there', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:15'), booking(1002, '10:30')];
    const state = floor(bs, wide);
    for (const b of bs) arrive(state, b, '09:30');
    must(state, callNumber(state, 1, 1001, at('10:00')));
    must(state, finish(state, 1, at('10:01')));
    expect(state.cursor('DL_EXCHANGE')).toBe(slotPosition(bs[1]!));
    expect(serve(state, 1, '10:02')).toBe(1000);
    expect(serve(state, 1, '10:03')).toBe(1002);
  });

  it('a priority visitor still goes to the first free desk, ahead of earlier slots', () => {
    const regular = booking(1000, '09:00');
    const prio = booking(2, '12:00', { priority: 'disability' });
    const state = floor([regular, prio], wide);
    arrive(state, regular, '08:30');
    arrive(state, prio, '08:31');
    expect(serve(state, 1, '09:00')).toBe(2);
  });

  it('keeps the cancelled holder of a number from hiding the active booking that took its seat', () => {
    const cancelled = booking(1010, '10:00', { status: 'cancelled' });
    const rebooked = booking(1010, '10:00');
    const state = floor([rebooked, cancelled], wide);
    expect(state.bookingByNumber.get(1010)).toBe(rebooked.id);
  });
});
