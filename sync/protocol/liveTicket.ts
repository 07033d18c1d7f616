/**
 * The citizen's live ticket (DESIGN §5 "Live ticket", docs/live-ticket.md): what the phone page shows,
 * the hub's read-only `/ticket` socket, and the progress the hub sends central so central can serve
 * the same page to phones on mobile data. No personal data anywhere: no booking code, no person, no
 * application number. A ticket is named by its live id (32 hex digits, 128 bits); central only ever
 * sees the SHA-256 of it (`key`), so neither its database nor its logs hold a working link.
 */
import { z } from 'zod';

/** 128 bits as 32 lowercase hex digits. */
export const liveIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a live ticket id is 32 hex digits');
/** SHA-256 of a live id, 64 lowercase hex digits: how central knows a ticket. */
export const liveKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'a live ticket key is 64 hex digits');

export const LIVE_STATES = ['waiting', 'called', 'serving', 'paused', 'done', 'no_show', 'gone'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(40);
const millis = z.number().int().nonnegative();

export const liveCallSchema = z.strictObject({
  number: z.number().int().min(1).max(99999),
  priority: z.boolean(),
  desk: z.number().int().min(1).max(999),
  at: millis,
});
export type LiveCall = z.infer<typeof liveCallSchema>;

export const liveAlertSchema = z.strictObject({
  active: z.boolean(),
  since: millis.nullable(),
  /** True when the alert stops this ticket's queue (the hall freezes); false when it is served on. */
  frozen: z.boolean(),
});

/** One ticket as its page shows it. */
export const liveTicketSchema = z.strictObject({
  number: z.number().int().min(1).max(99999),
  priority: z.boolean(),
  service: z.strictObject({ code: serviceCode, uk: z.string().max(200), en: z.string().max(200) }),
  state: z.enum(LIVE_STATES),
  /** People called before this ticket, counting those at the front; null once called or done. */
  ahead: z.number().int().nonnegative().nullable(),
  /** Estimated minutes until the call, alert time excluded; null when unknown or not waiting. */
  waitMinutes: z.number().int().nonnegative().nullable(),
  /** The desk that called or serves this ticket. */
  desk: z.number().int().min(1).max(999).nullable(),
  /** The newest calls of the centre, newest first (what the hall board shows). */
  calls: z.array(liveCallSchema).max(6),
  alert: liveAlertSchema,
  /** When the floor was last seen in this state (hub time); the page says "updated at …" from it. */
  updatedAt: millis,
});
export type LiveTicket = z.infer<typeof liveTicketSchema>;

/**
 * The `/ticket` socket sends the shared part of the floor once for every phone (`floor`, one encode
 * per change, not one per ticket) and a ticket's own part (`ticket`) only when the shared counters
 * do not already tell it: a call from the front of a queue moves every ticket behind it up by one,
 * and the page works that out from `called` itself. The hub sends a ticket again only when its
 * state, desk or alert changed, or its place is not what the counters predict (a priority visitor
 * or a late arrival put in front, a transfer), so a call costs the hub one message, not thousands.
 */
export const liveFloorSchema = z.strictObject({
  calls: z.array(liveCallSchema).max(6),
  alert: z.strictObject({ active: z.boolean(), since: millis.nullable() }),
  /** Per service, how many of today's visitors have been called from its queue. */
  called: z.record(serviceCode, z.number().int().nonnegative()),
  /** Per service, whether the alert stops its queue now (so a page never mixes an old own part with a new alert). */
  frozen: z.record(serviceCode, z.boolean()),
  at: millis,
});
export type LiveFloor = z.infer<typeof liveFloorSchema>;

export const liveOwnSchema = z.strictObject({
  number: z.number().int().min(1).max(99999),
  priority: z.boolean(),
  service: z.strictObject({ code: serviceCode, uk: z.string().max(200), en: z.string().max(200) }),
  state: z.enum(LIVE_STATES),
  /** People ahead when `base` visitors of the service had been called; null once called or done. */
  ahead: z.number().int().nonnegative().nullable(),
  base: z.number().int().nonnegative(),
  /** Estimated minutes per person ahead (the service's time at a desk, shared by its open desks). */
  rate: z.number().nonnegative(),
  /** Minutes added whatever is ahead (every desk of the service busy now): wait = ⌈ahead × rate + extra⌉. */
  extra: z.number().nonnegative(),
  desk: z.number().int().min(1).max(999).nullable(),
  frozen: z.boolean(),
  at: millis,
});
export type LiveOwn = z.infer<typeof liveOwnSchema>;

export { composeLiveTicket } from './liveCompose.js';

/** `/ticket` namespace handshake: the live id is the only credential, and it reads one ticket. */
export const ticketHandshakeSchema = z.strictObject({
  ticket: liveIdSchema,
  lang: z.enum(['uk', 'en']).optional(),
});

// ---- the hub → central relay (`PUT /v1/centres/{centre}/progress`) ----

/** A ticket as central keeps it: the view without the shared parts, under its key. */
export const progressTicketSchema = z.strictObject({
  key: liveKeySchema,
  /** Central's own booking id, so its "turn is near" webhook can name the booking to a gateway. */
  booking: z.string().min(1).max(64),
  service: serviceCode,
  number: z.number().int().min(1).max(99999),
  priority: z.boolean(),
  state: z.enum(LIVE_STATES),
  ahead: z.number().int().nonnegative().nullable(),
  waitMinutes: z.number().int().nonnegative().nullable(),
  desk: z.number().int().min(1).max(999).nullable(),
  frozen: z.boolean(),
});
export type ProgressTicket = z.infer<typeof progressTicketSchema>;

export const PROGRESS_TICKETS_MAX = 5000;

export const progressServiceSchema = z.strictObject({
  service: serviceCode,
  uk: z.string().max(200),
  en: z.string().max(200),
  /** The number last called for this service: the position being served. */
  serving: z.number().int().min(1).max(99999).nullable(),
  waiting: z.number().int().nonnegative(),
  /** Estimated minutes for the next one in the queue to be called. */
  waitMinutes: z.number().int().nonnegative().nullable(),
  frozen: z.boolean(),
});

export const progressRequestSchema = z.strictObject({
  terminal: z.string().min(1).max(64),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Hub time of this picture of the floor. */
  at: millis,
  alert: z.strictObject({ active: z.boolean(), since: millis.nullable() }),
  services: z.array(progressServiceSchema).max(100),
  calls: z.array(liveCallSchema).max(6),
  tickets: z.array(progressTicketSchema).max(PROGRESS_TICKETS_MAX),
});
export type ProgressRequest = z.infer<typeof progressRequestSchema>;

export const progressAnswerSchema = z.strictObject({ tickets: z.number().int().nonnegative(), serverTime: millis });
export type ProgressAnswer = z.infer<typeof progressAnswerSchema>;

/** `GET /v1/tickets/{id}` on central. */
export const ticketAnswerSchema = z.strictObject({ ticket: liveTicketSchema, serverTime: millis });

/** The body central posts to an integrator's webhook when a ticket's turn is near (HMAC-signed). */
export const turnNearSchema = z.strictObject({
  type: z.literal('ticket.turn_near'),
  id: z.string(),
  centre: z.string(),
  booking: z.string(),
  service: serviceCode,
  number: z.number().int(),
  ahead: z.number().int().nonnegative(),
  waitMinutes: z.number().int().nonnegative().nullable(),
  at: millis,
});
export type TurnNear = z.infer<typeof turnNearSchema>;
