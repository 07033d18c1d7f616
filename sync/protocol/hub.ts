/**
 * The hub's socket.io contract (DESIGN §5): one schema per client→server event, per namespace, and
 * the shapes the hub sends. The hub validates with these; the renderer takes its types from them.
 */
import { z } from 'zod';

export const NAMESPACES = ['kiosk', 'board', 'desk', 'admin'] as const;
export type Namespace = (typeof NAMESPACES)[number];

import { DATE, TIME } from './booking.js';
import { ALERT_TYPES } from '../../main/core/alertTypes.js';
import { PAUSE_REASONS } from '../../main/core/types.js';

export { PAUSE_REASONS };

export const commandId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'a commandId is 8–64 of A–Z a–z 0–9 _ -');
const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/).max(40);

export const handshakeSchema = z.object({
  token: z.string().max(200).optional(),
  lang: z.enum(['uk', 'en']).optional(),
});

/** Who takes a same-day terminal booking: an individual by phone or tax number, a legal entity by EDRPOU. */
export const personSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), value: z.string().regex(/^\+380\d{9}$/, 'a phone number is +380 and 9 digits') }),
  z.strictObject({ kind: z.literal('taxId'), value: z.string().regex(/^\d{10}$/, 'a tax number (РНОКПП) is 10 digits') }),
  z.strictObject({ kind: z.literal('edrpou'), value: z.string().regex(/^\d{8}$/, 'an EDRPOU code is 8 digits') }),
]);
export type Person = z.infer<typeof personSchema>;

export const applicationNumber = z
  .string()
  .min(4)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'an application number has only Latin letters, digits and dashes');

/** A licence application's second factor: the last four digits of the applicant's phone. */
export const phoneLast4 = z.string().regex(/^\d{4}$/, 'the last four digits of the phone');
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const reportPeriod = z.union([
  z.strictObject({ day: z.string().regex(DATE, 'a day is YYYY-MM-DD') }),
  z.strictObject({ month: z.string().regex(MONTH, 'a month is YYYY-MM') }),
]);
export type ReportPeriod = z.infer<typeof reportPeriod>;

/** Client → server events, each with its payload schema. A `commandId` marks a command that acts. */
export const CLIENT_EVENTS = {
  kiosk: {
    checkIn: z.strictObject({ commandId, code: z.string().min(1).max(64) }),
    services: z.strictObject({}),
    book: z.strictObject({ commandId, service: serviceCode, time: z.string().regex(TIME, 'a time is HH:MM'), person: personSchema }),
    // The second factor: the last four digits of the applicant's phone from the application (docs/hub-protocol.md).
    licence: z.strictObject({ applicationNumber, phoneLast4 }),
    licencePickup: z.strictObject({ commandId, applicationNumber, phoneLast4 }),
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
    /** The reason is optional for older consoles and the desk bus (they pause as «other»). */
    pause: z.strictObject({ commandId, reason: z.enum(PAUSE_REASONS).optional() }),
    resume: z.strictObject({ commandId }),
    /** Prints the ticket of the desk's current visitor again. */
    reprint: z.strictObject({ commandId }),
    sync: z.strictObject({}),
  },
  board: {},
  admin: {
    alert: z.strictObject({ commandId, active: z.boolean() }),
    suspendService: z.strictObject({ commandId, service: serviceCode, suspended: z.boolean() }),
    report: z.strictObject({}),
    /** A one-time code with which a desk console signs in without typing the desk's token. */
    pairDesk: z.strictObject({ commandId, desk: z.number().int().min(1).max(999) }),
    /** The in-person unblock after four no-shows in a month, sent to central. */
    unblockPerson: z.strictObject({ commandId, person: personSchema }),
    devices: z.strictObject({}),
    /** A report for one day or one month from the stored visits, alerts and pauses (issue 11). */
    reportFor: reportPeriod,
    /** The same report as CSV, for a spreadsheet. */
    reportCsv: reportPeriod,
    /** Today's bookings with their codes, for the administrator (and a newcomer trying the demo). */
    bookings: z.strictObject({}),
    // ---- paired desk consoles (main/hub/pairedDevices.ts, docs/security.md) ----
    pairedDevices: z.strictObject({}),
    revokeDevice: z.strictObject({ commandId, device: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a device id from pairedDevices') }),
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
  /** A feature this centre has not got: no same-day pool, no link to central, no printer. */
  'NOT_AVAILABLE',
  /** Too many events from one socket or address: the ack says when to try again (`retryAfterMs`). */
  'RATE_LIMITED',
  /** The handshake was refused: this address or namespace holds as many sockets as the hub allows. */
  'TOO_MANY_CONNECTIONS',
  'NOT_FOUND',
] as const;

export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** With RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs: z.number().int().min(0).optional(),
});
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
  /** Stands in the shelter: keeps calling during an alert. */
  shelter: z.boolean().optional(),
  /** Why it is paused; null while open. */
  pauseReason: z.enum(PAUSE_REASONS).nullable().optional(),
  /** When the desk entered its present state, when known. */
  since: z.number().nullable().optional(),
  /** The visitors this desk may call (its services' queues and transfers to it), next first. */
  waiting: z.array(z.object({ bookingId: z.string(), number: z.number().int(), service: z.string(), time: z.string(), checkedInAt: z.number().nullable(), priority: z.boolean() })).optional(),
});
export type DeskView = z.infer<typeof deskViewSchema>;

