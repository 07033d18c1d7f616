import type { AlertInterval, Millis } from './types.js';

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
