import type { FloorError } from './errors.js';
import { emptyPatch, type FloorPatch } from './floorState.js';
import type { Millis } from './types.js';

export const FLOOR_EVENT_TYPES = [
  'visit.checked_in',
  'visit.reprinted',
  'visit.called',
  'visit.recalled',
  'visit.started',
  'visit.finished',
  'visit.no_show',
  'visit.transferred',
  'visit.paused',
  'visit.resumed',
  'desk.paused',
  'desk.resumed',
  'alert.started',
  'alert.ended',
  'service.suspended',
  'service.resumed',
  // same-day terminal bookings and licence pickup tickets (sameDay.ts); an in-person unblock for central
  'booking.created',
  'licence.picked_up',
  'person.unblocked',
] as const;

export type FloorEventType = (typeof FLOOR_EVENT_TYPES)[number];

/** An outbox event before the store gives it an id and a sequence number (DESIGN §6). */
export interface FloorEventDraft {
  type: FloorEventType;
  at: Millis;
  booking: string | null;
  data: Record<string, unknown>;
}

export type Decision<R> =
  | { ok: true; patch: FloorPatch; events: FloorEventDraft[]; result: R }
  | { ok: false; error: FloorError };

/** Collects a decision's patch and events as the rule builds them. */
export class DecisionBuilder {
  readonly patch: FloorPatch = emptyPatch();
  readonly events: FloorEventDraft[] = [];

  event(type: FloorEventType, at: Millis, booking: string | null, data: Record<string, unknown> = {}): this {
    this.events.push({ type, at, booking, data });
    return this;
  }

  done<R>(result: R): Decision<R> {
    return { ok: true, patch: this.patch, events: this.events, result };
  }
}
