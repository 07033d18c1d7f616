/**
 * Booked citizens are served in the order of their slots, with the reference central and a real
 * hub: whichever channel books first, and whenever, the floor calls by slot time.
 */
import { describe, expect, it } from 'vitest';
import { ask, cmdId } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { citizenBooks, withSyncedFloor } from './fixture.js';

const tempDir = useTempDir('talon-slot-order-');
const DAY = '2026-03-10';

describe('the floor with the reference central', () => {
  it('calls a same-day kiosk booking made first, for a later slot, after the citizens booked online for earlier slots', async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ central, hub, kiosk, desk }) => {
      const offers = (await ask(kiosk, 'services', {})) as { services: { code: string; nextTimes: string[] }[] };
      const later = offers.services.find((s) => s.code === 'DL_EXCHANGE')!.nextTimes.find((t) => t >= '10:30')!;
      const sameDay = (await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time: later, person: { kind: 'phone', value: '+380501234567' } })) as {
        ticket: { number: number };
      };
      // Booked after the kiosk's seat, for earlier slots.
      const early = citizenBooks(central, DAY, '10:00');
      const earlier = citizenBooks(central, DAY, '09:45');
      expect(early.number).toBeLessThan(sameDay.ticket.number);
      expect(earlier.number).toBeLessThan(early.number);
      await hub.link.round();
      for (const b of [early, earlier]) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
      const called: number[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = (await ask(desk, 'callNext', { commandId: cmdId() })) as { call: { number: number } };
        called.push(answer.call.number);
        await ask(desk, 'finish', { commandId: cmdId() });
      }
      expect(called).toEqual([earlier.number, early.number, sameDay.ticket.number]);
    });
  });
});
