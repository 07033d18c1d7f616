import { describe, expect, it } from 'vitest';
import { checkIn, setAlert, slotPosition, suspendService } from '../../../main/core/index.js';
import { at, booking, floor, must, refusal } from '../../helpers/floor.js';

describe('check-in', () => {
  it('checks in a booking of today inside its window and gives the ticket', () => {
    const b = booking(1005, '10:00');
    const state = floor([b]);
    const ticket = must(state, checkIn(state, b, at('09:30')));
    expect(ticket).toMatchObject({ number: 1005, service: 'DL_EXCHANGE', time: '10:00', desks: [1, 2], reprint: false });
    expect(state.visits.get(b.id)?.state).toBe('checked_in');
  });

  it('refuses an unknown code', () => {
    const state = floor([]);
    expect(refusal(checkIn(state, null, at('09:30')))).toBe('UNKNOWN_CODE');
  });

  it('refuses a booking of another centre', () => {
    const b = booking(1005, '10:00', { centre: '8042' });
    const d = checkIn(floor([]), b, at('09:30'));
    expect(refusal(d)).toBe('OTHER_CENTRE');
  });

  it('refuses a booking of another day and names that day', () => {
    const b = booking(1005, '10:00', { date: '2026-03-11' });
    const d = checkIn(floor([]), b, at('09:30'));
    expect(d.ok ? null : d.error).toEqual({ code: 'OTHER_DAY', params: { date: '2026-03-11' } });
  });

  it('refuses a cancelled booking', () => {
    const b = booking(1005, '10:00', { status: 'cancelled' });
    expect(refusal(checkIn(floor([b]), b, at('09:30')))).toBe('CANCELLED');
  });

  it('refuses too early and says when check-in opens', () => {
    const b = booking(1005, '11:00');
    const d = checkIn(floor([b]), b, at('09:59'));
    expect(d.ok ? null : d.error).toEqual({ code: 'TOO_EARLY', params: { opensAt: '10:00' } });
  });

  it('opens exactly the configured minutes before the slot', () => {
    const b = booking(1005, '11:00');
    const state = floor([b], { checkIn: { earliestMinutes: 30, latestMinutes: 15, reprints: 1 } });
    expect(refusal(checkIn(state, b, at('10:29')))).toBe('TOO_EARLY');
    expect(checkIn(state, b, at('10:30')).ok).toBe(true);
  });

  it('refuses too late and says when check-in closed', () => {
    const b = booking(1005, '10:00');
    const d = checkIn(floor([b]), b, at('10:16'));
    expect(d.ok ? null : d.error).toEqual({ code: 'TOO_LATE', params: { closedAt: '10:15' } });
  });

  it('widens the window by the time an alert took out of it', () => {
    const b = booking(1005, '10:00');
    const state = floor([b]);
    must(state, setAlert(state, true, 'manual', at('09:50')));
    must(state, setAlert(state, false, 'manual', at('10:30')));
    // 40 minutes of alert inside the window: it closes at 10:55 instead of 10:15.
    expect(checkIn(state, b, at('10:54')).ok).toBe(true);
    const late = floor([b]);
    must(late, setAlert(late, true, 'manual', at('09:50')));
    must(late, setAlert(late, false, 'manual', at('10:30')));
    const d = checkIn(late, b, at('10:56'));
    expect(d.ok ? null : d.error).toEqual({ code: 'TOO_LATE', params: { closedAt: '10:55' } });
  });

  it('does not widen the window in a centre that works during alerts', () => {
    const b = booking(1005, '10:00');
    const state = floor([b], { worksDuringAlert: true });
    must(state, setAlert(state, true, 'manual', at('09:50')));
    must(state, setAlert(state, false, 'manual', at('10:30')));
    expect(refusal(checkIn(state, b, at('10:31')))).toBe('TOO_LATE');
  });

  it('refuses check-in while an alert freezes the floor', () => {
    const b = booking(1005, '10:00');
    const state = floor([b]);
    must(state, setAlert(state, true, 'manual', at('09:20')));
    expect(refusal(checkIn(state, b, at('09:30')))).toBe('ALERT_ACTIVE');
  });

  it('refuses a suspended service', () => {
    const b = booking(1005, '10:00');
    const state = floor([b]);
    must(state, suspendService(state, 'DL_EXCHANGE', true, at('09:00')));
    expect(refusal(checkIn(state, b, at('09:30')))).toBe('SERVICE_SUSPENDED');
  });

  it('reprints the ticket of a visitor already checked in, within the limit', () => {
    const b = booking(1005, '10:00');
    const state = floor([b]);
    must(state, checkIn(state, b, at('09:30')));
    const again = must(state, checkIn(state, b, at('09:31')));
    expect(again).toMatchObject({ number: 1005, reprint: true });
    const d = checkIn(state, b, at('09:32'));
    expect(d.ok ? null : d.error).toEqual({ code: 'ALREADY_CHECKED_IN', params: { number: 1005 } });
  });

  it('does not reprint for a visit already served', () => {
    const b = booking(1005, '10:00');
    const state = floor([b], { checkIn: { earliestMinutes: 60, latestMinutes: 15, reprints: 5 } });
    must(state, checkIn(state, b, at('09:30')));
    state.applyPatch({ ...emptyVisitPatch(), visits: [{ ...state.visits.get(b.id)!, state: 'done' }] });
    expect(refusal(checkIn(state, b, at('09:40')))).toBe('ALREADY_CHECKED_IN');
  });

  it('queues a late arrival right after the visitor called last', () => {
    const early = booking(1001, '10:00');
    const late = booking(1000, '09:50');
    const state = floor([early, late]);
    const cursor = slotPosition({ time: '10:00', number: 1003 });
    state.applyPatch({ ...emptyVisitPatch(), cursors: [{ service: 'DL_EXCHANGE', position: cursor }] });
    must(state, checkIn(state, late, at('09:55')));
    expect(state.visits.get(late.id)?.rank).toBe(cursor + 0.5);
    must(state, checkIn(state, early, at('09:56')));
    expect(state.visits.get(early.id)?.rank).toBe(cursor + 0.5);
  });

  it('queues a visitor whose slot the cursor has not reached at their own place in slot order', () => {
    const b = booking(1020, '21:30');
    const state = floor([b]);
    state.applyPatch({ ...emptyVisitPatch(), cursors: [{ service: 'DL_EXCHANGE', position: slotPosition({ time: '19:45', number: 1150 }) }] });
    must(state, checkIn(state, b, at('21:00')));
    expect(state.visits.get(b.id)?.rank).toBe(slotPosition(b));
  });
});

function emptyVisitPatch() {
  return { bookings: [], visits: [], desks: [], cursors: [], calls: [], alert: null, suspended: [] };
}
