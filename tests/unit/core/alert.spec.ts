import { describe, expect, it } from 'vitest';
import { callNext, checkIn, finish, noShow, recall, setAlert, start, sweepNoShows } from '../../../main/core/index.js';
import { at, booking, floor, must, refusal } from '../../helpers/floor.js';

describe('alert freeze', () => {
  it('after the all-clear the next call is 1056 when 1055 was the last call before the alert', () => {
    const bs = Array.from({ length: 10 }, (_, i) => booking(1050 + i, '10:00'));
    const state = floor(bs);
    for (const b of bs) must(state, checkIn(state, b, at('09:30')));
    for (let n = 1050; n <= 1055; n++) {
      expect(must(state, callNext(state, 1, at('09:40'))).call.number).toBe(n);
      must(state, finish(state, 1, at('09:41')));
    }
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(refusal(callNext(state, 1, at('10:00')))).toBe('ALERT_ACTIVE');
    must(state, setAlert(state, false, 'manual', at('13:10')));
    expect(must(state, callNext(state, 2, at('13:11'))).call.number).toBe(1056);
  });

  it('pauses visits at desks and puts them back as they were after the all-clear', () => {
    const a = booking(1000, '10:00');
    const b = booking(1001, '10:00');
    const state = floor([a, b]);
    must(state, checkIn(state, a, at('09:30')));
    must(state, checkIn(state, b, at('09:30')));
    must(state, callNext(state, 1, at('09:40')));
    must(state, callNext(state, 2, at('09:40')));
    must(state, start(state, 2, at('09:41')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(state.visits.get(a.id)).toMatchObject({ state: 'paused', pausedFrom: 'called' });
    expect(state.visits.get(b.id)).toMatchObject({ state: 'paused', pausedFrom: 'serving' });
    expect(refusal(recall(state, 1, at('09:46')))).toBe('ALERT_ACTIVE');
    expect(refusal(noShow(state, 1, at('09:46')))).toBe('WRONG_STATE');
    must(state, setAlert(state, false, 'manual', at('10:30')));
    expect(state.visits.get(a.id)).toMatchObject({ state: 'called', pausedFrom: null });
    expect(state.visits.get(b.id)).toMatchObject({ state: 'serving', pausedFrom: null });
  });

  it('refuses to switch an alert to the state it already has', () => {
    const state = floor([]);
    expect(refusal(setAlert(state, false, 'manual', at('09:00')))).toBe('ALERT_UNCHANGED');
    must(state, setAlert(state, true, 'manual', at('09:00')));
    expect(refusal(setAlert(state, true, 'central', at('09:01')))).toBe('ALERT_UNCHANGED');
  });

  it('does not pause visits in a centre that works in a shelter', () => {
    const a = booking(1000, '10:00');
    const state = floor([a], { worksDuringAlert: true });
    must(state, checkIn(state, a, at('09:30')));
    must(state, callNext(state, 1, at('09:40')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(state.visits.get(a.id)?.state).toBe('called');
    expect(state.frozen).toBe(false);
  });
});

describe('no-shows', () => {
  it('marks a booking not checked in by the end of its window as a no-show', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    expect(must(state, sweepNoShows(state, at('10:15'))).marked).toBe(0);
    expect(must(state, sweepNoShows(state, at('10:16'))).marked).toBe(1);
    expect(state.visits.get(b.id)).toMatchObject({ state: 'no_show', noShowReason: 'not_checked_in', excused: false });
  });

  it('no one becomes a no-show for time spent in an alert', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    must(state, setAlert(state, true, 'manual', at('09:50')));
    // The clock stops while the alert lasts.
    expect(must(state, sweepNoShows(state, at('12:00'))).marked).toBe(0);
    must(state, setAlert(state, false, 'manual', at('12:00')));
    // The window was 09:00–10:15; the alert took 09:50–12:00 out of it, so it closes at 12:25.
    expect(must(state, sweepNoShows(state, at('12:20'))).marked).toBe(0);
    must(state, checkIn(state, b, at('12:20')));
    expect(state.visits.get(b.id)?.state).toBe('checked_in');
  });

  it('marks a no-show whose window an alert cut into as excused', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    must(state, setAlert(state, true, 'manual', at('09:50')));
    must(state, setAlert(state, false, 'manual', at('10:00')));
    expect(must(state, sweepNoShows(state, at('10:26'))).marked).toBe(1);
    expect(state.visits.get(b.id)).toMatchObject({ state: 'no_show', excused: true });
  });

  it('leaves cancelled and checked-in bookings alone', () => {
    const c = booking(1000, '10:00', { status: 'cancelled' });
    const d = booking(1001, '10:00');
    const state = floor([c, d]);
    must(state, checkIn(state, d, at('09:30')));
    expect(must(state, sweepNoShows(state, at('11:00'))).marked).toBe(0);
  });

  it('a booking marked a no-show for not checking in is told it is too late', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    must(state, sweepNoShows(state, at('10:16')));
    expect(refusal(checkIn(state, b, at('10:20')))).toBe('TOO_LATE');
  });
});
