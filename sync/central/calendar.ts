/**
 * Central's calendar: which days are open for booking and the slot times of a day. Pure; the time
 * is passed in. Every day at 06:00 in the centre's timezone one more day opens (DESIGN §1), so the
 * instant of the opening follows daylight-saving changes.
 */
import { localParts, zonedInstant, MINUTE } from '../../main/core/clock.js';
import type { Millis } from '../../main/core/types.js';

export const DAYS_AHEAD = 21;
export const OPENING_TIME = '06:00';

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export function daysBetween(from: string, to: string): number {
  const ms = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/**
 * The last bookable date at `now`: today + 21 once today's 06:00 has passed, today + 20 before it.
 */
export function lastOpenDate(now: Millis, timezone: string): string {
  const today = localParts(now, timezone).date;
  const opened = now >= zonedInstant(today, OPENING_TIME, timezone);
  return addDays(today, opened ? DAYS_AHEAD : DAYS_AHEAD - 1);
}

/** When the next day opens after `now` (for the server's timer). */
export function nextOpening(now: Millis, timezone: string): Millis {
  const today = localParts(now, timezone).date;
  const todays = zonedInstant(today, OPENING_TIME, timezone);
  return now < todays ? todays : zonedInstant(addDays(today, 1), OPENING_TIME, timezone);
}

export interface Hours {
  open: string;
  close: string;
  lunchFrom: string | null;
  lunchTo: string | null;
}

const minutes = (t: string) => +t.slice(0, 2) * 60 + +t.slice(3, 5);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Slot start times of a service lasting `length` minutes: inside the hours, none overlapping lunch. */
export function slotTimes(hours: Hours, length: number): string[] {
  const out: string[] = [];
  const close = minutes(hours.close);
  const lunch = hours.lunchFrom && hours.lunchTo ? [minutes(hours.lunchFrom), minutes(hours.lunchTo)] as const : null;
  for (let t = minutes(hours.open); t + length <= close; ) {
    if (lunch && t < lunch[1] && t + length > lunch[0]) {
      t = lunch[1];
      continue;
    }
    out.push(hhmm(t));
    t += length;
  }
  return out;
}

/** The default schedule of DESIGN §1: Mon–Thu 9:00–18:00, Fri to 16:45, lunch 13:00–13:45. */
export function defaultHours(): Map<number, Hours> {
  const day = (close: string): Hours => ({ open: '09:00', close, lunchFrom: '13:00', lunchTo: '13:45' });
  return new Map([
    [1, day('18:00')],
    [2, day('18:00')],
    [3, day('18:00')],
    [4, day('18:00')],
    [5, day('16:45')],
  ]);
}

export function slotInstant(date: string, time: string, timezone: string): Millis {
  return zonedInstant(date, time, timezone);
}

export { MINUTE };
