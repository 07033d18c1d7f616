import { describe, expect, it } from 'vitest';
import {
  callNext, checkIn, finish, noShow, pauseDesk, recall, resumeDesk, start, transfer, type Booking,
} from '../../../main/core/index.js';
import type { FloorState } from '../../../main/core/floorState.js';
import { waitingFor } from '../../../main/core/waitingList.js';
import { at, booking, floor, must, refusal } from '../../helpers/floor.js';

function ready(bs: Booking[]): FloorState {
  const state = floor(bs);
  for (const b of bs) must(state, checkIn(state, b, at('09:30')));
  return state;
}

describe('desk actions', () => {
  it('recalls the called visitor and logs the call again as a recall', () => {
    const state = ready([booking(1000, '10:00')]);
    must(state, callNext(state, 1, at('09:40')));
    const r = must(state, recall(state, 1, at('09:41')));
    expect(r.call).toMatchObject({ number: 1000, desk: 1, recall: true });
    expect(state.recentCalls.map((c) => c.recall)).toEqual([false, true]);
  });

  it('stops recalling after the limit and asks for a no-show instead', () => {
    const state = ready([booking(1000, '10:00')]);
    must(state, callNext(state, 1, at('09:40')));
    for (let i = 0; i < 3; i++) must(state, recall(state, 1, at('09:41')));
    expect(refusal(recall(state, 1, at('09:42')))).toBe('RECALL_LIMIT');
  });

  it('marks a no-show only after the required recalls', () => {
    const b = booking(1000, '10:00');
    const state = ready([b]);
    must(state, callNext(state, 1, at('09:40')));
    expect(refusal(noShow(state, 1, at('09:41')))).toBe('NO_SHOW_TOO_SOON');
    must(state, recall(state, 1, at('09:42')));
    must(state, recall(state, 1, at('09:43')));
    const r = must(state, noShow(state, 1, at('09:44')));
    expect(r.desk.current).toBeNull();
    expect(state.visits.get(b.id)).toMatchObject({ state: 'no_show', noShowReason: 'did_not_come', excused: false });
  });

  it('starts and finishes a visit, freeing the desk', () => {
    const b = booking(1000, '10:00');
    const state = ready([b]);
    must(state, callNext(state, 1, at('09:40')));
    must(state, start(state, 1, at('09:41')));
    expect(state.visits.get(b.id)?.state).toBe('serving');
    expect(refusal(start(state, 1, at('09:42')))).toBe('WRONG_STATE');
    must(state, finish(state, 1, at('09:50')));
    expect(state.visits.get(b.id)).toMatchObject({ state: 'done', startedAt: at('09:41'), finishedAt: at('09:50') });
    expect(state.desks.get(1)?.current).toBeNull();
  });

  it('refuses actions on an idle desk', () => {
    const state = ready([]);
    for (const d of [recall, start, finish, noShow]) expect(refusal(d(state, 1, at('09:40')))).toBe('DESK_IDLE');
  });

  it('transfers a visitor to another service, where they are called next', () => {
    const a = booking(1000, '10:00');
    const exams = [1001, 1002].map((n) => booking(n, '10:00', { service: 'THEORY_EXAM' }));
    const state = ready([a, ...exams]);
    must(state, callNext(state, 3, at('09:39')));
    must(state, finish(state, 3, at('09:39')));
    must(state, callNext(state, 1, at('09:40')));
    must(state, transfer(state, 1, { service: 'THEORY_EXAM' }, at('09:45')));
    expect(state.visits.get(a.id)).toMatchObject({ state: 'transferred', service: 'THEORY_EXAM', transfers: 1 });
    const r = must(state, callNext(state, 3, at('09:46')));
    expect(r.call.number).toBe(1000);
  });

  it('transfers a visitor to one desk, which calls them before its queue', () => {
    const a = booking(1000, '10:00');
    const b = booking(1001, '10:00');
    const state = ready([a, b]);
    must(state, callNext(state, 1, at('09:40')));
    must(state, transfer(state, 1, { desk: 2 }, at('09:45')));
    expect(refusal(callNext(state, 3, at('09:46')))).toBe('QUEUE_EMPTY');
    expect(must(state, callNext(state, 2, at('09:46'))).call.number).toBe(1000);
  });

  it('refuses a transfer to the same desk, the same service, or an unknown target', () => {
    const state = ready([booking(1000, '10:00')]);
    must(state, callNext(state, 1, at('09:40')));
    expect(refusal(transfer(state, 1, { desk: 1 }, at('09:41')))).toBe('SAME_TARGET');
    expect(refusal(transfer(state, 1, { service: 'DL_EXCHANGE' }, at('09:41')))).toBe('SAME_TARGET');
    expect(refusal(transfer(state, 1, { desk: 42 }, at('09:41')))).toBe('UNKNOWN_DESK');
    expect(refusal(transfer(state, 1, { service: 'NOPE' }, at('09:41')))).toBe('UNKNOWN_SERVICE');
  });

  it('pauses a free desk, which then cannot call until it resumes', () => {
    const state = ready([booking(1000, '10:00')]);
    must(state, pauseDesk(state, 1, at('09:40')));
    expect(refusal(callNext(state, 1, at('09:41')))).toBe('DESK_PAUSED');
    expect(refusal(pauseDesk(state, 1, at('09:41')))).toBe('DESK_PAUSED');
    must(state, resumeDesk(state, 1, at('09:42')));
    expect(refusal(resumeDesk(state, 1, at('09:42')))).toBe('DESK_NOT_PAUSED');
    expect(must(state, callNext(state, 1, at('09:43'))).call.number).toBe(1000);
  });

  it('keeps the reason and the time of a pause, and clears the reason on resume', () => {
    const state = ready([]);
    const paused = must(state, pauseDesk(state, 1, at('11:00'), 'technical'));
    expect(paused.desk).toMatchObject({ status: 'paused', pauseReason: 'technical', since: at('11:00') });
    must(state, resumeDesk(state, 1, at('11:20')));
    expect(state.desks.get(1)).toMatchObject({ status: 'open', pauseReason: null, since: at('11:20') });
  });

  it('lists who a desk may call in the order it would call them', () => {
    const bs = [booking(1002, '10:00'), booking(1000, '10:00'), booking(1001, '10:00')];
    const state = ready(bs);
    expect(waitingFor(state, 1).map((v) => v.number)).toEqual([1000, 1001, 1002]);
    expect(must(state, callNext(state, 1, at('09:40'))).call.number).toBe(1000);
    expect(waitingFor(state, 1).map((v) => v.number)).toEqual([1001, 1002]);
  });

  it('does not pause a desk with a visitor', () => {
    const state = ready([booking(1000, '10:00')]);
    must(state, callNext(state, 1, at('09:40')));
    expect(refusal(pauseDesk(state, 1, at('09:41')))).toBe('DESK_BUSY');
  });

  it('writes one outbox event per change, naming the booking', () => {
    const b = booking(1000, '10:00');
    const state = ready([b]);
    const d = callNext(state, 1, at('09:40'));
    expect(d.ok && d.events).toEqual([
      { type: 'visit.called', at: at('09:40'), booking: b.id, data: { number: 1000, desk: 1, service: 'DL_EXCHANGE' } },
    ]);
  });
});
