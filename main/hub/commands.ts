/**
 * The hub's command table: for each namespace and event, what it does on the floor and what the ack
 * carries. Payloads arrive already validated against sync/protocol/hub.ts.
 */
import type { z } from 'zod';
import { setAlert } from '../core/alert.js';
import { callNext, callNumber } from '../core/callNext.js';
import { checkIn, normaliseCode } from '../core/checkIn.js';
import { finish, noShow, pauseDesk, recall, resumeDesk, start, transfer } from '../core/deskActions.js';
import type { Ticket } from '../core/checkIn.js';
import type { Decision } from '../core/decision.js';
import type { FloorState } from '../core/floorState.js';
import { placeFrozen } from '../core/shelter.js';
import { refuse } from '../core/errors.js';
import { suspendService } from '../core/suspendService.js';
import { unblockPerson } from '../core/unblockPerson.js';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import { CLIENT_EVENTS, type Namespace, type PrintView, type TicketView } from '../../sync/protocol/hub.js';
import type { DeviceRegistry } from './devices.js';
import type { HubExtensions } from './extensions.js';
import type { AlsoWrite, FloorService } from './floorService.js';
import { crashPoint } from './crashPoint.js';
import { notAvailable, type Actor, type Answer, type HandlerRegistry } from './answer.js';
import type { Pairing } from './pairing.js';
import { PAIRED_DEVICE_HANDLERS, type PairedDevices } from './pairedDevices.js';
import { alertView, callView, ownDeskView, snapshot, statsView, ticketView, waitView } from './views.js';
import { dayReport, floorView, periodReport, reportCsv } from './report.js';
import { ReportRows } from '../store/reportRows.js';
import type { Store } from '../store/index.js';

export type { Actor, Answer };
export { notAvailable };

export interface CommandContext {
  floor: FloorService;
  config: TalonConfig;
  now: () => Millis;
  ext: HubExtensions;
  devices: DeviceRegistry;
  pairing: Pairing;
  /** Paired desk consoles (main/hub/pairedDevices.ts). */
  paired?: PairedDevices;
  /** Live tickets (main/hub/liveTicket): the link each ticket carries. */
  live?: { urlFor(bookingId: string): string };
}

/**
 * Sends a committed ticket to the printer once: a replayed command reports the first print's progress
 * instead of printing again.
 */
export function printTicket(ctx: CommandContext, ticket: TicketView, actor: Actor, replayed: boolean): PrintView {
  ticket = withLiveUrl(ctx, ticket);
  const printer = ctx.ext.printer;
  if (!printer) return { bookingId: ticket.bookingId, status: 'none', problem: null };
  if (replayed) return printer.progress(ticket.bookingId) ?? { bookingId: ticket.bookingId, status: 'printing', problem: null };
  return printer.print(ticket, actor.id);
}

/**
 * The device outbox for a command that makes a ticket: its print job is written in the command's
 * transaction (TicketPrinter.keep), so a crash after the commit still finds it to print.
 */
export function printOutbox(ctx: CommandContext, actor: Actor): AlsoWrite<Ticket> | undefined {
  const printer = ctx.ext.printer;
  if (!printer?.keep) return undefined;
  // The live link is known before the commit (main/hub/liveTicket/liveIds.ts), so even a ticket
  // printed from the outbox after a crash carries its second QR.
  return (ticket, now) => printer.keep!(withLiveUrl(ctx, ticketView(ticket, false)), ticket.code, actor.id, now);
}

/** The ticket with its live ticket link, where the hub serves live tickets. */
function withLiveUrl(ctx: CommandContext, ticket: TicketView): TicketView {
  return ctx.live && !ticket.liveUrl ? { ...ticket, liveUrl: ctx.live.urlFor(ticket.bookingId) } : ticket;
}

/** Adds the print outcome to an answer that carries a ticket. */
export function withPrint(ctx: CommandContext, answer: Answer, actor: Actor): Answer {
  if (!answer.ok || !answer.body.ticket) return answer;
  // The wait is worked out before printing, so the paper and the screen say the same.
  const ticket = withLiveUrl(ctx, { ...(answer.body.ticket as TicketView), ...waitView(ctx.floor.state(), (answer.body.ticket as TicketView).bookingId, ctx.now()) });
  const print = printTicket(ctx, ticket, actor, answer.replayed === true);
  return { ...answer, body: { ...answer.body, ticket: { ...ticket, printed: print.status === 'printed' }, print } };
}

