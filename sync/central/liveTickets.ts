/**
 * Central's side of the live ticket (docs/live-ticket.md): the floors' progress as the hubs push it,
 * and the tickets read from it by `GET /v1/tickets/{id}` for phones on mobile data.
 *
 * Central never holds a working link: a ticket is kept under the SHA-256 of its live id, so only
 * the paper's QR opens it. Progress is a picture, not a log: each push replaces the centre's shared
 * part (calls, alert, services) and updates the tickets it carries; a ticket the hub stops sending
 * keeps its last state, with the time it was last seen, so a pause of the hub reads "updated at …",
 * never a wrong position. Held in memory: after a restart the hubs' next heartbeat fills it again.
 *
 * Optional "your turn is near" webhook for integrators (an SMS or app push gateway): once per ticket,
 * when it reaches `aheadAtMost` people ahead, central posts a signed body (HMAC-SHA256 over
 * `timestamp.body`, header `x-talon-signature: t=<ms>,v1=<hex>`), retried with backoff.
 */
import { createHash, createHmac } from 'node:crypto';
import { Backoff } from '../../main/core/backoff.js';
import type { Log } from '../../main/core/log.js';
import type { Millis } from '../../main/core/types.js';
import type { LiveTicket, ProgressRequest, ProgressTicket, TurnNear } from '../protocol/liveTicket.js';

export interface TicketWebhook {
  url: string;
  secret: string;
  /** Notify when a waiting ticket has this many people ahead or fewer. */
  aheadAtMost: number;
  /** Tries per notification before it is dropped (and logged). */
  attempts?: number;
  minMs?: number;
  maxMs?: number;
  timeoutMs?: number;
}

interface CentreFloor {
  day: string;
  at: Millis;
  calls: ProgressRequest['calls'];
  alert: ProgressRequest['alert'];
  services: Map<string, ProgressRequest['services'][number]>;
}

interface Kept {
  centre: string;
  day: string;
  ticket: ProgressTicket;
  /** Hub time of the push that last carried this ticket. */
  seenAt: Millis;
}

export function signBody(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface LiveTicketDeskOptions {
  now: () => Millis;
  webhook?: TicketWebhook;
  log?: Log;
  fetch?: typeof fetch;
  random?: () => number;
}

export class LiveTicketDesk {
  private readonly floors = new Map<string, CentreFloor>();
  private readonly tickets = new Map<string, Kept>();
  private readonly notified = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Notifications handed to the gateway (for tests and the admin's counts). */
  delivered = 0;
  failed = 0;

  constructor(private readonly o: LiveTicketDeskOptions) {}

  /** One hub's push; answers how many tickets central now keeps for that centre. */
  put(centre: string, p: ProgressRequest): number {
    const before = this.floors.get(centre);
    if (before && before.day === p.day && before.at > p.at) return this.count(centre); // an older picture, late
    if (before && before.day !== p.day) {
      for (const [key, kept] of this.tickets) if (kept.centre === centre && kept.day !== p.day) this.tickets.delete(key);
    }
    this.floors.set(centre, { day: p.day, at: p.at, calls: p.calls, alert: p.alert, services: new Map(p.services.map((s) => [s.service, s])) });
    for (const t of p.tickets) {
      const previous = this.tickets.get(t.key);
      if (previous && previous.centre !== centre) continue; // a key is one centre's: never let another overwrite it
      this.tickets.set(t.key, { centre, day: p.day, ticket: t, seenAt: p.at });
      this.maybeNotify(centre, t, p.at);
    }
    return this.count(centre);
  }

  private count(centre: string): number {
    let n = 0;
    for (const kept of this.tickets.values()) if (kept.centre === centre) n++;
    return n;
  }

  /** The ticket a live id opens, or null (unknown, or of a day that is over). */
  get(id: string): LiveTicket | null {
    const kept = this.tickets.get(createHash('sha256').update(id).digest('hex'));
    if (!kept) return null;
    const floor = this.floors.get(kept.centre);
    if (!floor || floor.day !== kept.day) return null;
    const t = kept.ticket;
    const service = floor.services.get(t.service);
    return {
      number: t.number,
      priority: t.priority,
      service: { code: t.service, uk: service?.uk ?? t.service, en: service?.en ?? t.service },
      state: t.state,
      ahead: t.ahead,
      waitMinutes: t.waitMinutes,
      desk: t.desk,
      calls: floor.calls,
      alert: { active: floor.alert.active, since: floor.alert.since, frozen: t.frozen },
      // The picture's time when the hub still sends this ticket; its own last sighting otherwise.
      updatedAt: kept.seenAt === floor.at ? floor.at : kept.seenAt,
    };
  }

  private maybeNotify(centre: string, t: ProgressTicket, at: Millis): void {
    const hook = this.o.webhook;
    if (!hook || t.state !== 'waiting' || t.ahead === null || t.ahead > hook.aheadAtMost || this.notified.has(t.key)) return;
    this.notified.add(t.key);
    const body: TurnNear = {
      type: 'ticket.turn_near',
      id: `${t.key.slice(0, 24)}-near`,
      centre,
      booking: t.booking,
      service: t.service,
      number: t.number,
      ahead: t.ahead,
      waitMinutes: t.waitMinutes,
      at,
    };
    this.deliver(hook, JSON.stringify(body), new Backoff({ minMs: hook.minMs ?? 1000, maxMs: hook.maxMs ?? 60_000, ...(this.o.random && { random: this.o.random }) }), 1);
  }

  private deliver(hook: TicketWebhook, body: string, backoff: Backoff, attempt: number): void {
    if (this.closed) return;
    const timestamp = this.o.now();
    const signature = `t=${timestamp},v1=${signBody(hook.secret, timestamp, body)}`;
    (this.o.fetch ?? fetch)(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-talon-signature': signature },
      body,
      signal: AbortSignal.timeout(hook.timeoutMs ?? 10_000),
    })
      .then((res) => {
        if (res.ok) {
          this.delivered++;
          return;
        }
        throw new Error(`HTTP ${res.status}`);
      })
      .catch((err: unknown) => {
        if (this.closed) return;
        if (attempt >= (hook.attempts ?? 6)) {
          this.failed++;
          this.o.log?.warn({ attempts: attempt, err: String(err) }, 'the turn-near webhook failed; notice dropped');
          return;
        }
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.deliver(hook, body, backoff, attempt + 1);
        }, backoff.fail());
        timer.unref();
        this.timers.add(timer);
      });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
