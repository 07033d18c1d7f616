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
});
