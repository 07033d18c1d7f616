/**
 * The kiosk's same-day booking and licence pickup (DESIGN §4), from the terminal pool and licences
 * the central link keeps in the store: works offline; the bookings reach central through the outbox.
 */
import { randomInt } from 'node:crypto';
import { localParts } from '../core/clock.js';
import { bookSameDay, pickupBookingId, pickupTicket } from '../core/sameDay.js';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import type { SyncStore } from '../store/syncStore.js';
import { SameDayPeople } from '../store/sameDayPeople.js';
import type { LicenceView, ServiceOffer } from '../../sync/protocol/hub.js';
import type { Actor, Answer } from './answer.js';
import { hallKioskFrozen, printOutbox, withPrint, type Feature } from './commands.js';
import type { AlsoWrite } from './floorService.js';
import type { Ticket } from '../core/checkIn.js';
import type { HubPorts, SameDayDesk } from './extensions.js';
import { ticketView } from './views.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const NEXT_TIMES = 8;

function newCode(prefix: string): string {
  let code = prefix;
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export class PoolSameDayDesk implements SameDayDesk {
  readonly name = 'same-day pool';
  private ports: HubPorts | null = null;
  private readonly people: SameDayPeople;

  constructor(
    private readonly config: TalonConfig,
    private readonly sync: SyncStore,
  ) {
    this.people = new SameDayPeople(sync.store);
  }

  attach(ports: HubPorts): void {
    this.ports = ports;
  }

  /** Seats still ahead: a seat whose time has passed by more than the check-in tolerance is not offered. */
  private seats(now: Millis) {
    const { date, time } = localParts(now - this.config.checkIn.latestMinutes * 60_000, this.config.centre.timezone);
    return this.sync.freeSeats(localParts(now, this.config.centre.timezone).date).filter((s) => s.date > date || s.time >= time);
  }

  offers(now: Millis): Map<string, Pick<ServiceOffer, 'freeSlots' | 'nextTimes'>> {
    const out = new Map<string, Pick<ServiceOffer, 'freeSlots' | 'nextTimes'>>();
    for (const s of this.seats(now)) {
      const o = out.get(s.service) ?? { freeSlots: 0, nextTimes: [] };
      o.freeSlots = (o.freeSlots ?? 0) + 1;
      if (o.nextTimes.length < NEXT_TIMES && !o.nextTimes.includes(s.time)) o.nextTimes.push(s.time);
      out.set(s.service, o);
    }
    return out;
  }

  book(p: { commandId: string; service: string; time: string; person: { kind: string; value: string } }, actor: Actor, also?: AlsoWrite<Ticket>): Answer {
    const floor = this.ports!.floor;
    const code = newCode('T');
    const limit = { perService: this.config.sameDay.perPersonPerService, perDay: this.config.sameDay.perPersonPerDay ?? null };
    const outcome = floor.run(
      (state, now) => {
        const seat = this.seats(now).find((s) => s.service === p.service && s.time === p.time) ?? null;
        return bookSameDay(state, p.service, seat, p.person, code, now, this.people.booked(state.day, p.service, p.person), limit);
      },
      { commandId: p.commandId, actor: actor.id, name: 'book' },
      // The person's booking is counted in the booking's own transaction, with its print job.
      (ticket, now, state) => {
        this.people.add(ticket.bookingId, state.day, ticket.service, p.person);
        also?.(ticket, now, state);
      },
    );
    if (!outcome.ok) return outcome;
    return { ok: true, replayed: outcome.replayed, body: { ticket: ticketView(outcome.result, false), ...(outcome.replayed ? { replayed: true } : {}) } };
  }

  /**
   * A licence's status for the kiosk, only with the application's second factor (the last four
   * digits of the applicant's phone): a wrong factor answers as an unknown number, so a stranger
   * learns nothing, not even that the application exists.
   */
  licence(p: { applicationNumber: string; phoneLast4: string }): Answer {
    const view = this.licenceView(p.applicationNumber, p.phoneLast4);
    if (!view) return { ok: false, error: { code: 'UNKNOWN_APPLICATION' } };
    return { ok: true, body: { licence: view } };
  }

  licencePickup(p: { commandId: string; applicationNumber: string; phoneLast4: string }, actor: Actor, also?: AlsoWrite<Ticket>): Answer {
    const floor = this.ports!.floor;
    const view = this.licenceView(p.applicationNumber, p.phoneLast4);
    const service = this.config.central?.pickupService ?? 'DL_PICKUP';
    const outcome = floor.run(
      (state, now) => pickupTicket(state, view ?? null, service, newCode('P'), now, this.sync.firstFreeNumber(state.day)),
      { commandId: p.commandId, actor: actor.id, name: 'licencePickup' },
      also,
    );
    if (!outcome.ok) return outcome;
    return { ok: true, replayed: outcome.replayed, body: { ticket: ticketView(outcome.result, false), ...(outcome.replayed ? { replayed: true } : {}) } };
  }

  private licenceView(applicationNumber: string, phoneLast4: string): LicenceView | null {
    const l = this.sync.licence(applicationNumber.trim().toUpperCase()) ?? this.sync.licence(applicationNumber.trim());
    if (!l || l.phoneLast4 === null || l.phoneLast4 !== phoneLast4) return null;
    const taken = this.sync.store.booking(pickupBookingId(this.config.centre.id, l.applicationNumber));
    return {
      applicationNumber: l.applicationNumber,
      status: l.status,
      reason: l.reason,
      delivery: l.delivery,
      pickupHere: l.status === 'produced' && l.delivery === 'pickup' && l.pickupCentre === this.config.centre.id,
      pickupCentre: l.delivery === 'pickup' ? l.pickupCentre : null,
      pickupTicket: taken ? { number: taken.number, date: taken.date } : null,
      updatedAt: l.updatedAt,
    };
  }
}

/**
 * The kiosk's same-day booking and licences as a feature: registered where the hub has a same-day
 * desk (this pool, or a test's), each ticket printed like a check-in's.
 */
export function sameDayFeature(desk: SameDayDesk): Feature {
  return {
    name: 'same-day',
    register(host, ctx) {
      host.handle('kiosk', 'book', (p, actor) =>
        hallKioskFrozen(ctx, actor) ?? withPrint(ctx, desk.book(p, actor, printOutbox(ctx, actor)), actor));
      host.handle('kiosk', 'licence', (p, actor) => desk.licence(p, actor));
      host.handle('kiosk', 'licencePickup', (p, actor) =>
        hallKioskFrozen(ctx, actor) ?? withPrint(ctx, desk.licencePickup(p, actor, printOutbox(ctx, actor)), actor));
    },
  };
}
