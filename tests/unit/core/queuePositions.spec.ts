import { describe, expect, it } from 'vitest';
import { callNext, checkIn, finish, setAlert, start } from '../../../main/core/index.js';
import { DEFAULT_SERVICE_MINUTES, queuePositions, serviceMinutes } from '../../../main/core/queuePositions.js';
import { at, booking, floor, must } from '../../helpers/floor.js';

describe('queue positions', () => {
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

  it('estimates from today\'s measured service time, shared by the open desks, alert time excluded', () => {
    const bs = [1054, 1055, 1056, 1057].map((n) => booking(n, '10:00'));
    const s = floor(bs);
    for (const b of bs) must(s, checkIn(s, b, at('09:40')));
    expect(serviceMinutes(s, at('09:40')).get('DL_EXCHANGE')).toBe(DEFAULT_SERVICE_MINUTES);
    // 1054 is served from 10:00 to 10:16 with a 10-minute alert in between: 6 minutes of service.
    must(s, callNext(s, 1, at('10:00')));
    must(s, start(s, 1, at('10:01')));
    must(s, setAlert(s, true, 'manual', at('10:05')));
    must(s, setAlert(s, false, 'manual', at('10:15')));
    must(s, finish(s, 1, at('10:16')));
    expect(serviceMinutes(s, at('10:16')).get('DL_EXCHANGE')).toBeCloseTo(6, 5);
    const p = queuePositions(s, at('10:16'));
    // Desks 1 and 2 serve DL_EXCHANGE: 1057 has two ahead → 2 × 6 / 2 = 6 minutes.
    expect(p.get(bs[3]!.id)).toMatchObject({ ahead: 2, waitMinutes: 6 });
    expect(p.get(bs[1]!.id)).toMatchObject({ ahead: 0, waitMinutes: 0 });
  });
});
