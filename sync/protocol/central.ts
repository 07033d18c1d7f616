/**
 * The central booking API (DESIGN §6) and the reference server's citizen API: every request and
 * answer as a zod schema. The hub's sync client and the reference central server both import these.
 */
import { z } from 'zod';
import { bookingSchema, DATE, TIME } from './booking.js';
import { applicationNumber, LICENCE_STATUSES, personSchema } from './hub.js';

export { bookingSchema, personSchema };

const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(40);
const serverTime = z.number().int().nonnegative();

// ---- terminal API: the hub's side ----

/** `GET /v1/centres/{centre}/bookings?after={cursor}&limit=N` */
export const pullPageSchema = z.strictObject({
  bookings: z.array(bookingSchema),
  /** Opaque to the hub; the next pull passes it back as `after`. */
  cursor: z.string().max(64),
  more: z.boolean(),
  serverTime,
});
export type PullPage = z.infer<typeof pullPageSchema>;

export const PULL_LIMIT_MAX = 5000;

/** One outbox event on the wire. `id` is unique across all terminals: central drops repeats by it. */
export const wireEventSchema = z.strictObject({
  id: z.string().min(8).max(64),
  seq: z.number().int().positive(),
  type: z.string().regex(/^[a-z]+\.[a-z_]+$/).max(40),
  at: z.number().int().nonnegative(),
  booking: z.string().min(1).max(64).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type WireEvent = z.infer<typeof wireEventSchema>;

export const PUSH_BATCH_MAX = 1000;

/** `POST /v1/centres/{centre}/events` */
export const pushRequestSchema = z.strictObject({
  terminal: z.string().min(1).max(64),
  events: z.array(z.unknown()).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = { terminal: string; events: WireEvent[] };

export const REJECT_CODES = [
  'BAD_EVENT',
  'UNKNOWN_TYPE',
  'UNKNOWN_BOOKING',
  'OTHER_CENTRE',
  'SLOT_NOT_DELEGATED',
  'UNKNOWN_APPLICATION',
  'UNKNOWN_PERSON',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Ids sorted into what central took now, what it already had, and what it refuses for good. */
export const pushAnswerSchema = z.strictObject({
  accepted: z.array(z.string()),
  duplicate: z.array(z.string()),
  rejected: z.array(z.strictObject({ id: z.string(), code: z.string().max(40) })),
  serverTime,
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

/** `GET /v1/centres/{centre}/alert`: central's view of the centre's air-raid alert. */
export const alertAnswerSchema = z.strictObject({
  active: z.boolean(),
  since: z.number().int().nullable(),
  serverTime,
});
export type AlertAnswer = z.infer<typeof alertAnswerSchema>;

/** A same-day seat central delegated to the centre's terminal, with the ticket number it reserved. */
export const poolSlotSchema = z.strictObject({
  id: z.string().min(1).max(64),
  service: serviceCode,
  date: z.string().regex(DATE),
  time: z.string().regex(TIME),
  number: z.number().int().min(1000).max(99999),
});
export type PoolSlot = z.infer<typeof poolSlotSchema>;

/**
 * Per day, the first regular number past the day's seats (central numbers every seat when the day
 * opens): tickets made without a seat, such as licence pickups, are numbered from it, so they never
 * take a number a seat still holds.
 */
export const poolDaySchema = z.strictObject({ date: z.string().regex(DATE), firstFree: z.number().int().min(1000).max(999_999) });

/** `GET /v1/centres/{centre}/terminal-pool`: the free delegated seats of today and tomorrow. */
export const poolAnswerSchema = z.strictObject({ slots: z.array(poolSlotSchema), days: z.array(poolDaySchema).max(62).default([]), serverTime });
export type PoolAnswer = z.infer<typeof poolAnswerSchema>;

export const reasonSchema = z.strictObject({ uk: z.string(), en: z.string() });

export const licenceSchema = z.strictObject({
  applicationNumber,
  status: z.enum(LICENCE_STATUSES),
  reason: reasonSchema.nullable(),
  delivery: z.enum(['post', 'pickup']),
  /** The centre chosen for pickup; null for delivery by post. */
  pickupCentre: z.string().nullable(),
  /** The end of the review period (10 days, extended for alerts and outages). */
  dueAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  /** The second factor the kiosk asks for: the last four digits of the applicant's phone. */
  phoneLast4: z.string().regex(/^\d{4}$/).nullable().default(null),
  /** When a pickup ticket for it was taken at a centre. */
  pickedUpAt: z.number().int().nullable().default(null),
});
export type WireLicence = z.infer<typeof licenceSchema>;

/**
 * `GET /v1/centres/{centre}/licences`: the applications this centre answers for at its kiosk, whatever
 * their status: those to be picked up here, and those it handles (delivered by post or picked up at
 * another centre); one picked up in the last day stays, so the kiosk can say a ticket was taken.
 */
export const licencesAnswerSchema = z.strictObject({ licences: z.array(licenceSchema), serverTime });
export type LicencesAnswer = z.infer<typeof licencesAnswerSchema>;

/** Every refusal of the terminal and citizen APIs: `{ error: { code, message } }` with a Ukrainian message. */
export const errorAnswerSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), messageEn: z.string().optional() }) });

// ---- citizen API (reference server only; docs/central-api.md) ----

export const challengeSchema = z.strictObject({
  challenge: z.string(),
  /** Leading zero bits sha256(challenge + ':' + nonce) must have. */
  difficulty: z.number().int().min(0).max(32),
  expiresAt: z.number().int(),
});
export type Challenge = z.infer<typeof challengeSchema>;

export const citizenBookRequestSchema = z.strictObject({
  centre: z.string().min(1).max(16),
  service: serviceCode,
  date: z.string().regex(DATE),
  time: z.string().regex(TIME),
  person: personSchema,
  priority: z.enum(['disability', 'fallen_family', 'military']).nullable().default(null),
  channel: z.enum(['online', 'app']).default('online'),
  challenge: z.string().max(200),
  nonce: z.string().max(64),
});
export type CitizenBookRequest = z.input<typeof citizenBookRequestSchema>;

export const citizenCancelRequestSchema = z.strictObject({ code: z.string().min(4).max(32) });

export const freeSlotSchema = z.strictObject({ service: serviceCode, date: z.string(), time: z.string(), free: z.number().int() });
export const freeSlotsAnswerSchema = z.strictObject({ slots: z.array(freeSlotSchema), serverTime });

// ---- central's own admin API ----

export const setAlertRequestSchema = z.strictObject({ active: z.boolean() });
export const licenceStatusRequestSchema = z.strictObject({
  status: z.enum(LICENCE_STATUSES),
  reason: reasonSchema.optional(),
});
export const extendReviewRequestSchema = z.strictObject({ days: z.number().int().min(1).max(30), why: z.enum(['alert', 'outage']) });
