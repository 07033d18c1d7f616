import { bookableInShelter } from './shelter.js';
import type { AlertInterval, FloorRules, Millis } from './types.js';

/** How long alerts covered [from, to]; an active alert counts up to `now`. */
export function alertTimeWithin(intervals: readonly AlertInterval[], from: Millis, to: Millis, now: Millis): Millis {
  let total = 0;
  for (const interval of intervals) {
    const start = Math.max(interval.start, from);
    const end = Math.min(interval.end ?? now, to);
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * How long a service's check-in was frozen within [from, to]: alert time, unless its visitors could
 * check in at a shelter kiosk and be served at a shelter desk; then their no-show clock ran on.
 */
export function frozenTimeWithin(
  rules: FloorRules,
  intervals: readonly AlertInterval[],
  service: string,
  from: Millis,
  to: Millis,
  now: Millis,
): Millis {
  return bookableInShelter(rules, service) ? 0 : alertTimeWithin(intervals, from, to, now);
}
