/**
 * Citizen bookings for a demo day: about two thirds of today's seats from two hours back to four
 * hours ahead, as if booked online. Written straight in (the rules are for real citizens, and a
 * demo needs slots already past). Kept across restarts: a day is seeded once.
 */
import { localParts, zonedInstant, MINUTE } from '../../main/core/clock.js';
import type { Central } from './central.js';
import { prng } from '../../main/core/prng.js';
import { takeSeat } from './seats.js';


const SHARE = 0.65;
const PRIORITY_SHARE = 0.05;

export function seedDemoCitizens(central: Central, centre: string, now: number, seed = 8041): number {
  const { timezone } = central.centre(centre);
  const today = localParts(now, timezone).date;
  const had = central.sql("SELECT count(*) FROM bookings WHERE centre = ? AND date = ? AND channel != 'terminal'").pluck().get(centre, today) as number;
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
  })();
  return made;
}
