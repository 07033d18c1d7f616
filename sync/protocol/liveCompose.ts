/**
 * The live ticket a page shows, from the ticket's own part and the floor's shared part
 * (sync/protocol/liveTicket.ts). Apart from the schemas, so the phone page carries no zod.
 */
import type { LiveFloor, LiveOwn, LiveTicket } from './liveTicket.js';

/** The ticket a page shows from its own part and the shared one (the page and the tests use it). */
export function composeLiveTicket(own: LiveOwn, floor: LiveFloor | null): LiveTicket {
  const calledSince = floor ? Math.max(0, (floor.called[own.service.code] ?? own.base) - own.base) : 0;
  const ahead = own.ahead === null ? null : Math.max(0, own.ahead - calledSince);
  return {
    number: own.number,
    priority: own.priority,
    service: own.service,
    state: own.state,
    ahead,
    waitMinutes: ahead === null ? null : Math.ceil(ahead * own.rate + own.extra),
    desk: own.desk,
    calls: floor?.calls ?? [],
    alert: { active: floor?.alert.active ?? false, since: floor?.alert.since ?? null, frozen: floor?.frozen[own.service.code] ?? own.frozen },
    updatedAt: Math.max(own.at, floor?.at ?? 0),
  };
}
