/**
 * Citizen bookings for a demo day: about two thirds of today's seats from two hours back to four
 * hours ahead, as if booked online; three of them cancelled, and six for tomorrow (ids marked `-T`)
 * to show the "another day" refusal. Written straight in (the rules are for real citizens, and a
 * demo needs slots already past). Kept across restarts: a day is seeded once.
 */
import { localParts, zonedInstant, MINUTE } from '../../main/core/clock.js';
import { addDays } from './calendar.js';
import type { Central } from './central.js';
import { prng } from '../../main/core/prng.js';
import { takeSeat } from './seats.js';


const SHARE = 0.65;
const PRIORITY_SHARE = 0.05;
const CANCELLED = 3;
const TOMORROW = 6;

export function seedDemoCitizens(central: Central, centre: string, now: number, seed = 8041): number {
  const { timezone } = central.centre(centre);
  const today = localParts(now, timezone).date;
  // Tomorrow's six, seeded the day before, do not count as the day's seeding.
  const had = central.sql("SELECT count(*) FROM bookings WHERE centre = ? AND date = ? AND channel != 'terminal' AND id NOT LIKE '%-T%'").pluck().get(centre, today) as number;
  if (had > 0) return 0;
  const random = prng(seed);
  const slots = central.sql('SELECT service, time, capacity FROM slots WHERE centre = ? AND date = ? ORDER BY time, service').all(centre, today) as {
    service: string; time: string; capacity: number;
  }[];
  let made = 0;
  central.db.transaction(() => {
    for (const s of slots) {
      const at = zonedInstant(today, s.time, timezone);
      if (at < now - 120 * MINUTE || at > now + 240 * MINUTE) continue;
      for (let seat = 0; seat < s.capacity; seat++) {
        if (random() > SHARE) continue;
        const priority = random() < PRIORITY_SHARE ? 'disability' : null;
        const hold = `seed-${made}`;
        const seatNumber = takeSeat(central, centre, today, s.service, s.time, hold);
        if (seatNumber === null) continue;
        const number = priority ? central.takeNumber(centre, today, true) : seatNumber;
        const id = central.bookingId(centre, today, priority ? `P${number}` : String(number));
        central.sql('UPDATE seats SET booking = ? WHERE booking = ?').run(id, hold);
        central.insertBooking(
          {
            id, code: central.newCode(), centre, service: s.service,
            date: today, time: s.time, number, priority, channel: random() < 0.6 ? 'online' : 'app', status: 'active', version: 1,
          },
          `taxId:${String(3000000000 + Math.floor(random() * 999999999))}`,
        );
        central.sql('UPDATE slots SET booked = booked + 1 WHERE centre = ? AND service = ? AND date = ? AND time = ?').run(centre, s.service, today, s.time);
        made++;
      }
    }
    const booked = central.sql("SELECT id FROM bookings WHERE centre = ? AND date = ? AND status = 'active' AND channel != 'terminal' ORDER BY time, id").pluck().all(centre, today) as string[];
    for (let i = 1; i <= CANCELLED && booked.length > CANCELLED * 4; i++) central.touchBooking(booked[Math.floor((i * booked.length) / (CANCELLED + 1))]!, "status = 'cancelled'");
    const tomorrow = addDays(today, 1);
    const seats = central.sql('SELECT service, time FROM slots WHERE centre = ? AND date = ? ORDER BY time, service LIMIT ?').all(centre, tomorrow, TOMORROW) as { service: string; time: string }[];
    for (const s of seats) {
      const number = central.takeNumber(centre, tomorrow, false);
      central.insertBooking(
        { id: `${centre}-${tomorrow.replaceAll('-', '')}-T${number}`, code: central.newCode(), centre, service: s.service, date: tomorrow, time: s.time, number, priority: null, channel: 'online', status: 'active', version: 1 },
        null,
      );
      central.sql('UPDATE slots SET booked = booked + 1 WHERE centre = ? AND service = ? AND date = ? AND time = ?').run(centre, s.service, tomorrow, s.time);
    }
  })();
  return made;
}

/** The demo's bookings of some days, for printing a few codes to try at start. */
export function demoBookingsOn(central: Central, centre: string, dates: string[]): { code: string; date: string; time: string; status: 'active' | 'cancelled' }[] {
  return dates.flatMap(
    (date) => central.sql('SELECT code, date, time, status FROM bookings WHERE centre = ? AND date = ? ORDER BY time, number').all(centre, date) as { code: string; date: string; time: string; status: 'active' | 'cancelled' }[],
  );
}
