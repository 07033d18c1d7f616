/**
 * The hub's command table: for each namespace and event, what it does on the floor and what the ack
 * carries. Payloads arrive already validated against sync/protocol/hub.ts.
 */
import type { z } from 'zod';
import { setAlert } from '../core/alert.js';
import { callNext, callNumber } from '../core/callNext.js';
import { checkIn, normaliseCode } from '../core/checkIn.js';
import { finish, noShow, pauseDesk, recall, resumeDesk, start, transfer } from '../core/deskActions.js';
import type { Decision } from '../core/decision.js';
import type { FloorState } from '../core/floorState.js';
import { suspendService } from '../core/suspendService.js';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import { CLIENT_EVENTS, type Namespace } from '../../sync/protocol/hub.js';
import type { FloorService, Outcome } from './floorService.js';
import { alertView, callView, deskView, snapshot, statsView, ticketView } from './views.js';
import { dayReport } from './report.js';

/** Who is asking: fixed at the handshake. */
export interface Actor {
  role: Namespace;
  /** `desk:3`, `kiosk:1`, `admin:1`, `board` */
  id: string;
  desk?: number;
}

export interface CommandContext {
  floor: FloorService;
  config: TalonConfig;
  now: () => Millis;
}

/** Either a floor outcome mapped to an ack body, or a read-only answer. */
export type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; error: Extract<Outcome<unknown>, { ok: false }>['error'] };

type Payloads<N extends Namespace> = { [E in keyof (typeof CLIENT_EVENTS)[N]]: z.output<(typeof CLIENT_EVENTS)[N][E] & z.ZodType> };
type Handlers<N extends Namespace> = { [E in keyof Payloads<N>]: (p: Payloads<N>[E], actor: Actor, ctx: CommandContext) => Answer };

function act<R>(
  ctx: CommandContext,
  actor: Actor,
  name: string,
  commandId: string,
  decide: (s: FloorState, now: Millis) => Decision<R>,
  body: (result: R, state: FloorState) => Record<string, unknown>,
): Answer {
  const outcome = ctx.floor.run(decide, { commandId, actor: actor.id, name });
  if (!outcome.ok) return outcome;
  return { ok: true, body: { ...body(outcome.result, ctx.floor.state()), ...(outcome.replayed ? { replayed: true } : {}) } };
}

/** Desk commands: the desk is the sender's own, from its token, never from the payload. */
function deskCommand<R>(name: string, decide: (s: FloorState, desk: number, now: Millis) => Decision<R>) {
  return (p: { commandId: string }, actor: Actor, ctx: CommandContext): Answer =>
    act(ctx, actor, name, p.commandId, (s, now) => decide(s, actor.desk!, now), (result, s) => ({
      ...(typeof result === 'object' && result && 'call' in result ? { call: callView((result as { call: Parameters<typeof callView>[0] }).call) } : {}),
      desk: deskView(s, actor.desk!),
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
      return act(ctx, actor, 'checkIn', p.commandId, (s, now) => checkIn(s, booking, now), (ticket) => ({
        // Printing comes with the printer driver (hardware/printer); until then no ticket is printed.
        ticket: ticketView(ticket, false),
      }));
    },
    services: (_p, _actor, ctx) => {
      const state = ctx.floor.state();
      const waiting = state.waitingByService();
      return {
        ok: true,
        body: {
          services: ctx.config.services.map((s) => ({
            code: s.code,
            uk: s.uk,
            en: s.en,
            suspended: state.suspended.has(s.code),
            waiting: waiting[s.code] ?? 0,
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
        desk: deskView(s, actor.desk!),
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
        (_r, s) => ({ desk: deskView(s, actor.desk!) }),
      ),
    pause: deskCommand('pause', pauseDesk),
    resume: deskCommand('resume', resumeDesk),
    sync: (_p, actor, ctx) => ({ ok: true, body: { snapshot: snapshot(ctx.floor.state(), ctx.config, ctx.now(), actor.desk) } }),
  },
  board: {},
  admin: {
    alert: (p, actor, ctx) =>
      act(ctx, actor, 'alert', p.commandId, (s, now) => setAlert(s, p.active, 'manual', now), (_r, s) => ({ alert: alertView(s) })),
    suspendService: (p, actor, ctx) =>
      act(ctx, actor, 'suspendService', p.commandId, (s, now) => suspendService(s, p.service, p.suspended, now), (r) => r),
    report: (_p, _actor, ctx) => {
      const state = ctx.floor.state();
      return { ok: true, body: { report: dayReport(state, ctx.now()), stats: statsView(state) } };
    },
  },
};