export const alertViewSchema = z.object({
  active: z.boolean(),
  since: z.number().nullable(),
  /** The hall's desks stop (some desk stands outside the shelter). */
  freezes: z.boolean(),
  /** Desks that keep calling during an alert (docs/alerts.md, shelter service). */
  shelterDesks: z.array(z.number().int()).optional(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const statsSchema = z.object({
  waiting: z.record(z.string(), z.number().int()),
  served: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  /** Free same-day slots per service, for the hall board; absent where the centre has no same-day pool. */
  freeSlots: z.record(z.string(), z.number().int()).optional(),
});
export type StatsView = z.infer<typeof statsSchema>;

/** Today's numbers for the admin page (`report`). */
export const dayReportSchema = z.object({
  day: z.string(),
  booked: z.number().int(),
  cancelled: z.number().int(),
  checkedIn: z.number().int(),
  served: z.number().int(),
  waiting: z.number().int(),
  atDesks: z.number().int(),
  noShows: z.number().int(),
  excusedNoShows: z.number().int(),
  alertMinutes: z.number().int(),
  /** Mean minutes from check-in to call, over visits called today. */
  meanWaitMinutes: z.number().nullable(),
});
export type DayReport = z.infer<typeof dayReportSchema>;

/**
 * A day's or a month's report. Waits and utilisation are net of alert time: the minutes an alert
 * covered are taken out of each wait, of each desk's busy time and of its available time.
 */
export const periodReportSchema = z.object({
  kind: z.enum(['day', 'month']),
  /** YYYY-MM-DD or YYYY-MM. */
  period: z.string(),
  days: z.array(z.string()),
  checkedIn: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  excusedNoShows: z.number().int(),
  alertMinutes: z.number().int(),
  /** Minutes the desks were paused, by reason. */
  pauseMinutes: z.record(z.string(), z.number().int()),
  /** Served per hour (a day: labels HH:00) or per day (a month: labels YYYY-MM-DD), every slot listed. */
  servedBy: z.array(z.object({ label: z.string(), served: z.number().int() })),
  waits: z.array(z.object({ service: z.string(), visits: z.number().int(), meanMinutes: z.number().nullable(), p90Minutes: z.number().nullable() })),
  desks: z.array(
    z.object({
      desk: z.number().int(),
      served: z.number().int(),
      busyMinutes: z.number().int(),
      availableMinutes: z.number().int(),
      pauseMinutes: z.number().int(),
      /** busy / available, 0..1; null when the desk did not work in the period. */
      utilisation: z.number().nullable(),
    }),
  ),
});
export type PeriodReport = z.infer<typeof periodReportSchema>;

/** The admin's live floor view: each desk's state and since when, and who waits per service. */
export const floorViewSchema = z.object({
  desks: z.array(
    z.object({
      desk: z.number().int(),
      state: z.enum(['free', 'calling', 'serving', 'paused']),
      pauseReason: z.enum(PAUSE_REASONS).nullable(),
      number: z.number().int().nullable(),
      service: z.string().nullable(),
      since: z.number().nullable(),
    }),
  ),
  services: z.array(z.object({ service: z.string(), suspended: z.boolean(), waiting: z.number().int(), longestWaitSince: z.number().nullable() })),
  /** When the visitor who has waited longest checked in; null when nobody waits. */
  longestWaitSince: z.number().nullable(),
});
export type FloorView = z.infer<typeof floorViewSchema>;

export const bookingViewSchema = z.object({
  code: z.string(),
  number: z.number().int(),
  service: z.string(),
  time: z.string(),
  status: z.enum(['active', 'cancelled']),
  /** The visit's state; null while the visitor is expected. */
  state: visitViewSchema.shape.state.nullable(),
});
export type BookingView = z.infer<typeof bookingViewSchema>;

export const snapshotSchema = z.object({
  serverTime: z.number(),
  day: z.string(),
  centre: z.object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    worksDuringAlert: z.boolean(),
    /** Where the shelter is, from the config; null shows the generic "follow the signs". */
    shelter: z.object({ uk: z.string(), en: z.string() }).nullable(),
  }),
  services: z.array(z.object({ code: z.string(), uk: z.string(), en: z.string(), suspended: z.boolean() })),
  desks: z.array(deskViewSchema),
  alert: alertViewSchema,
  calls: z.array(callSchema),
  stats: statsSchema,
  /** For a desk console: its own desk. */
  desk: deskViewSchema.optional(),
  /** For a board or kiosk in the shelter (placed by its token): it goes on during an alert. */
  place: z.enum(['hall', 'shelter']).optional(),
  /** The hall board's languages, shown in turn and announced in order (config `board`; issue 11). */
  board: z.object({ languages: z.array(z.enum(['uk', 'en'])).min(1), switchEverySeconds: z.number().int().min(1) }).optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const ticketSchema = z.object({
  bookingId: z.string(),
  number: z.number().int(),
  priority: z.boolean(),
  service: z.string(),
  /** HH:MM of the booking; empty for a licence pickup ticket, which has no booking time. */
  time: z.string(),
  desks: z.array(z.number().int()),
  checkedInAt: z.number(),
  reprint: z.boolean(),
  printed: z.boolean(),
  // ---- issue 11: the wait, for a visitor still waiting (absent or null otherwise) ----
  /** Visitors who will be called before this one (main/core/estimate.ts). */
  peopleAhead: z.number().int().min(0).nullable().optional(),
  /** Expected wait in whole minutes, from today's measured service times. */
  estimatedWaitMinutes: z.number().int().min(0).nullable().optional(),
  /** The visit's live ticket page (docs/live-ticket.md): the second QR on paper and on the kiosk screen. */
  liveUrl: z.string().max(200).optional(),
});
export type TicketView = z.infer<typeof ticketSchema>;

/** A service as the kiosk offers it: today's free same-day slots from the terminal pool. */
export const serviceOfferSchema = z.object({
  code: z.string(),
  uk: z.string(),
  en: z.string(),
  suspended: z.boolean(),
  waiting: z.number().int(),
  /** null when this centre has no same-day pool (no link to central yet, or none delegated). */
  freeSlots: z.number().int().nullable(),
  /** The next free times, HH:MM, earliest first (at most 8). */
  nextTimes: z.array(z.string()),
});
export type ServiceOffer = z.infer<typeof serviceOfferSchema>;

export const LICENCE_STATUSES = ['sent', 'received', 'in_work', 'produced', 'refused'] as const;
export const licenceViewSchema = z.object({
  applicationNumber: z.string(),
  status: z.enum(LICENCE_STATUSES),
  /** Why it was refused, in Ukrainian and English. */
  reason: z.object({ uk: z.string(), en: z.string() }).nullable(),
  delivery: z.enum(['post', 'pickup']),
  /** A produced licence waiting at this centre: the kiosk offers a pickup ticket. */
  pickupHere: z.boolean(),
  /** The centre chosen for pickup (null for delivery by post): "waiting at centre N". */
  pickupCentre: z.string().nullable(),
  /** The pickup ticket already taken here for it: the kiosk says so and gives its number. */
  pickupTicket: z.object({ number: z.number().int(), date: z.string() }).nullable(),
  updatedAt: z.number(),
});
export type LicenceView = z.infer<typeof licenceViewSchema>;

export const PRINTER_PROBLEMS = ['paper_out', 'paper_near_end', 'cover_open', 'offline', 'cutter_error'] as const;
export const printerViewSchema = z.object({
  /** none: this kiosk has no printer configured. */
  state: z.enum(['ok', 'none', ...PRINTER_PROBLEMS]),
  /** Tickets waiting to be printed. */
  queued: z.number().int(),
});
export type PrinterView = z.infer<typeof printerViewSchema>;

/** What became of a ticket's printing, sent to the kiosk that checked in (and in the ack as far as known). */
export const printViewSchema = z.object({
  bookingId: z.string(),
  status: z.enum(['printing', 'printed', 'waiting', 'failed', 'none']),
  problem: z.enum(PRINTER_PROBLEMS).nullable(),
});
export type PrintView = z.infer<typeof printViewSchema>;

export const deviceViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['printer', 'deskBus', 'display', 'keypad', 'scanner', 'alertSource', 'central', 'speech', 'clock']),
  name: z.string(),
  state: z.enum(['ok', 'degraded', 'down']),
  detail: z.string(),
  since: z.number(),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const linkViewSchema = z.object({
  state: z.enum(['online', 'degraded', 'offline', 'none']),
  since: z.number().nullable(),
  lastPullAt: z.number().nullable(),
  lastPushAt: z.number().nullable(),
  pendingEvents: z.number().int(),
  rejectedEvents: z.number().int(),
  /** Central's clock minus ours, when known; the admin page flags it past the configured bound. */
  clockSkewMs: z.number().nullable(),
  clockSuspect: z.boolean(),
});
export type LinkView = z.infer<typeof linkViewSchema>;

export { ALERT_TYPES };
/** An alert type a source reports (docs/alerts.md); only the configured types freeze the floor. */
export const threatViewSchema = z.object({
  type: z.enum(ALERT_TYPES),
  source: z.string(),
  /** The location the alert is declared for (oblast, raion or hromada). */
  location: z.string(),
  since: z.number().nullable(),
  freezes: z.boolean(),
});
export type ThreatView = z.infer<typeof threatViewSchema>;

/** A desk console paired with a code, as the admin page lists it (main/hub/pairedDevices.ts). */
export const pairedDeviceViewSchema = z.object({
  id: z.string(),
  desk: z.number().int(),
  pairedAt: z.number(),
  lastSeen: z.number().nullable(),
  address: z.string().nullable(),
  revokedAt: z.number().nullable(),
});
export type PairedDeviceView = z.infer<typeof pairedDeviceViewSchema>;

/** Server → client events per namespace. */
export interface ServerEvents {
  /** A check-in from the serial scanner beside this kiosk: its answer, as if the page had sent it. */
  scanned: { ack: Ack<{ ticket?: TicketView; print?: PrintView }> };
  print: PrintView;
  printer: PrinterView;
  devices: DeviceView[];
  link: LinkView;
  snapshot: Snapshot;
  called: CallView;
  alert: AlertView;
  stats: StatsView;
  queue: StatsView['waiting'];
  desk: DeskView;
  problem: { event: string; error: HubError };
  /** Alerts the sources report that do not freeze the floor (shelling, urban fights…), for the admin. */
  threats: ThreatView[];
  /** Paired desk consoles, to the admin, after each pairing and revocation. */
  pairedDevices: PairedDeviceView[];
}
