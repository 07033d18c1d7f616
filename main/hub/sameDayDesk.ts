/**
 * The kiosk's same-day booking and licence pickup (DESIGN §4), from the terminal pool and licences
 * the central link keeps in the store: works offline; the bookings reach central through the outbox.
 */
import { randomInt } from 'node:crypto';
import { localParts } from '../core/clock.js';
import { bookSameDay, pickupTicket } from '../core/sameDay.js';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import type { SyncStore } from '../store/syncStore.js';
import type { LicenceView, ServiceOffer } from '../../sync/protocol/hub.js';
import type { Actor, Answer } from './commands.js';
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

  constructor(
    private readonly config: TalonConfig,
    private readonly sync: SyncStore,
  ) {}

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
    const outcome = floor.run(
      (state, now) => bookSameDay(state, p.service, this.seats(now).find((s) => s.service === p.service && s.time === p.time) ?? null, p.person, code, now),
      { commandId: p.commandId, actor: actor.id, name: 'book' },
      also,
    );
    if (!outcome.ok) return outcome;
    return { ok: true, replayed: outcome.replayed, body: { ticket: ticketView(outcome.result, false), ...(outcome.replayed ? { replayed: true } : {}) } };
  }

  licence(p: { applicationNumber: string }): Answer {
    const view = this.licenceView(p.applicationNumber);
    if (!view) return { ok: false, error: { code: 'UNKNOWN_APPLICATION' } };
    return { ok: true, body: { licence: view } };
  }

  licencePickup(p: { commandId: string; applicationNumber: string }, actor: Actor, also?: AlsoWrite<Ticket>): Answer {
    const floor = this.ports!.floor;
    const view = this.licenceView(p.applicationNumber);
    const service = this.config.central?.pickupService ?? 'DL_PICKUP';
    const outcome = floor.run((state, now) => pickupTicket(state, view ?? null, service, newCode('P'), now), {
      commandId: p.commandId,
      actor: actor.id,
      name: 'licencePickup',
    }, also);
    if (!outcome.ok) return outcome;
    return { ok: true, replayed: outcome.replayed, body: { ticket: ticketView(outcome.result, false), ...(outcome.replayed ? { replayed: true } : {}) } };
  }

  private licenceView(applicationNumber: string): LicenceView | null {
    const l = this.sync.licence(applicationNumber.trim().toUpperCase()) ?? this.sync.licence(applicationNumber.trim());
    if (!l) return null;
    return {
      applicationNumber: l.applicationNumber,
      status: l.status,
      reason: l.reason,
      delivery: l.delivery,
      pickupHere: l.status === 'produced' && l.delivery === 'pickup' && l.pickupCentre === this.config.centre.id,
      updatedAt: l.updatedAt,
    };
  }
}