type Payloads<N extends Namespace> = { [E in keyof (typeof CLIENT_EVENTS)[N]]: z.output<(typeof CLIENT_EVENTS)[N][E] & z.ZodType> };
/** The floor's own commands; a feature's (same-day, licences, reprint) registers with the extension host. */
type Handlers<N extends Namespace> = { [E in keyof Payloads<N>]?: (p: Payloads<N>[E], actor: Actor, ctx: CommandContext) => Answer };

function act<R>(
  ctx: CommandContext,
  actor: Actor,
  name: string,
  commandId: string,
  decide: (s: FloorState, now: Millis) => Decision<R>,
  body: (result: R, state: FloorState) => Record<string, unknown>,
  also?: AlsoWrite<R>,
): Answer {
  const outcome = ctx.floor.run(decide, { commandId, actor: actor.id, name }, also);
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    replayed: outcome.replayed,
    body: { ...body(outcome.result, ctx.floor.state()), ...(outcome.replayed ? { replayed: true } : {}) },
  };
}

/** A hall kiosk issues no ticket during an alert; a shelter kiosk goes on (shelter.ts). */
export function hallKioskFrozen(ctx: CommandContext, actor: Actor): Answer | null {
  return placeFrozen(ctx.floor.state(), actor.place ?? 'hall') ? { ok: false, error: { code: 'ALERT_ACTIVE' } } : null;
}

/** Desk commands: the desk is the sender's own, from its token, never from the payload. */
function deskCommand<R>(name: string, decide: (s: FloorState, desk: number, now: Millis) => Decision<R>) {
  return (p: { commandId: string }, actor: Actor, ctx: CommandContext): Answer =>
    act(ctx, actor, name, p.commandId, (s, now) => decide(s, actor.desk!, now), (result, s) => ({
      ...(typeof result === 'object' && result && 'call' in result ? { call: callView((result as { call: Parameters<typeof callView>[0] }).call) } : {}),
      desk: ownDeskView(s, actor.desk!),
    }));
}

