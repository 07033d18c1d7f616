/**
 * The printer's side of the desk console: `reprint` prints the ticket of the desk's current visitor
 * again. Registered only where the hub has a printer; elsewhere the host answers NOT_AVAILABLE.
 */
import { ticketFor } from '../core/checkIn.js';
import { reprintAtDesk } from '../core/deskActions.js';
import type { Actor, Answer } from './answer.js';
import { printOutbox, printTicket, type CommandContext, type Feature } from './commands.js';
import { ownDeskView, ticketView } from './views.js';

function reprint(p: { commandId: string }, actor: Actor, ctx: CommandContext): Answer {
  const keep = printOutbox(ctx, actor);
  const outcome = ctx.floor.run(
    (s, now) => reprintAtDesk(s, actor.desk!, now),
    { commandId: p.commandId, actor: actor.id, name: 'reprint' },
    keep && ((r, now, s) => keep(ticketFor(s, s.bookings.get(r.visit!.bookingId)!, r.visit!, true), now, s)),
  );
  if (!outcome.ok) return outcome;
  const state = ctx.floor.state();
  const visit = state.visits.get(outcome.result.visit!.bookingId)!;
  const booking = state.bookings.get(visit.bookingId)!;
  const ticket = ticketView(ticketFor(state, booking, visit, true), false);
  const print = printTicket(ctx, ticket, actor, outcome.replayed);
  return { ok: true, body: { desk: ownDeskView(state, actor.desk!), print } };
}

export const reprintFeature: Feature = {
  name: 'printer',
  register: (host, ctx) => host.handle('desk', 'reprint', (p, actor) => reprint(p, actor, ctx)),
};
