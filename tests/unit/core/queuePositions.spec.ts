import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callNext, checkIn, finish, pauseDesk, resumeDesk, start, transfer } from '../../../main/core/index.js';
import { estimatedWait } from '../../../main/core/estimate.js';
import { queuePositions } from '../../../main/core/queuePositions.js';
import { WAITING_STATES } from '../../../main/core/types.js';
import { at, booking, floor, must } from '../../helpers/floor.js';

describe('queue positions, for every waiting visitor at once', () => {
  it('counts the people called before each waiting visitor, in the order the desks call them', () => {
    const bs = [1054, 1055, 1056].map((n) => booking(n, '10:00'));
    const prio = booking(7, '10:00', { priority: 'military', number: 7 });
    const s = floor([...bs, prio]);
    for (const b of [...bs, prio]) must(s, checkIn(s, b, at('09:40')));
    const p = queuePositions(s, at('09:41'));
    expect(p.get(prio.id)!.ahead).toBe(0);
    expect(bs.map((b) => p.get(b.id)!.ahead)).toEqual([1, 2, 3]);
    must(s, callNext(s, 1, at('09:42')));
    const after = queuePositions(s, at('09:42'));
    expect(after.has(prio.id)).toBe(false);
    expect(bs.map((b) => after.get(b.id)!.ahead)).toEqual([0, 1, 2]);
  });

  it('gives each visitor what peopleAhead and estimatedWait give it alone, over random days', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('call' as const), desk: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('finish' as const), desk: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('transfer' as const), desk: fc.integer({ min: 1, max: 3 }), to: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('pause' as const), desk: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('resume' as const), desk: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: 0, max: 120 }), exam: fc.boolean(), priority: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        fc.array(step, { maxLength: 40 }),
        (people, steps) => {
          const bs = people.map((p, i) =>
            booking(p.priority ? i + 1 : 1000 + i, `${String(9 + Math.floor(p.minute / 60)).padStart(2, '0')}:${String(p.minute % 60).padStart(2, '0')}`, {
              service: p.exam ? 'THEORY_EXAM' : 'DL_EXCHANGE',
              ...(p.priority ? { priority: 'military' as const } : {}),
            }),
          );
          const s = floor(bs, { checkIn: { earliestMinutes: 600, latestMinutes: 600, reprints: 1 } });
          let now = at('09:00');
          for (const b of bs) {
            const d = checkIn(s, b, now);
            if (d.ok) s.applyPatch(d.patch);
          }
          for (const st of steps) {
            now += 60_000;
            const d =
              st.kind === 'call' ? callNext(s, st.desk, now)
              : st.kind === 'finish' ? (s.desks.get(st.desk)?.current ? finish(s, st.desk, now) : start(s, st.desk, now))
              : st.kind === 'transfer' ? transfer(s, st.desk, { desk: st.to }, now)
              : st.kind === 'pause' ? pauseDesk(s, st.desk, now)
              : resumeDesk(s, st.desk, now);
            if (d.ok) s.applyPatch(d.patch);
          }
          const batch = queuePositions(s, now);
          for (const v of s.visits.values()) {
            if (!WAITING_STATES.includes(v.state)) continue;
            const alone = estimatedWait(s, v.bookingId, now);
            const p = batch.get(v.bookingId);
            if (alone === null) expect(p).toBeUndefined();
            else expect({ ahead: p?.ahead, minutes: p?.waitMinutes }).toEqual({ ahead: alone.peopleAhead, minutes: alone.minutes });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
