/**
 * The demo centre's day. Without a central server (the packaged app) today's bookings are made up at
 * the first start of the day and kept across restarts. Either way a newcomer gets a few codes of
 * each kind to try at the kiosk: on time, too early, cancelled, for tomorrow.
 */
import { localDate, localParts, MINUTE, zonedInstant } from '../core/clock.js';
import { demoBookings } from '../config/demo.js';
import type { TalonConfig } from '../config/schema.js';
import type { Store } from '../store/index.js';

export function seedDemoDay(store: Store, config: TalonConfig, now: number): { generated: number; kept: number } {
  const kept = store.bookingCount(config.centre.id, localDate(now, config.centre.timezone));
  // Yesterday's start made a few bookings for today (the "another day" case): they are no seeding.
  const preview = demoBookings(config, now - 24 * 60 * MINUTE).filter((b) => b.date === localDate(now, config.centre.timezone)).length;
  if (kept > preview) return { generated: 0, kept };
  return { generated: store.upsertBookings(demoBookings(config, now)).inserted, kept: 0 };
}

export function describeDemoDay({ generated, kept }: { generated: number; kept: number }): string {
  return generated > 0 ? `demo: ${generated} bookings generated for today` : `demo: ${kept} bookings of today kept from an earlier start`;
}

export interface DemoBooking {
  code: string;
  date: string;
  time: string;
  status: 'active' | 'cancelled';
}

export interface DemoCodes {
  onTime: DemoBooking[];
  tooEarly: DemoBooking[];
  cancelled: DemoBooking[];
  tomorrow: DemoBooking[];
}

/** Up to `each` bookings of each kind, by the centre's check-in window at `now`. */
export function pickDemoCodes(bookings: readonly DemoBooking[], config: TalonConfig, now: number, each = 3): DemoCodes {
  const tz = config.centre.timezone;
  const today = localParts(now, tz).date;
  const { earliestMinutes, latestMinutes } = config.checkIn;
  const slot = (b: DemoBooking) => zonedInstant(b.date, b.time, tz);
  const active = bookings.filter((b) => b.status === 'active');
  const onTime = active.filter((b) => b.date === today && slot(b) - earliestMinutes * MINUTE <= now && now <= slot(b) + latestMinutes * MINUTE);
  // The nearest first: a too-early code that opens soon shows the opening time best.
  const tooEarly = active.filter((b) => b.date === today && slot(b) - earliestMinutes * MINUTE > now).sort((a, b) => slot(a) - slot(b));
  return {
    onTime: onTime.slice(0, each),
    tooEarly: tooEarly.slice(0, each),
    cancelled: bookings.filter((b) => b.date === today && b.status === 'cancelled').slice(0, each),
    tomorrow: active.filter((b) => b.date > today).slice(0, each),
  };
}

/** The lines printed at start. */
export function describeDemoCodes(codes: DemoCodes): string[] {
  const line = (label: string, list: DemoBooking[], none: string) =>
    `  ${label.padEnd(10)} ${list.length ? list.map((b) => `${b.code} (${b.date === codes.tomorrow[0]?.date ? `${b.date} ` : ''}${b.time})`).join('  ') : none}`;
  return [
    'Booking codes to try at the kiosk (type them or scan them; the admin page lists them all):',
    line('on time', codes.onTime, 'none right now'),
    line('too early', codes.tooEarly, 'none later today'),
    line('cancelled', codes.cancelled, 'none'),
    line('tomorrow', codes.tomorrow, 'none'),
  ];
}
