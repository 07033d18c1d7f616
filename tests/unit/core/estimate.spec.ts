import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  callNext,
  checkIn,
  DEFAULT_SERVICE_MS,
  estimatedWait,
  finish,
  pauseDesk,
  peopleAhead,
  serviceTimeMs,
  setAlert,
  start,
} from '../../../main/core/index.js';
import type { FloorState } from '../../../main/core/floorState.js';
import { arrive, at, booking, floor, must } from '../../helpers/floor.js';

const MIN = 60_000;

/** Desk calls the next visitor at `from`, starts at once and finishes at `to`. */
function serve(state: FloorState, desk: number, from: string, to: string): void {
  must(state, callNext(state, desk, at(from)));
  must(state, start(state, desk, at(from)));
  must(state, finish(state, desk, at(to)));
}

describe('people ahead', () => {
  it('counts the visitors of the same service called before this one', () => {
    const bs = [1000, 1001, 1002, 1003].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    expect(bs.map((b) => peopleAhead(state, b.id))).toEqual([0, 1, 2, 3]);
  });

  it('ignores other services’ queues', () => {
    const mine = booking(1001, '10:00');
    const exams = [booking(1000, '10:00', { service: 'THEORY_EXAM' }), booking(999, '10:00', { service: 'THEORY_EXAM' })];
    const state = floor([mine, ...exams]);
    for (const b of [...exams, mine]) arrive(state, b, '09:30');
    expect(peopleAhead(state, mine.id)).toBe(0);
  });

  it('puts priority visitors ahead of every regular one, and orders them by arrival', () => {
    const regular = booking(1000, '10:00');
    const p1 = booking(7, '10:00', { priority: 'military' });
    const p2 = booking(3, '10:00', { priority: 'disability' });
    const state = floor([regular, p1, p2]);
    arrive(state, regular, '09:30');
    arrive(state, p1, '09:31');
    arrive(state, p2, '09:32');
    expect(peopleAhead(state, regular.id)).toBe(2);
    expect(peopleAhead(state, p1.id)).toBe(0);
    expect(peopleAhead(state, p2.id)).toBe(1);
  });

  it('goes down as the desks call', () => {
    const bs = [1000, 1001, 1002].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    must(state, callNext(state, 1, at('09:40')));
    expect(peopleAhead(state, bs[2]!.id)).toBe(1);
    expect(peopleAhead(state, bs[0]!.id)).toBeNull();
  });

  it('is unknown for a visit that is not waiting or does not exist', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    expect(peopleAhead(state, b.id)).toBeNull();
    expect(peopleAhead(state, 'nobody')).toBeNull();
  });
});

describe('people ahead, against the desks’ own order', () => {
  it('counts exactly those the desk calls first, for any mix of arrivals, priorities and late comers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ number: fc.integer({ min: 1, max: 60 }), priority: fc.boolean(), late: fc.boolean() }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: 4 }),
        (people, calledFirst) => {
          const unique = [...new Map(people.map((p) => [p.number, p])).values()];
          const bs = unique.map((p) => booking(p.priority ? p.number : 1000 + p.number, '10:00', p.priority ? { priority: 'military' } : {}));
          const state = floor(bs);
          // Some arrive, the desk calls a few, then the late ones arrive behind the cursor.
          let minute = 0;
          const clock = () => at('09:00') + ++minute * 1000;
          unique.forEach((p, i) => !p.late && must(state, checkIn(state, bs[i]!, clock())));
          for (let i = 0; i < calledFirst; i++) {
            const d = callNext(state, 1, clock());
            if (!d.ok) break;
            state.applyPatch(d.patch);
            must(state, finish(state, 1, clock()));
          }
          unique.forEach((p, i) => p.late && must(state, checkIn(state, bs[i]!, clock())));
          const ahead = new Map(bs.map((b) => [b.id, peopleAhead(state, b.id)]));
          const waiting = [...ahead.values()].filter((n) => n !== null);
          expect(waiting.slice().sort((a, b) => a! - b!)).toEqual(waiting.map((_, i) => i));
          // Desk 1 serves only this service: it calls them in the order peopleAhead says.
          for (let expected = 0; ; expected++) {
            const d = callNext(state, 1, clock());
            if (!d.ok) {
              expect(expected).toBe(waiting.length);
              break;
            }
            expect(ahead.get(d.result.call.bookingId)).toBe(expected);
            state.applyPatch(d.patch);
            must(state, finish(state, 1, clock()));
          }
        },
      ),
    );
  });
});

