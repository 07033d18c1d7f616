import { describe, expect, it } from 'vitest';
import type { CallView, Snapshot } from '../../../sync/protocol/hub.js';
import { CALLS_SHOWN, fromSnapshot, withCall } from '../../../renderer/board/boardState.js';

const call = (number: number, desk = 1): CallView => ({ number, desk, priority: false, service: 'DL_EXCHANGE', at: number, recall: false });
const snapshot = (calls: CallView[]): Snapshot => ({
  serverTime: 0,
  day: '2026-03-10',
  centre: { id: '8041', name: 'ТСЦ', timezone: 'Europe/Kyiv', worksDuringAlert: false, shelter: null },
  services: [],
  desks: [],
  alert: { active: false, since: null, freezes: false },
  calls,
  stats: { waiting: {}, served: 0, checkedIn: 0, noShows: 0 },
});

describe('the board’s view', () => {
  it('shows the snapshot’s calls newest first', () => {
    expect(fromSnapshot(snapshot([call(1000), call(1001)])).calls.map((c) => c.number)).toEqual([1001, 1000]);
  });

  it('keeps only the last calls however many come', () => {
    let view = fromSnapshot(snapshot([]));
    for (let n = 1000; n < 11_000; n++) view = withCall(view, call(n));
    expect(view.calls).toHaveLength(CALLS_SHOWN);
    expect(view.calls[0]!.number).toBe(10_999);
  });

  it('refreshes a recalled ticket’s row and moves it to the top instead of adding one', () => {
    let view = fromSnapshot(snapshot([call(1149, 1), call(1150, 2), call(1157, 3)]));
    view = withCall(view, { ...call(1157, 3), recall: true, at: 5000 });
    view = withCall(view, { ...call(1157, 3), recall: true, at: 6000 });
    view = withCall(view, { ...call(1149, 1), recall: true, at: 7000 });
    expect(view.calls.map((c) => [c.number, c.desk, c.recall])).toEqual([[1149, 1, true], [1157, 3, true], [1150, 2, false]]);
  });

  it('folds recalls in the snapshot the same way', () => {
    const calls = [call(1157, 3), call(1149, 1), { ...call(1157, 3), recall: true, at: 9000 }, { ...call(1157, 3), recall: true, at: 9500 }];
    expect(fromSnapshot(snapshot(calls)).calls.map((c) => c.number)).toEqual([1157, 1149]);
  });

  it('keeps six desks’ calls on the board when one desk recalls again and again', () => {
    let view = fromSnapshot(snapshot([1, 2, 3, 4, 5, 6].map((d) => call(1000 + d, d))));
    for (let i = 0; i < 10; i++) view = withCall(view, { ...call(1001, 1), recall: true, at: 10_000 + i });
    expect(view.calls.map((c) => c.desk).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
