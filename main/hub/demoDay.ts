/**
 * The demo centre has no central server to pull from: today's bookings are made up at the first
 * start of the day and kept across restarts. Used by `talon start` and by the packaged app.
 */
import { localDate } from '../core/clock.js';
import { demoBookings } from '../config/demo.js';
import type { TalonConfig } from '../config/schema.js';
import type { Store } from '../store/index.js';

export function seedDemoDay(store: Store, config: TalonConfig, now: number): { generated: number; kept: number } {
  const kept = store.bookingCount(config.centre.id, localDate(now, config.centre.timezone));
  if (kept > 0) return { generated: 0, kept };
  return { generated: store.upsertBookings(demoBookings(config, now)).inserted, kept: 0 };
}

export function describeDemoDay({ generated, kept }: { generated: number; kept: number }): string {
  return generated > 0 ? `demo: ${generated} bookings generated for today` : `demo: ${kept} bookings of today kept from an earlier start`;
}
