/**
 * What the hall board shows, folded from the hub's events: the snapshot on every (re)connect, then
 * `called`, `alert` and `stats`. Only the last calls are kept, so a board that runs for weeks holds
 * the same few objects after ten thousand calls as after ten.
 */
import type { AlertView, CallView, Snapshot, StatsView } from '../../sync/protocol/hub.js';

export const CALLS_SHOWN = 9;

export interface BoardView {
  snapshot: Snapshot;
  /** Newest first. */
  calls: CallView[];
  alert: AlertView;
  stats: StatsView;
}

export function fromSnapshot(s: Snapshot): BoardView {
  return { snapshot: s, calls: s.calls.slice(-CALLS_SHOWN).reverse(), alert: s.alert, stats: s.stats };
}

export function withCall(v: BoardView, call: CallView): BoardView {
  return { ...v, calls: [call, ...v.calls.slice(0, CALLS_SHOWN - 1)] };
}

export function withStats(v: BoardView, stats: StatsView): BoardView {
  return { ...v, stats };
}

export function withAlert(v: BoardView, alert: AlertView): BoardView {
  return { ...v, alert };
}
