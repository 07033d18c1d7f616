import { describe, expect, it } from 'vitest';
import {
  accountedFor, checkDay, commandsSurviveCuts, eventsDeliveredOnce, noAlertNoShows, noNumberCalledTwice, sameOrderAsCalmDay,
} from '../../../main/sim/assertions.js';
import type { BookingOutcome, CallRecord, DayResult } from '../../../main/sim/runDay.js';

function outcome(id: string, over: Partial<BookingOutcome> = {}): BookingOutcome {
  return {
    id, number: 1000, service: 'DL_EXCHANGE', time: '10:00', priority: false, walkIn: false, arrival: 'early', fate: 'served',
    hubState: 'done', arrivedAt: 590, checkedInAt: 590, firstCalledAt: 600, finishedAt: 610, waitMinutes: 10, waitNetOfAlertsMinutes: 10,
    desk: 1, transfers: 0, noShowReason: null, refusals: [], lockedOutByPowerCut: false, ...over,
  };
}

const call = (bookingId: string, number: number, at: number, over: Partial<CallRecord> = {}): CallRecord => ({
  number, bookingId, desk: 1, service: 'DL_EXCHANGE', priority: false, at, recall: false, ...over,
});

function day(over: Partial<DayResult> = {}): DayResult {
  return {
    faulted: true, dayStart: 0, open: 540, close: 1080, outcomes: [], turnedAway: [], calls: [], alerts: [], powerCuts: [], outage: null,
    timeline: [], replays: [], outbox: { hubEvents: 0, centralEvents: 0, pending: 0, missingAtCentral: [], unknownAtCentral: [] },
    board: { calls: [] }, realMs: 0, ...over,
  };
}

describe('the end-of-day assertions', () => {
  it('find a booking with no fate', () => {
    const a = accountedFor(day({ outcomes: [outcome('A'), outcome('B', { fate: 'unaccounted', hubState: 'expected' })] }), 2);
    expect(a.ok).toBe(false);
    expect(a.detail).toContain('B');
  });

  it('find a no-show whose window an alert cut into', () => {
    const noShow = outcome('N', { fate: 'no_show', hubState: 'no_show', noShowReason: 'not_checked_in', arrivedAt: null, checkedInAt: null, time: '10:00' });
    expect(noAlertNoShows(day({ outcomes: [noShow], alerts: [{ start: 590, end: 605 }] })).ok).toBe(false);
    expect(noAlertNoShows(day({ outcomes: [noShow], alerts: [{ start: 700, end: 720 }] })).ok).toBe(true);
  });

  it('find a visitor who came inside the window and is still a no-show', () => {
    const came = outcome('C', { fate: 'no_show', hubState: 'no_show', noShowReason: 'not_checked_in', arrivedAt: 605, checkedInAt: null, refusals: ['TOO_LATE'] });
    expect(noAlertNoShows(day({ outcomes: [came] })).detail).toContain('C');
    expect(noAlertNoShows(day({ outcomes: [{ ...came, lockedOutByPowerCut: true }] })).ok).toBe(true);
  });

  it('find a command the hub forgot across a power cut', () => {
    const lost = { commandId: 'sim-f-000001', client: 'kiosk', event: 'checkIn', answer: '{"ok":true}' };
    const a = commandsSurviveCuts(day({ powerCuts: [{ start: 600, back: 605 }], replays: [{ at: 605, checked: 1, missing: [lost] }] }));
    expect(a.ok).toBe(false);
    expect(a.detail).toContain('sim-f-000001');
    expect(commandsSurviveCuts(day({ powerCuts: [{ start: 600, back: 605 }] })).ok).toBe(false);
  });

  it('find a number called anew twice, and allow one more call per transfer', () => {
    const calls = [call('A', 1000, 600), call('A', 1000, 610)];
    expect(noNumberCalledTwice(day({ outcomes: [outcome('A')], calls })).ok).toBe(false);
    expect(noNumberCalledTwice(day({ outcomes: [outcome('A', { transfers: 1 })], calls })).ok).toBe(true);
    expect(noNumberCalledTwice(day({ outcomes: [outcome('A')], calls: [call('A', 1000, 600), call('A', 1000, 601, { recall: true })] })).ok).toBe(true);
  });

  it('find an event central never got, or got that the hub never wrote', () => {
    expect(eventsDeliveredOnce(day({ outbox: { hubEvents: 2, centralEvents: 1, pending: 0, missingAtCentral: ['e2'], unknownAtCentral: [] } })).detail).toContain('e2');
    expect(eventsDeliveredOnce(day({ outbox: { hubEvents: 1, centralEvents: 1, pending: 1, missingAtCentral: [], unknownAtCentral: [] } })).ok).toBe(false);
    expect(eventsDeliveredOnce(day({ outbox: { hubEvents: 1, centralEvents: 2, pending: 0, missingAtCentral: [], unknownAtCentral: ['x'] } })).ok).toBe(false);
  });

  it('find two waiting visitors called the other way round than on the calm day, naming the seed', () => {
    const outcomes = [outcome('A', { number: 1001, checkedInAt: 580 }), outcome('B', { number: 1002, checkedInAt: 585 })];
    const calm = day({ faulted: false, outcomes, calls: [call('A', 1001, 600), call('B', 1002, 610)] });
    const swapped = day({ outcomes, calls: [call('B', 1002, 600), call('A', 1001, 610)] });
    const a = sameOrderAsCalmDay(swapped, calm, 77);
    expect(a.ok).toBe(false);
    expect(a.detail).toMatch(/seed 77.*A.*B/);
    expect(sameOrderAsCalmDay(calm, calm, 77).ok).toBe(true);
  });

  it('do not compare a late arrival, who came after the queue had passed their number', () => {
    const outcomes = [outcome('A', { number: 1001, checkedInAt: 605 }), outcome('B', { number: 1002, checkedInAt: 585 }), outcome('C', { number: 1003, checkedInAt: 586 })];
    const calm = day({ faulted: false, outcomes, calls: [call('B', 1002, 600), call('A', 1001, 610), call('C', 1003, 620)] });
    const faulted = day({ outcomes, calls: [call('B', 1002, 600), call('C', 1003, 610), call('A', 1001, 620)] });
    expect(sameOrderAsCalmDay(faulted, calm, 1).ok).toBe(true);
  });

  it('put the seed on every failing line', () => {
    const lines = checkDay(day({ outcomes: [outcome('Z', { fate: 'unaccounted' })] }), day(), 5, 1);
    expect(lines.filter((l) => !l.ok).every((l) => l.detail.startsWith('seed 5'))).toBe(true);
  });
});
