/**
 * The hub's socket.io contract (DESIGN §5): one schema per client→server event, per namespace, and
 * the shapes the hub sends. The hub validates with these; the renderer takes its types from them.
 */
import { z } from 'zod';

export const NAMESPACES = ['kiosk', 'board', 'desk', 'admin'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const commandId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'a commandId is 8–64 of A–Z a–z 0–9 _ -');
const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(40);

export const handshakeSchema = z.object({
  token: z.string().max(200).optional(),
  lang: z.enum(['uk', 'en']).optional(),
});

/** Client → server events, each with its payload schema. A `commandId` marks a command that acts. */
export const CLIENT_EVENTS = {
  kiosk: {
    checkIn: z.strictObject({ commandId, code: z.string().min(1).max(64) }),
    services: z.strictObject({}),
  },
  desk: {
    callNext: z.strictObject({ commandId }),
    callNumber: z.strictObject({ commandId, number: z.number().int().min(1).max(99999) }),
    recall: z.strictObject({ commandId }),
    start: z.strictObject({ commandId }),
    finish: z.strictObject({ commandId }),
    noShow: z.strictObject({ commandId }),
    transfer: z.union([
      z.strictObject({ commandId, service: serviceCode }),
      z.strictObject({ commandId, desk: z.number().int().min(1).max(999) }),
    ]),
    pause: z.strictObject({ commandId }),
    resume: z.strictObject({ commandId }),
    sync: z.strictObject({}),
  },
  board: {},
  admin: {
    alert: z.strictObject({ commandId, active: z.boolean() }),
    suspendService: z.strictObject({ commandId, service: serviceCode, suspended: z.boolean() }),
    report: z.strictObject({}),
  },
} as const satisfies Record<Namespace, Record<string, z.ZodType>>;

export type ClientEvents = typeof CLIENT_EVENTS;
export type ClientEventName<N extends Namespace> = keyof ClientEvents[N] & string;
export type ClientPayload<N extends Namespace, E extends ClientEventName<N>> = z.input<ClientEvents[N][E] & z.ZodType>;

/** Error codes the hub adds to the floor's own (main/core/errors.ts). */
export const HUB_ERROR_CODES = [
  'BAD_PAYLOAD',
  'UNKNOWN_EVENT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'COMMAND_REUSED',
  'READ_ONLY',
  'INTERNAL',
] as const;

export const errorSchema = z.object({ code: z.string(), message: z.string() });
export type HubError = z.infer<typeof errorSchema>;
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: HubError };

// ---- what the hub sends ----

export const callSchema = z.object({
  number: z.number().int(),
  priority: z.boolean(),
  desk: z.number().int(),
  service: z.string(),
  at: z.number(),
  recall: z.boolean(),
});
export type CallView = z.infer<typeof callSchema>;

export const visitViewSchema = z.object({
  bookingId: z.string(),
  number: z.number().int(),
  priority: z.boolean(),
  service: z.string(),
  state: z.enum(['checked_in', 'transferred', 'called', 'serving', 'paused', 'done', 'no_show']),
  time: z.string(),
  checkedInAt: z.number().nullable(),
  calledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  recalls: z.number().int(),
  transfers: z.number().int(),
});
export type VisitView = z.infer<typeof visitViewSchema>;

export const deskViewSchema = z.object({
  number: z.number().int(),
  services: z.array(z.string()),
  status: z.enum(['open', 'paused']),
  current: visitViewSchema.nullable(),
});
export type DeskView = z.infer<typeof deskViewSchema>;

export const alertViewSchema = z.object({ active: z.boolean(), since: z.number().nullable(), freezes: z.boolean() });
export type AlertView = z.infer<typeof alertViewSchema>;

export const statsSchema = z.object({
  waiting: z.record(z.string(), z.number().int()),
  served: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
});
export type StatsView = z.infer<typeof statsSchema>;

export const snapshotSchema = z.object({
  serverTime: z.number(),
  day: z.string(),
  centre: z.object({ id: z.string(), name: z.string(), timezone: z.string(), worksDuringAlert: z.boolean() }),
  services: z.array(z.object({ code: z.string(), uk: z.string(), en: z.string(), suspended: z.boolean() })),
  desks: z.array(deskViewSchema),
  alert: alertViewSchema,
  calls: z.array(callSchema),
  stats: statsSchema,
  /** For a desk console: its own desk. */
  desk: deskViewSchema.optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const ticketSchema = z.object({
  bookingId: z.string(),
  number: z.number().int(),
  priority: z.boolean(),
  service: z.string(),
  time: z.string(),
  desks: z.array(z.number().int()),
  checkedInAt: z.number(),
  reprint: z.boolean(),
  printed: z.boolean(),
});
export type TicketView = z.infer<typeof ticketSchema>;

/** Server → client events per namespace. */
export interface ServerEvents {
  snapshot: Snapshot;
  called: CallView;
  alert: AlertView;
  stats: StatsView;
  queue: StatsView['waiting'];
  desk: DeskView;
  problem: { event: string; error: HubError };
}
