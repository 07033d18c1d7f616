/** Today's numbers for the admin page. */
import { alertTimeWithin } from '../core/alertTime.js';
import { zonedInstant } from '../core/clock.js';
import type { FloorState } from '../core/floorState.js';
import type { Millis } from '../core/types.js';
import type { DayReport } from '../../sync/protocol/hub.js';

export type { DayReport };

export function dayReport(state: FloorState, now: Millis): DayReport {
  let cancelled = 0;
  for (const b of state.bookings.values()) if (b.status === 'cancelled') cancelled++;
  let excused = 0;
  let waitSum = 0;
  let waitCount = 0;
  for (const v of state.visits.values()) {
    if (v.state === 'no_show' && v.excused) excused++;
    if (v.calledAt !== null && v.checkedInAt !== null) {
      waitSum += v.calledAt - v.checkedInAt;
      waitCount++;
    }
  }
  const count = (s: Parameters<typeof state.stateCounts.get>[0]) => state.stateCounts.get(s) ?? 0;
  const dayStart = zonedInstant(state.day, '00:00', state.rules.timezone);
  return {
    day: state.day,
    booked: state.bookings.size,
    cancelled,
    checkedIn: state.arrived,
    served: count('done'),
    waiting: count('checked_in') + count('transferred'),
    atDesks: count('called') + count('serving') + count('paused'),
    noShows: count('no_show'),
    excusedNoShows: excused,
    alertMinutes: Math.round(alertTimeWithin(state.alerts, dayStart, now, now) / 60_000),
    meanWaitMinutes: waitCount ? Math.round(waitSum / waitCount / 60_000) : null,
  };
}
