/**
 * A centre for the e2e specs: a real hub on loopback serving the built pages, bookings around a test
 * clock, and small in-test printer and same-day implementations where a page needs them (the pages
 * are the subject there, not the printer or the pool).
 */
import type { ConfigInput } from '../../main/config/schema.js';
import type { HubExtensions, SameDayDesk, TicketPrinter } from '../../main/hub/extensions.js';
import type { Answer } from '../../main/hub/commands.js';
import type { Booking } from '../../main/core/types.js';
import type { LicenceView, PrinterView, PrintView, TicketView } from '../../sync/protocol/hub.js';
import { at, booking } from '../helpers/floor.js';
import { startTestHub, TestClock, testConfig, type TestHub } from '../helpers/hub.js';

export { at, booking };

/** A printer the spec controls: prints at once while healthy, keeps tickets waiting while in trouble. */
export interface ScriptedPrinter extends TicketPrinter {
  printed: TicketView[];
  setState(state: PrinterView['state']): void;
}

export function scriptedPrinter(): ScriptedPrinter {
  let state: PrinterView['state'] = 'ok';
  const progress = new Map<string, PrintView>();
  let ports: Parameters<NonNullable<TicketPrinter['attach']>>[0] | null = null;
  const printed: TicketView[] = [];
  return {
    name: 'scripted printer',
    printed,
    attach(p) {
      ports = p;
    },
    print(ticket) {
      const view: PrintView =
        state === 'ok'
          ? { bookingId: ticket.bookingId, status: 'printed', problem: null }
          : { bookingId: ticket.bookingId, status: 'waiting', problem: state === 'none' ? null : state };
      if (state === 'ok') printed.push(ticket);
      progress.set(ticket.bookingId, view);
      return view;
    },
    progress: (id) => progress.get(id) ?? null,
    status: () => ({ state, queued: 0 }),
    setState(next) {
      state = next;
      ports?.emitToRole('kiosk', 'printer', { state, queued: 0 });
    },
  };
}

/**
 * A licence application in each status; DL-0004 waits at this centre, DL-0005 was refused, DL-0006 is
 * sent by post, DL-0007 waits at centre 8042, DL-0008's pickup ticket was taken.
 */
export const LICENCES: LicenceView[] = [
  { applicationNumber: 'DL-0001', status: 'sent', reason: null, delivery: 'pickup', pickupHere: false, pickupCentre: '8041', pickupTicket: null, updatedAt: 0 },
  { applicationNumber: 'DL-0002', status: 'received', reason: null, delivery: 'pickup', pickupHere: false, pickupCentre: '8041', pickupTicket: null, updatedAt: 0 },
  { applicationNumber: 'DL-0003', status: 'in_work', reason: null, delivery: 'post', pickupHere: false, pickupCentre: null, pickupTicket: null, updatedAt: 0 },
  { applicationNumber: 'DL-0004', status: 'produced', reason: null, delivery: 'pickup', pickupHere: true, pickupCentre: '8041', pickupTicket: null, updatedAt: 0 },
  {
    applicationNumber: 'DL-0005',
    status: 'refused',
    reason: { uk: 'Медична довідка недійсна', en: 'The medical certificate is not valid' },
    delivery: 'pickup',
    pickupHere: false,
    pickupCentre: '8041',
    pickupTicket: null,
    updatedAt: 0,
  },
  { applicationNumber: 'DL-0006', status: 'produced', reason: null, delivery: 'post', pickupHere: false, pickupCentre: null, pickupTicket: null, updatedAt: 0 },
  { applicationNumber: 'DL-0007', status: 'produced', reason: null, delivery: 'pickup', pickupHere: false, pickupCentre: '8042', pickupTicket: null, updatedAt: 0 },
  {
    applicationNumber: 'DL-0008', status: 'produced', reason: null, delivery: 'pickup', pickupHere: true, pickupCentre: '8041',
    pickupTicket: { number: 1234, date: '2026-03-10' }, updatedAt: 0,
  },
];

export interface PoolSlot {
  service: string;
  times: string[];
}

export interface FixedSameDay extends SameDayDesk {
  booked: { service: string; time: string; person: { kind: string; value: string } }[];
}

/**
 * Same-day booking and licences from fixed data. The tickets it answers are made up here (numbers
 * from 1100): the kiosk's screens are the subject, the pool and central are another issue's.
 */
export function fixedSameDay(pool: PoolSlot[], licences: LicenceView[], now: () => number): FixedSameDay {
  const free = new Map(pool.map((p) => [p.service, [...p.times]]));
  const answers = new Map<string, Answer>();
  const booked: FixedSameDay['booked'] = [];
  let number = 1100;
  const ticket = (service: string, time: string): Answer => ({
    ok: true,
    body: {
      ticket: { bookingId: `T-${number}`, number: number++, priority: false, service, time, desks: [1, 2], checkedInAt: now(), reprint: false, printed: false } satisfies TicketView,
    },
  });
  const once = (commandId: string, make: () => Answer): Answer => {
    const known = answers.get(commandId);
    if (known) return { ...known, replayed: true } as Answer;
    const answer = make();
    answers.set(commandId, answer);
    return answer;
  };
  return {
    name: 'fixed same-day pool',
    booked,
    offers: () => new Map([...free].map(([service, times]) => [service, { freeSlots: times.length, nextTimes: times.slice(0, 8) }])),
    book: (p) =>
      once(p.commandId, () => {
        const times = free.get(p.service) ?? [];
        if (!times.includes(p.time)) return { ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'slot' } } };
        free.set(p.service, times.filter((x) => x !== p.time));
        booked.push({ service: p.service, time: p.time, person: p.person });
        return ticket(p.service, p.time);
      }),
    licence: (p) => {
      const found = licences.find((l) => l.applicationNumber === p.applicationNumber);
      return found ? { ok: true, body: { licence: found } } : { ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'licence' } } };
    },
    licencePickup: (p) => once(p.commandId, () => ticket('DL_EXCHANGE', '—')),
  };
}

/** Speech is off (espeak-ng per call would only slow the specs); the chime is still served. */
export async function startCentre(
  dir: string,
  clock: TestClock,
  bookings: Booking[],
  extensions: HubExtensions = {},
  config: Partial<ConfigInput> = {},
): Promise<TestHub> {
  return startTestHub(dir, clock, bookings, testConfig({ speech: { enabled: false }, ...config }, dir), extensions);
}

export { TestClock };
