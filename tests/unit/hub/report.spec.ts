import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callNext, checkIn, finish, FloorState, pauseDesk, resumeDesk, setAlert, type Booking } from '../../../main/core/index.js';
import type { Decision } from '../../../main/core/decision.js';
import { daysOf, floorView, periodReport, reportCsv } from '../../../main/hub/report.js';
import { openStore, type Store } from '../../../main/store/index.js';
import { ReportRows } from '../../../main/store/reportRows.js';
import { reportPeriod } from '../../../sync/protocol/hub.js';
import { at, booking, DAY, rules } from '../../helpers/floor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

/** Decides, commits to the real store and applies, as the hub's FloorService does. */
function commit<R>(store: Store, state: FloorState, d: Decision<R>): R {
  if (!d.ok) throw new Error(d.error.code);
  store.commit(state.day, d.patch, d.events);
  state.applyPatch(d.patch);
  return d.result;
}

/**
 * A morning at desk 1: 1000 waits 09:30–09:40, 1001 waits 09:35–10:10, an alert 09:50–10:00, desk 1
 * idle 10:05–10:10, then at lunch 10:20–11:00.
 */
function morning(file: string): { store: Store; bs: Booking[] } {
  const store = openStore(file);
  const bs = [booking(1000, '09:40'), booking(1001, '09:45')];
  store.upsertBookings(bs);
  const s = new FloorState(store.loadSeed(rules(), DAY, at('00:00')));
  commit(store, s, checkIn(s, bs[0]!, at('09:30')));
  commit(store, s, checkIn(s, bs[1]!, at('09:35')));
  commit(store, s, callNext(s, 1, at('09:40')));
  commit(store, s, setAlert(s, true, 'manual', at('09:50')));
  commit(store, s, setAlert(s, false, 'manual', at('10:00')));
  commit(store, s, finish(s, 1, at('10:05')));
  commit(store, s, callNext(s, 1, at('10:10')));
  commit(store, s, finish(s, 1, at('10:20')));
  commit(store, s, pauseDesk(s, 1, at('10:20'), 'lunch'));
  commit(store, s, resumeDesk(s, 1, at('11:00')));
  return { store, bs };
}

describe('reports', () => {
  it('measures waits and desk utilisation net of alert time', () => {
    const { store } = morning(join(tempDir(), 'talon.db'));
    const r = periodReport(new ReportRows(store), rules(), { day: DAY }, at('18:00'));
    expect(r).toMatchObject({ kind: 'day', served: 2, checkedIn: 2, alertMinutes: 10, pauseMinutes: { lunch: 40, break: 0 } });
    // 1000 waited 10 min; 1001 35 min of which the alert took 10.
    expect(r.waits.find((w) => w.service === 'DL_EXCHANGE')).toEqual({ service: 'DL_EXCHANGE', visits: 2, meanMinutes: 17.5, p90Minutes: 25 });
    // Busy 25 − 10 of alert + 10; available 09:40–10:20 less the alert: 30.
    expect(r.desks.find((d) => d.desk === 1)).toMatchObject({ served: 2, busyMinutes: 25, availableMinutes: 30, pauseMinutes: 40 });
    expect(r.desks.find((d) => d.desk === 1)!.utilisation).toBeCloseTo(25 / 30);
    expect(r.desks.find((d) => d.desk === 2)!.utilisation).toBeNull();
    expect(r.servedBy.find((s) => s.label === '10:00')).toEqual({ label: '10:00', served: 2 });
    expect(r.servedBy.map((s) => s.label)).toContain('08:00');
    store.close();
  });

  it('reports a past day and every day of its month after the hub has moved on and restarted', () => {
    const file = join(tempDir(), 'talon.db');
    morning(file).store.close();
    const again = openStore(file);
    new FloorState(again.loadSeed(rules(), '2026-03-11', at('00:00', '2026-03-11')));
    const rows = new ReportRows(again);
    expect(periodReport(rows, rules(), { day: DAY }, at('12:00', '2026-03-20')).served).toBe(2);
    const month = periodReport(rows, rules(), { month: '2026-03' }, at('12:00', '2026-03-20'));
    expect(month.days).toHaveLength(31);
    expect(month.servedBy).toHaveLength(31);
    expect(month.servedBy.find((s) => s.label === DAY)?.served).toBe(2);
    expect(month.servedBy.filter((s) => s.served === 0)).toHaveLength(30);
    again.close();
  });

  it('exports a CSV a spreadsheet reads, with service names and no formula injection', () => {
    const { store } = morning(join(tempDir(), 'talon.db'));
    const r = periodReport(new ReportRows(store), rules(), { day: DAY }, at('18:00'));
    const csv = reportCsv(r, [{ code: 'DL_EXCHANGE', uk: '=HYPERLINK("x")' }, { code: 'THEORY_EXAM', uk: 'Теоретичний іспит' }]);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('period,section,item,metric,value');
    expect(lines).toContain(`${DAY},total,centre,served,2`);
    expect(lines).toContain(`${DAY},waits,"=HYPERLINK(""x"")",p90_minutes,25`);
    expect(lines).toContain(`${DAY},desks,1,utilisation,0.833`);
    store.close();
  });

  it('shows each desk’s state and since when, and the longest wait', () => {
    const { store } = morning(join(tempDir(), 'talon.db'));
    const late = booking(1002, '11:30');
    store.upsertBookings([late]);
    const s2 = new FloorState(store.loadSeed(rules(), DAY, at('00:00')));
    commit(store, s2, checkIn(s2, late, at('11:00')));
    commit(store, s2, pauseDesk(s2, 3, at('11:05'), 'technical'));
    const view = floorView(s2);
    expect(view.desks).toEqual([
      { desk: 1, state: 'free', pauseReason: null, number: null, service: null, since: at('11:00') },
      { desk: 2, state: 'free', pauseReason: null, number: null, service: null, since: null },
      { desk: 3, state: 'paused', pauseReason: 'technical', number: null, service: null, since: at('11:05') },
    ]);
    expect(view.longestWaitSince).toBe(at('11:00'));
    expect(view.services[0]).toMatchObject({ service: 'DL_EXCHANGE', waiting: 1, longestWaitSince: at('11:00') });
    store.close();
  });

  it('takes any day or month the schema lets through, and every day of a month once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        const period = reportPeriod.parse({ month });
        const days = daysOf(period);
        expect(new Set(days).size).toBe(days.length);
        expect(days.every((d) => d.startsWith(month) && reportPeriod.safeParse({ day: d }).success)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        expect(() => reportPeriod.safeParse(garbage)).not.toThrow();
      }),
    );
  });
});
