/**
 * Over random days (random booking order and slot times, check-ins, calls, transfers, alerts):
 * among the checked-in regular visitors of a service, callNext follows slot order, except for the
 * documented exceptions (docs/architecture.md "The floor's order"): a late arrival or a transferred
 * visitor ranks right behind the cursor, a chosen number is called out of order, priority first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callNext, callNumber, checkIn, finish, setAlert, transfer, MINUTE, type Booking,
} from '../../../main/core/index.js';
import { at, booking, floor } from '../../helpers/floor.js';

const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'] as const;
/** The oracle's own slot order, independent of the implementation's positions: slot time, then number. */
const key = (b: Booking): [string, number] => [b.time, b.number];
const before = (a: [string, number], b: [string, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const bookingArb = fc.record({
  slot: fc.integer({ min: 9 * 4, max: 17 * 4 }).map((q) => hhmm(q * 15)),
  service: fc.constantFrom(...SERVICES),
  priority: fc.integer({ min: 0, max: 5 }).map((p) => (p === 0 ? 'disability' as const : null)),
});

const actionArb = fc.oneof(
  fc.record({ kind: fc.constant('checkIn' as const), who: fc.nat() }),
  fc.record({ kind: fc.constant('checkIn' as const), who: fc.nat() }),
  fc.record({ kind: fc.constant('callNext' as const), desk: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('callNext' as const), desk: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('callNumber' as const), desk: fc.integer({ min: 1, max: 3 }), who: fc.nat() }),
  fc.record({ kind: fc.constant('finish' as const), desk: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('finish' as const), desk: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('transfer' as const), desk: fc.integer({ min: 1, max: 3 }), service: fc.constantFrom(...SERVICES) }),
  fc.record({ kind: fc.constant('alert' as const), active: fc.boolean() }),
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
);

describe('the floor order over random days', () => {
  it('calls the checked-in on-time regular visitors of a service in slot order, the cursor never going back', () => {
    fc.assert(
      fc.property(fc.array(bookingArb, { minLength: 4, maxLength: 40 }), fc.array(actionArb, { minLength: 40, maxLength: 200 }), (drafts, actions) => {
        // Numbers are handed out in booking order, not slot order: the floor must not care.
        const bookings: Booking[] = drafts.map((d, i) =>
          booking(d.priority ? i + 1 : 1000 + i, d.slot, { service: d.service, priority: d.priority }));
        const state = floor(bookings, { checkIn: { earliestMinutes: 24 * 60, latestMinutes: 24 * 60, reprints: 0 } });
        // Visitors who are an exception to slot order: late (the cursor had passed them), transferred, chosen.
        const exempt = new Set<string>();
        // The oracle's cursor per service: the latest slot called there by a regular, not transferred, visitor.
        const cursor = new Map<string, [string, number]>();
        const advance = (bookingId: string, wasTransferred: boolean) => {
          const b = state.bookings.get(bookingId)!;
          if (b.priority || wasTransferred) return;
          const c = cursor.get(b.service);
          if (!c || before(c, key(b))) cursor.set(b.service, key(b));
        };
        let now = at('08:00');
        for (const a of actions) {
          const cursorsBefore = new Map(SERVICES.map((s) => [s, state.cursor(s)]));
          if (a.kind === 'wait') now += a.minutes * MINUTE;
          else if (a.kind === 'checkIn') {
            const b = bookings[a.who % bookings.length]!;
            const d = checkIn(state, b, now);
            if (d.ok) {
              const c = cursor.get(b.service);
              if (!state.visits.has(b.id) && c && !before(c, key(b))) exempt.add(b.id);
              state.applyPatch(d.patch);
            }
          } else if (a.kind === 'alert') {
            const d = setAlert(state, a.active, 'manual', now);
            if (d.ok) state.applyPatch(d.patch);
          } else if (a.kind === 'finish') {
            const d = finish(state, a.desk, now);
            if (d.ok) state.applyPatch(d.patch);
          } else if (a.kind === 'transfer') {
            const d = transfer(state, a.desk, { service: a.service }, now);
            if (d.ok) {
              exempt.add(state.desks.get(a.desk)!.current!);
              state.applyPatch(d.patch);
            }
          } else if (a.kind === 'callNumber') {
            const b = bookings[a.who % bookings.length]!;
            const d = callNumber(state, a.desk, b.number, now);
            if (d.ok) {
              exempt.add(d.result.call.bookingId);
              advance(d.result.call.bookingId, state.visits.get(d.result.call.bookingId)!.state === 'transferred');
              state.applyPatch(d.patch);
            }
          } else {
            const d = callNext(state, a.desk, now);
            if (state.frozen) expect(d.ok).toBe(false);
            if (d.ok) {
              const called = state.visits.get(d.result.call.bookingId)!;
              const calledBooking = state.bookings.get(called.bookingId)!;
              if (!called.priority && !exempt.has(called.bookingId) && called.targetDesk === null) {
                for (const w of state.visits.values()) {
                  if (w === called || w.state !== 'checked_in' || w.priority || exempt.has(w.bookingId) || w.service !== called.service) continue;
                  expect(before(key(state.bookings.get(w.bookingId)!), key(calledBooking))).toBe(false);
                }
              }
              advance(called.bookingId, called.state === 'transferred');
              state.applyPatch(d.patch);
            }
          }
          for (const s of SERVICES) expect(state.cursor(s)).toBeGreaterThanOrEqual(cursorsBefore.get(s)!);
        }
      }),
      { numRuns: 300 },
    );
  });
});
