import { describe, expect, it } from 'vitest';
import { callNext, callNumber, setAlert, slotPosition } from '../../../main/core/index.js';
import { arrive, at, booking, floor, must, refusal, serve } from '../../helpers/floor.js';

describe('call next', () => {
  it('calls the lowest number waiting for the desk’s services', () => {
    const bs = [booking(1002, '10:00'), booking(1000, '10:00'), booking(1001, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    expect(serve(state, 1, '09:40')).toBe(1000);
    expect(serve(state, 1, '09:41')).toBe(1001);
    expect(serve(state, 1, '09:42')).toBe(1002);
  });

  it('calls a priority visitor first, at the first free desk serving the service', () => {
    const regular = booking(1000, '10:00');
    const prio = booking(3, '10:30', { priority: 'military' });
    const state = floor([regular, prio]);
    arrive(state, regular, '09:30');
    arrive(state, prio, '09:35');
    const r = must(state, callNext(state, 2, at('09:40')));
    expect(r.call).toMatchObject({ number: 3, priority: true, desk: 2 });
  });

  it('calls priority visitors in the order they arrived', () => {
    const p5 = booking(5, '10:00', { priority: 'disability' });
    const p2 = booking(2, '10:00', { priority: 'disability' });
    const state = floor([p5, p2]);
    arrive(state, p5, '09:30');
    arrive(state, p2, '09:31');
    expect(serve(state, 1, '09:40')).toBe(5);
  });

  it('takes only services the desk serves', () => {
    const exam = booking(1000, '10:00', { service: 'THEORY_EXAM' });
    const state = floor([exam]);
    arrive(state, exam, '09:30');
    expect(refusal(callNext(state, 1, at('09:40')))).toBe('QUEUE_EMPTY');
    expect(serve(state, 3, '09:40')).toBe(1000);
  });

  it('serves a late arrival next, in number order, rather than after the whole queue', () => {
    const bs = [1000, 1001, 1002, 1003, 1004].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs.filter((b) => b.number !== 1001)) arrive(state, b, '09:30');
    expect(serve(state, 1, '09:40')).toBe(1000);
    expect(serve(state, 1, '09:41')).toBe(1002);
    arrive(state, bs[1]!, '09:42');
    expect(serve(state, 1, '09:43')).toBe(1001);
    expect(serve(state, 1, '09:44')).toBe(1003);
  });

  it('moves the cursor of a service to the place in slot order of the regular visitor called', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    serve(state, 1, '09:40');
    expect(state.cursor('DL_EXCHANGE')).toBe(slotPosition(bs[0]!));
  });

  it('says the queue is empty when nobody waits', () => {
    expect(refusal(callNext(floor([]), 1, at('09:40')))).toBe('QUEUE_EMPTY');
  });

  it('refuses a desk that still has a visitor', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    must(state, callNext(state, 1, at('09:40')));
    expect(refusal(callNext(state, 1, at('09:41')))).toBe('DESK_BUSY');
  });

  it('refuses an unknown desk', () => {
    expect(refusal(callNext(floor([]), 9, at('09:40')))).toBe('UNKNOWN_DESK');
  });

  it('refuses every call while an alert freezes the floor', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    arrive(state, b, '09:30');
    must(state, setAlert(state, true, 'manual', at('09:35')));
    expect(refusal(callNext(state, 1, at('09:40')))).toBe('ALERT_ACTIVE');
    expect(refusal(callNumber(state, 1, 1000, at('09:40')))).toBe('ALERT_ACTIVE');
  });

  it('lets desks call during an alert in a centre that works in a shelter', () => {
    const b = booking(1000, '10:00');
    const state = floor([b], { worksDuringAlert: true });
    arrive(state, b, '09:30');
    must(state, setAlert(state, true, 'manual', at('09:35')));
    expect(serve(state, 1, '09:40')).toBe(1000);
  });
});

describe('call a chosen number', () => {
  it('calls the chosen waiting number out of order', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    const r = must(state, callNumber(state, 1, 1001, at('09:40')));
    expect(r.call.number).toBe(1001);
    expect(serve(state, 2, '09:41')).toBe(1000);
  });

  it('refuses a number that has not checked in', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    expect(refusal(callNumber(state, 1, 1000, at('09:40')))).toBe('UNKNOWN_NUMBER');
    expect(refusal(callNumber(state, 1, 1234, at('09:40')))).toBe('UNKNOWN_NUMBER');
  });

  it('refuses a number already called', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    arrive(state, b, '09:30');
    must(state, callNext(state, 1, at('09:40')));
    expect(refusal(callNumber(state, 2, 1000, at('09:41')))).toBe('NOT_WAITING');
  });

  it('refuses a number of a service the desk does not serve', () => {
    const b = booking(1000, '10:00', { service: 'THEORY_EXAM' });
    const state = floor([b]);
    arrive(state, b, '09:30');
    expect(refusal(callNumber(state, 1, 1000, at('09:40')))).toBe('NOT_SERVED_HERE');
  });
});
