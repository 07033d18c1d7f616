import { describe, expect, it } from 'vitest';
import {
  callNext,
  checkIn,
  checkInDeadline,
  deskFrozen,
  finish,
  recall,
  serviceFrozen,
  setAlert,
  shelterDesks,
  start,
  sweepNoShows,
  type FloorRules,
} from '../../../main/core/index.js';
import { at, booking, floor, must, refusal } from '../../helpers/floor.js';

/** Desk 1 in the hall and desk 5 in the shelter serve DL_EXCHANGE; only desk 3 (hall) serves THEORY_EXAM. */
const SHELTERED: Partial<FloorRules> = {
  desks: [
    { number: 1, services: ['DL_EXCHANGE'] },
    { number: 3, services: ['THEORY_EXAM'] },
    { number: 5, services: ['DL_EXCHANGE'], shelter: true },
  ],
};

function dayOf(count: number, service = 'DL_EXCHANGE', first = 1050) {
  return Array.from({ length: count }, (_, i) => booking(first + i, '10:00', { service }));
}

describe('shelter service', () => {
  it('during an alert desk 5 in the shelter calls the next number of its service while desk 1 in the hall is refused ALERT_ACTIVE', () => {
    const bs = dayOf(6);
    const state = floor(bs, SHELTERED);
    for (const b of bs) must(state, checkIn(state, b, at('09:30')));
    expect(must(state, callNext(state, 1, at('09:40'))).call.number).toBe(1050);
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(refusal(callNext(state, 1, at('09:50')))).toBe('ALERT_ACTIVE');
    expect(must(state, callNext(state, 5, at('09:50'))).call.number).toBe(1051);
    expect(deskFrozen(state, 1)).toBe(true);
    expect(deskFrozen(state, 5)).toBe(false);
  });

  it('after the all-clear desk 1 calls the number after the last one desk 5 called', () => {
    const bs = dayOf(8);
    const state = floor(bs, SHELTERED);
    for (const b of bs) must(state, checkIn(state, b, at('09:30')));
    must(state, callNext(state, 1, at('09:40')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    for (const n of [1051, 1052, 1053]) {
      expect(must(state, callNext(state, 5, at('09:50'))).call.number).toBe(n);
      must(state, start(state, 5, at('09:51')));
      must(state, finish(state, 5, at('09:55')));
    }
    must(state, setAlert(state, false, 'manual', at('11:00')));
    // Desk 1 first finishes the visit the alert paused, then takes the shared queue after 1053.
    expect(state.visits.get(bs[0]!.id)?.state).toBe('called');
    must(state, finish(state, 1, at('11:00')));
    expect(must(state, callNext(state, 1, at('11:01'))).call.number).toBe(1054);
  });

  it('pauses the visits at the hall desks and leaves the shelter desks serving', () => {
    const bs = dayOf(2);
    const state = floor(bs, SHELTERED);
    for (const b of bs) must(state, checkIn(state, b, at('09:30')));
    must(state, callNext(state, 1, at('09:40')));
    must(state, callNext(state, 5, at('09:40')));
    must(state, start(state, 5, at('09:41')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(state.visits.get(bs[0]!.id)).toMatchObject({ state: 'paused', pausedFrom: 'called', desk: 1 });
    expect(state.visits.get(bs[1]!.id)).toMatchObject({ state: 'serving', desk: 5 });
    expect(refusal(recall(state, 1, at('09:46')))).toBe('ALERT_ACTIVE');
  });

  it('lets the shelter desk recall the visitor it called during the alert', () => {
    const bs = dayOf(1);
    const state = floor(bs, SHELTERED);
    must(state, checkIn(state, bs[0]!, at('09:30')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    must(state, callNext(state, 5, at('09:50')));
    expect(must(state, recall(state, 5, at('09:51'))).call.recall).toBe(true);
  });

  it('checks in during an alert only for a service the shelter serves', () => {
    const exchange = booking(1050, '10:00');
    const theory = booking(1051, '10:00', { service: 'THEORY_EXAM' });
    const state = floor([exchange, theory], SHELTERED);
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(serviceFrozen(state, 'THEORY_EXAM')).toBe(true);
    expect(refusal(checkIn(state, theory, at('09:50')))).toBe('ALERT_ACTIVE');
    expect(must(state, checkIn(state, exchange, at('09:50'))).number).toBe(1050);
  });

  it('nobody waiting for a frozen service becomes a no-show during the alert', () => {
    const theory = dayOf(3, 'THEORY_EXAM', 1100);
    const state = floor(theory, { ...SHELTERED, shelterKiosk: true });
    must(state, checkIn(state, theory[0]!, at('09:30')));
    must(state, setAlert(state, true, 'manual', at('09:45')));
    // Hours past every window: the frozen service's bookings stay expected, the checked-in one waits.
    expect(must(state, sweepNoShows(state, at('13:00'))).marked).toBe(0);
    expect(state.visits.get(theory[0]!.id)?.state).toBe('checked_in');
    must(state, setAlert(state, false, 'manual', at('13:00')));
    // After the all-clear their window is widened by the whole alert, and the no-show is excused.
    expect(must(state, sweepNoShows(state, at('13:10'))).marked).toBe(0);
    expect(checkInDeadline(state, theory[1]!, at('13:10')).deadline).toBe(at('10:15') + (at('13:00') - at('09:45')));
    expect(must(state, sweepNoShows(state, at('13:31'))).marked).toBe(2);
    expect(state.visits.get(theory[1]!.id)).toMatchObject({ state: 'no_show', excused: true });
  });

  it('runs the no-show clock through an alert for a service visitors can check in for and be served in the shelter', () => {
    const exchange = booking(1050, '10:00');
    const state = floor([exchange], { ...SHELTERED, shelterKiosk: true });
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(must(state, sweepNoShows(state, at('10:16'))).marked).toBe(1);
    expect(state.visits.get(exchange.id)).toMatchObject({ state: 'no_show', excused: false });
  });

  it('stops the no-show clock for a sheltered service when no kiosk stands in the shelter', () => {
    const exchange = booking(1050, '10:00');
    const state = floor([exchange], SHELTERED);
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(must(state, sweepNoShows(state, at('10:16'))).marked).toBe(0);
  });

  it('puts every desk in the shelter when the centre works during alerts', () => {
    const state = floor(dayOf(1), { ...SHELTERED, worksDuringAlert: true });
    expect(shelterDesks(state.rules)).toEqual([1, 3, 5]);
    must(state, setAlert(state, true, 'manual', at('09:45')));
    expect(deskFrozen(state, 1)).toBe(false);
    expect(serviceFrozen(state, 'THEORY_EXAM')).toBe(false);
  });

  it('records which desks keep serving in the alert.started event', () => {
    const state = floor([], SHELTERED);
    const d = setAlert(state, true, 'manual', at('09:45'));
    expect(d.ok && d.events[0]).toMatchObject({ type: 'alert.started', data: { freezes: true, shelterDesks: [5] } });
  });
});