describe('service time', () => {
  it('is the default before anything was measured', () => {
    expect(serviceTimeMs(floor([]), 'DL_EXCHANGE', at('09:00'))).toBe(DEFAULT_SERVICE_MS);
  });

  it('moves from the default towards today’s measured mean', () => {
    const bs = Array.from({ length: 30 }, (_, i) => booking(1000 + i, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:00');
    let minute = 9 * 60 + 10;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    serve(state, 1, hhmm(minute), hhmm(minute + 4));
    const afterOne = serviceTimeMs(state, 'DL_EXCHANGE', at('12:00'));
    expect(afterOne).toBeLessThan(DEFAULT_SERVICE_MS);
    expect(afterOne).toBeGreaterThan(4 * MIN);
    for (let i = 0; i < 29; i++) {
      minute += 5;
      serve(state, 1, hhmm(minute), hhmm(minute + 4));
    }
    expect(serviceTimeMs(state, 'DL_EXCHANGE', at('12:00')) / MIN).toBeCloseTo(4 + (6 * 3) / 33, 5);
  });

  it('leaves out the minutes an alert held a service', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:00'), booking(1002, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:00');
    must(state, callNext(state, 1, at('09:10')));
    must(state, start(state, 1, at('09:10')));
    must(state, setAlert(state, true, 'test', at('09:12')));
    must(state, setAlert(state, false, 'test', at('10:12')));
    must(state, finish(state, 1, at('10:15')));
    // 65 minutes at the desk, 60 of them in the shelter: a 5-minute service.
    expect(serviceTimeMs(state, 'DL_EXCHANGE', at('12:00'))).toBe((5 * MIN + DEFAULT_SERVICE_MS * 3) / 4);
  });

  it('ignores a finish forgotten for hours and a mis-click of seconds', () => {
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:00');
    serve(state, 1, '09:10', '12:10');
    must(state, callNext(state, 1, at('12:20')));
    must(state, finish(state, 1, at('12:20') + 5_000));
    expect(serviceTimeMs(state, 'DL_EXCHANGE', at('13:00'))).toBe(DEFAULT_SERVICE_MS);
  });
});

describe('estimated wait', () => {
  it('shares the people ahead over the open desks of the service', () => {
    // DL_EXCHANGE is served by desks 1 and 2; five ahead at 10 minutes each over two desks is 25.
    const bs = [1000, 1001, 1002, 1003, 1004, 1005].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    expect(estimatedWait(state, bs[5]!.id, at('09:31'))).toEqual({ peopleAhead: 5, minutes: 25 });
  });

  it('adds half a service when every desk of the service is busy', () => {
    const bs = [1000, 1001, 1002, 1003].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    must(state, callNext(state, 1, at('09:31')));
    must(state, callNext(state, 2, at('09:31')));
    // 1003 has 1002 ahead: 10 / 2 + 10 / 2 = 10 minutes.
    expect(estimatedWait(state, bs[3]!.id, at('09:32'))).toEqual({ peopleAhead: 1, minutes: 10 });
  });

  it('counts only the desks that are not on a break', () => {
    const bs = [1000, 1001, 1002].map((n) => booking(n, '10:00'));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:30');
    must(state, pauseDesk(state, 2, at('09:31')));
    expect(estimatedWait(state, bs[2]!.id, at('09:32'))).toEqual({ peopleAhead: 2, minutes: 20 });
  });

  it('is zero for the first in line with a desk free', () => {
    const b = booking(1000, '10:00');
    const state = floor([b]);
    arrive(state, b, '09:30');
    expect(estimatedWait(state, b.id, at('09:31'))).toEqual({ peopleAhead: 0, minutes: 0 });
  });

  it('uses today’s measured service time', () => {
    const bs = Array.from({ length: 8 }, (_, i) => booking(1000 + i, '10:00', { service: 'THEORY_EXAM' }));
    const state = floor(bs);
    for (const b of bs) arrive(state, b, '09:00');
    // Desk 3 alone serves five exams of 2 minutes; desk 2 is paused so desk 3 is the only open desk.
    must(state, pauseDesk(state, 2, at('09:00')));
    for (let i = 0; i < 5; i++) serve(state, 3, `09:${String(10 + i * 2).padStart(2, '0')}`, `09:${String(12 + i * 2).padStart(2, '0')}`);
    const each = (5 * 2 * MIN + 3 * DEFAULT_SERVICE_MS) / 8;
    expect(estimatedWait(state, bs[7]!.id, at('09:30'))).toEqual({ peopleAhead: 2, minutes: Math.ceil((2 * each) / MIN) });
  });

  it('never answers a negative or fractional number, whatever the floor did', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 120 })), { maxLength: 12 }), (steps) => {
        const bs = Array.from({ length: 14 }, (_, i) => booking(1000 + i, '10:00', { service: i % 3 ? 'DL_EXCHANGE' : 'THEORY_EXAM' }));
        const state = floor(bs);
        for (const b of bs) arrive(state, b, '09:00');
        let now = at('09:05');
        for (const [desk, took] of steps) {
          now += MIN;
          const called = callNext(state, desk, now);
          if (!called.ok) continue;
          state.applyPatch(called.patch);
          now += took * 1000 * 60;
          const done = finish(state, desk, now);
          if (done.ok) state.applyPatch(done.patch);
        }
        for (const b of bs) {
          const w = estimatedWait(state, b.id, now);
          if (w === null) continue;
          expect(Number.isInteger(w.minutes) && w.minutes >= 0).toBe(true);
          expect(Number.isInteger(w.peopleAhead) && w.peopleAhead >= 0).toBe(true);
        }
      }),
    );
  });
});
