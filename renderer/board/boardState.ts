/**
 * What the hall board shows, folded from the hub's events: the snapshot on every (re)connect, then
 * `called`, `alert` and `stats`. Only the last calls are kept, so a board that runs for weeks holds
 * the same few objects after ten thousand calls as after ten. A ticket has one row: a recall (or the
 * same number called to another desk) moves its row to the top instead of adding one, so repeated
 * calls never push other desks' calls off the board.
 */
import type { AlertView, CallView, Snapshot, StatsView } from '../../sync/protocol/hub.js';

/** The newest calls of all desks, each in large type. */
export const CALLS_SHOWN = 6;

export interface BoardView {
  snapshot: Snapshot;
  /** Newest first, one per ticket number. */
  calls: CallView[];
  alert: AlertView;
  stats: StatsView;
}

/** Puts `call` on top and drops the older row of the same ticket. */
function pushCall(calls: readonly CallView[], call: CallView): CallView[] {
  return [call, ...calls.filter((c) => c.number !== call.number || c.priority !== call.priority)].slice(0, CALLS_SHOWN);
}

export function fromSnapshot(s: Snapshot): BoardView {
  // Oldest first in the snapshot: folding in order leaves the newest of each ticket on top.
  const calls = s.calls.reduce<CallView[]>((list, c) => pushCall(list, c), []);
  return { snapshot: s, calls, alert: s.alert, stats: s.stats };
}

export function withCall(v: BoardView, call: CallView): BoardView {
  return { ...v, calls: pushCall(v.calls, call) };
}

export function withStats(v: BoardView, stats: StatsView): BoardView {
  return { ...v, stats };
}

export function withAlert(v: BoardView, alert: AlertView): BoardView {
  return { ...v, alert };
}
