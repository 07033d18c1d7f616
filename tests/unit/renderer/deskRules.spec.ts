import { describe, expect, it } from 'vitest';
import type { DeskView, VisitView } from '../../../sync/protocol/hub.js';
import { allowed, blocker, DESK_COMMANDS } from '../../../renderer/desk/deskRules.js';

const visit = (state: VisitView['state']): VisitView => ({
  bookingId: 'b', number: 1000, priority: false, service: 'DL_EXCHANGE', state, time: '09:40', checkedInAt: 1, calledAt: 2, startedAt: null, recalls: 0, transfers: 0,
});
const desk = (current: VisitView | null, status: DeskView['status'] = 'open'): DeskView => ({ number: 1, services: ['DL_EXCHANGE'], status, current });
const offered = (d: DeskView) => DESK_COMMANDS.filter((c) => allowed(d, c));

describe('desk console buttons', () => {
  it('offers calling and pausing to a free desk', () => {
    expect(offered(desk(null))).toEqual(['callNext', 'pause', 'callNumber']);
  });

  it('offers recall, start, finish, no-show, transfer and a reprint for a called visitor', () => {
    expect(offered(desk(visit('called')))).toEqual(['recall', 'start', 'finish', 'noShow', 'transfer', 'reprint']);
  });

  it('offers finish, transfer and a reprint while serving', () => {
    expect(offered(desk(visit('serving')))).toEqual(['finish', 'transfer', 'reprint']);
  });

  it('offers only resume to a paused desk', () => {
    expect(offered(desk(null, 'paused'))).toEqual(['resume']);
  });

  it('blocks everything while an alert freezes the floor, and while the hub is out of reach', () => {
    expect(blocker({ active: true, since: 1, freezes: true }, true)).toBe('alert');
    expect(blocker({ active: true, since: 1, freezes: false }, true)).toBeNull();
    expect(blocker({ active: false, since: null, freezes: false }, false)).toBe('offline');
  });

  it('leaves a desk in the shelter free to call while the alert blocks the hall’s desks', () => {
    const alert = { active: true, since: 1, freezes: true, shelterDesks: [5] };
    expect(blocker(alert, true, 5)).toBeNull();
    expect(blocker(alert, true, 1)).toBe('alert');
    expect(blocker(alert, true)).toBe('alert');
  });
});
