/** Central's numbering by seat over random booking orders: number order is always slot order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../../main/core/clock.js';
import { Central } from '../../../sync/central/central.js';
import { bookOnline, cancelOnline } from '../../../sync/central/citizenBooking.js';
import { openCentralDb } from '../../../sync/central/db.js';
import { Refusal } from '../../../sync/central/refusals.js';
import { TestClock } from '../../helpers/hub.js';
import { centreDef } from '../../integration/sync/fixture.js';

const TIMES = ['09:00', '09:15', '09:20', '10:00', '10:40', '11:00', '15:00', '17:30'];

describe('numbering by seat', () => {
  it('gives regular bookings numbers in slot order (time, then service), whatever order they were booked and cancelled in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.constantFrom(...TIMES), service: fc.constantFrom('DL_EXCHANGE', 'THEORY_EXAM'), cancel: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        (requests) => {
          const c = new Central(openCentralDb(':memory:'), new TestClock(zonedInstant('2026-03-10', '08:00', 'Europe/Kyiv')).now);
          c.addCentre(centreDef());
          requests.forEach((r, i) => {
            try {
              const b = bookOnline(c, {
                centre: '8041', service: r.service, date: '2026-03-11', time: r.time, person: { kind: 'taxId', value: String(3100000000 + i) }, priority: null, channel: 'online',
              });
              if (r.cancel) cancelOnline(c, b.id, b.code);
            } catch (err) {
              if (!(err instanceof Refusal)) throw err; // a full slot or a time the service has no slot at
            }
          });
          const active = c.db.prepare("SELECT service, time, number FROM bookings WHERE date = '2026-03-11' AND status = 'active'").all() as
            { service: string; time: string; number: number }[];
          const numbers = new Set(active.map((b) => b.number));
          expect(numbers.size).toBe(active.length);
          const bySlot = [...active].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.service < b.service ? -1 : a.service > b.service ? 1 : a.number - b.number));
          expect(bySlot.map((b) => b.number)).toEqual([...bySlot.map((b) => b.number)].sort((a, b) => a - b));
          c.db.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});