export const HANDLERS: { [N in Namespace]: Handlers<N> } = {
  kiosk: {
    checkIn: (p, actor, ctx) => {
      const code = normaliseCode(p.code);
      const found = ctx.floor.store.bookingsByCode(code);
      // Prefer this centre's booking of today when a code was ever reused.
      const state = ctx.floor.state();
      const booking =
        found.find((b) => b.centre === ctx.config.centre.id && b.date === state.day) ??
        found.find((b) => b.centre === ctx.config.centre.id) ??
        found[0] ??
        null;
      // During an alert only a kiosk in the shelter checks in (shelter.ts).
      const decide = (s: FloorState, now: Millis) => (placeFrozen(s, actor.place ?? 'hall') ? refuse('ALERT_ACTIVE') : checkIn(s, booking, now));
      const answer = act(ctx, actor, 'checkIn', p.commandId, decide, (ticket) => ({
        ticket: ticketView(ticket, false),
      }), printOutbox(ctx, actor));
      if (answer.ok && !answer.replayed) crashPoint('check-in-committed');
      return withPrint(ctx, answer, actor);
    },
    services: (_p, _actor, ctx) => {
      const state = ctx.floor.state();
      const waiting = state.waitingByService();
      const offers = ctx.ext.sameDay?.offers(ctx.now());
      return {
        ok: true,
        body: {
          services: ctx.config.services.map((s) => ({
            code: s.code,
            uk: s.uk,
            en: s.en,
            suspended: state.suspended.has(s.code),
            waiting: waiting[s.code] ?? 0,
            freeSlots: offers ? (offers.get(s.code)?.freeSlots ?? 0) : null,
            nextTimes: offers?.get(s.code)?.nextTimes ?? [],
          })),
        },
      };
    },
  },
  desk: {
    callNext: deskCommand('callNext', callNext),
    callNumber: (p, actor, ctx) =>
      act(ctx, actor, 'callNumber', p.commandId, (s, now) => callNumber(s, actor.desk!, p.number, now), (r, s) => ({
        call: callView(r.call),
        desk: ownDeskView(s, actor.desk!),
      })),
    recall: deskCommand('recall', recall),
    start: deskCommand('start', start),
    finish: deskCommand('finish', finish),
    noShow: deskCommand('noShow', noShow),
    transfer: (p, actor, ctx) =>
      act(
        ctx,
        actor,
        'transfer',
        p.commandId,
        (s, now) => transfer(s, actor.desk!, 'service' in p ? { service: p.service } : { desk: p.desk }, now),
        (_r, s) => ({ desk: ownDeskView(s, actor.desk!) }),
      ),
    pause: (p, actor, ctx) =>
      act(ctx, actor, 'pause', p.commandId, (s, now) => pauseDesk(s, actor.desk!, now, p.reason), (_r, s) => ({ desk: ownDeskView(s, actor.desk!) })),
    resume: deskCommand('resume', resumeDesk),
    sync: (_p, actor, ctx) => ({
      ok: true,
      body: { snapshot: snapshot(ctx.floor.state(), ctx.config, ctx.now(), actor.desk, ctx.ext.sameDay?.offers(ctx.now())) },
    }),
  },
  board: {},
  admin: {
    alert: (p, actor, ctx) =>
      act(ctx, actor, 'alert', p.commandId, (s, now) => setAlert(s, p.active, 'manual', now), (_r, s) => ({ alert: alertView(s) })),
    suspendService: (p, actor, ctx) =>
      act(ctx, actor, 'suspendService', p.commandId, (s, now) => suspendService(s, p.service, p.suspended, now), (r) => r),
    report: (_p, _actor, ctx) => {
      const state = ctx.floor.state();
      return { ok: true, body: { report: dayReport(state, ctx.now()), stats: statsView(state, ctx.ext.sameDay?.offers(ctx.now())), floor: floorView(state) } };
    },
    bookings: (_p, _actor, ctx) => {
      const state = ctx.floor.state();
      const bookings = [...state.bookings.values()]
        .sort((a, b) => a.time.localeCompare(b.time) || a.number - b.number)
        .map((b) => ({ code: b.code, number: b.number, service: b.service, time: b.time, status: b.status, state: state.visits.get(b.id)?.state ?? null }));
      return { ok: true, body: { bookings } };
    },
    reportFor: (p, _actor, ctx) => ({ ok: true, body: { report: periodReport(reportRows(ctx.floor.store), ctx.floor.state().rules, p, ctx.now()) } }),
    reportCsv: (p, _actor, ctx) => {
      const report = periodReport(reportRows(ctx.floor.store), ctx.floor.state().rules, p, ctx.now());
      return { ok: true, body: { filename: `talon-${ctx.config.centre.id}-${report.period}.csv`, csv: reportCsv(report, ctx.config.services) } };
    },
    pairDesk: (p, _actor, ctx) => {
      if (!ctx.config.desks.some((d) => d.number === p.desk)) return { ok: false, error: { code: 'UNKNOWN_DESK', params: { desk: p.desk } } };
      return { ok: true, body: { desk: p.desk, ...ctx.pairing.issue(p.desk) } };
    },
    devices: (_p, _actor, ctx) => ({ ok: true, body: devicesView(ctx) }),
    unblockPerson: (p, actor, ctx) => act(ctx, actor, 'unblockPerson', p.commandId, (_s, now) => unblockPerson(p.person, now), (r) => r),
    pairedDevices: PAIRED_DEVICE_HANDLERS.pairedDevices,
    revokeDevice: PAIRED_DEVICE_HANDLERS.revokeDevice,
  },
};

/** A feature of the hub: it registers its own handlers (Actual's `app.method`), the host combines them. */
export interface Feature {
  readonly name: string;
  register(host: HandlerRegistry, ctx: CommandContext): void;
}

/** The floor's own commands as a feature. */
export const floorCommands: Feature = { name: 'floor', register: (host, ctx) => registerCommands(host, ctx) };

/** Registers the floor's own commands; the host refuses a name registered twice. */
export function registerCommands(host: HandlerRegistry, ctx: CommandContext): void {
  for (const ns of Object.keys(HANDLERS) as Namespace[]) {
    const table = HANDLERS[ns] as Record<string, (p: unknown, a: Actor, c: CommandContext) => Answer>;
    for (const [event, fn] of Object.entries(table)) host.handle(ns, event as never, (p: unknown, actor: Actor) => fn(p, actor, ctx));
  }
}

const rowsOf = new WeakMap<Store, ReportRows>();
function reportRows(store: Store): ReportRows {
  let rows = rowsOf.get(store);
  if (!rows) rowsOf.set(store, (rows = new ReportRows(store)));
  return rows;
}

/** Devices, the link to central and the printer, as the admin page shows them. */
export function devicesView(ctx: CommandContext) {
  return {
    devices: ctx.devices.list(),
    link: ctx.ext.link?.view() ?? {
      state: 'none' as const, since: null, lastPullAt: null, lastPushAt: null,
      pendingEvents: ctx.floor.store.pendingCount(), rejectedEvents: 0, clockSkewMs: null, clockSuspect: false,
    },
    printer: ctx.ext.printer?.status() ?? { state: 'none' as const, queued: 0 },
  };
}
