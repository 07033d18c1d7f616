/**
 * The live ticket on the hub (docs/live-ticket.md): the `/t/{id}` page for phones on the centre's
 * LAN or guest Wi-Fi, and the read-only `/ticket` socket that keeps it current. The live id is the
 * only credential and it reads exactly one ticket: the socket joins the room of that booking and
 * nothing else is ever sent to it, so no other visit can be read through it. Every event a phone
 * sends is answered READ_ONLY.
 *
 * Changes are coalesced: one picture of the floor per `flushEveryMs`, built once for all tickets.
 * The shared part (`floor`: newest calls, alert, how many each queue called) goes to every phone in
 * one broadcast; a ticket's own part goes to its room only when the shared counters do not already
 * tell the page where it stands (sync/protocol/liveTicket.ts), so a call from the front of a queue
 * costs one message for all the phones. A heartbeat tells every page that the link is alive, so
 * "updated at …" stays true on a quiet floor.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Namespace as IoNamespace, Server } from 'socket.io';
import type { Log } from '../../core/log.js';
import type { Millis } from '../../core/types.js';
import type { TalonConfig } from '../../config/schema.js';
import { composeLiveTicket, liveIdSchema, ticketHandshakeSchema, type LiveOwn, type LiveTicket } from '../../../sync/protocol/liveTicket.js';
import type { FloorService } from '../floorService.js';
import { parseTotal } from '../answer.js';
import type { SocketGateway } from '../gateway.js';
import { LiveIds } from './liveIds.js';
import { floorPicture, type FloorPicture } from './liveView.js';

export const TICKET_NAMESPACE = '/ticket';
const ROOM = 't:';

export interface LiveTicketsOptions {
  io: Server;
  floor: FloorService;
  config: TalonConfig;
  ids: LiveIds;
  now: () => Millis;
  log: Log;
  /** The hub's own URL, for links when neither hub.publicUrl nor central.publicUrl is set. */
  hubUrl: () => string;
  flushEveryMs?: number;
  heartbeatMs?: number;
  /** Live-ticket sockets one client address may hold (a family's phones behind one NAT fit). */
  perAddress?: number;
  /** The hub's limits (main/hub/gateway.ts): refused handshakes, socket caps, event buckets. */
  gate?: Pick<SocketGateway, 'admit' | 'handshakeFailed' | 'track' | 'limit' | 'rateLimited'>;
}

export class LiveTickets {
  private readonly nsp: IoNamespace;
  private picture: FloorPicture | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  /** The own part last sent to each ticket's room: what its page works from until told otherwise. */
  private readonly sent = new Map<string, LiveOwn>();
  private sentFloor = '';
  private readonly perAddress = new Map<string, number>();
  private readonly onChange = () => this.schedule();

  constructor(private readonly o: LiveTicketsOptions) {
    this.nsp = o.io.of(TICKET_NAMESPACE);
    const cap = o.perAddress ?? 100;
    this.nsp.use((socket, next) => {
      try {
        const address = socket.handshake.address;
        const refusal = o.gate?.admit(socket, 'ticket', 'uk');
        if (refusal) return next(refusal);
        const hs = parseTotal(ticketHandshakeSchema, socket.handshake.auth);
        const bookingId = hs.ok ? this.resolve(hs.data.ticket) : null;
        if (!bookingId) {
          o.gate?.handshakeFailed(socket, 'unknown live ticket');
          return next(Object.assign(new Error('NOT_FOUND'), { data: { code: 'NOT_FOUND' } }));
        }
        if ((this.perAddress.get(address) ?? 0) >= cap) return next(Object.assign(new Error('RATE_LIMITED'), { data: { code: 'RATE_LIMITED' } }));
        (socket.data as { bookingId: string }).bookingId = bookingId;
        next();
      } catch (err) {
        o.log.error({ err: String((err as Error)?.stack ?? err) }, 'live ticket handshake failed');
        next(Object.assign(new Error('INTERNAL'), { data: { code: 'INTERNAL' } }));
      }
    });
    this.nsp.on('connection', (socket) => {
      const { bookingId } = socket.data as { bookingId: string };
      const address = socket.handshake.address;
      o.gate?.track(socket, 'ticket');
      this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
      socket.on('disconnect', () => {
        const n = (this.perAddress.get(address) ?? 1) - 1;
        if (n <= 0) this.perAddress.delete(address);
        else this.perAddress.set(address, n);
      });
      void socket.join(ROOM + bookingId);
      const picture = this.current();
      const own = picture.own(bookingId);
      socket.emit('floor', picture.floor);
      if (own) {
        // To the whole room, so every page of this ticket works from the same own part.
        this.sent.set(bookingId, own);
        this.nsp.to(ROOM + bookingId).emit('ticket', own);
      }
      socket.onAny((...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return;
        const limited = o.gate?.limit(socket);
        if (limited && !limited.ok) ack({ ok: false, error: o.gate!.rateLimited('uk', limited.retryAfterMs) });
        else ack({ ok: false, error: { code: 'READ_ONLY', message: 'Ця сторінка лише показує талон.' } });
      });
    });
    o.floor.on('change', this.onChange);
    o.floor.on('reloaded', this.onChange);
    o.floor.on('dayChanged', this.onChange);
    this.heartbeat = setInterval(() => this.nsp.emit('alive', { at: o.now() }), o.heartbeatMs ?? 30_000).unref();
  }

  /** The link printed on a ticket and shown as its second QR. */
  urlFor(bookingId: string): string {
    const base = this.o.config.central?.publicUrl ?? this.o.config.hub.publicUrl ?? this.o.hubUrl();
    return `${base.replace(/\/$/, '')}/t/${this.idFor(bookingId)}`;
  }

  idFor(bookingId: string): string {
    return this.o.ids.idFor(this.o.floor.state().day, bookingId);
  }

  resolve(id: string): string | null {
    const state = this.o.floor.state();
    return this.o.ids.resolve(id, state.day, state.visits.keys());
  }

  /** The picture of the floor every ticket is cut from; rebuilt after a change. */
  current(): FloorPicture {
    this.picture ??= floorPicture(this.o.floor.state(), this.o.now());
    return this.picture;
  }

  /** One ticket's view by its live id, or null (a guessed id and yesterday's id read the same). */
  view(id: string): LiveTicket | null {
    const bookingId = liveIdSchema.safeParse(id).success ? this.resolve(id) : null;
    return bookingId ? this.current().ticket(bookingId) : null;
  }

  /** `GET /t/{id}`: the page, for any well-formed id, so a page never tells a guessed id from a real one. */
  route(req: IncomingMessage, res: ServerResponse, servePage: (req: IncomingMessage, res: ServerResponse) => boolean): boolean {
    const path = (req.url ?? '/').split('?')[0]!;
    const m = /^\/t\/([^/]*)$/.exec(path);
    if (!m) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Method not allowed\n');
      return true;
    }
    if (!liveIdSchema.safeParse(m[1]).success) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      res.end('Талон не знайдено. / No such ticket.\n');
      return true;
    }
    const original = req.url;
    req.url = '/ticket';
    try {
      return servePage(req, res);
    } finally {
      req.url = original;
    }
  }

  private schedule(): void {
    this.picture = null;
    this.timer ??= setTimeout(() => this.flush(), this.o.flushEveryMs ?? 250);
  }

  /**
   * Sends the shared part when it changed (one broadcast), then each open ticket its own part where
   * the page, from the shared part and what it has, would not show the truth.
   */
  flush(): void {
    this.timer = null;
    const rooms = this.nsp.adapter.rooms;
    if (rooms.size === 0) return;
    const picture = this.current();
    const { at: _at, ...shared } = picture.floor;
    const floorText = JSON.stringify(shared);
    if (floorText !== this.sentFloor) {
      this.sentFloor = floorText;
      this.nsp.emit('floor', picture.floor);
    }
    for (const [room, members] of rooms) {
      if (!room.startsWith(ROOM) || members.size === 0) continue;
      const bookingId = room.slice(ROOM.length);
      const own = picture.own(bookingId);
      if (!own) continue;
      const last = this.sent.get(bookingId);
      if (last && sameOnThePage(composeLiveTicket(last, picture.floor), composeLiveTicket(own, picture.floor))) continue;
      this.sent.set(bookingId, own);
      this.nsp.to(room).emit('ticket', own);
    }
    if (this.sent.size > rooms.size * 2 + 100) {
      for (const bookingId of this.sent.keys()) if (!rooms.has(ROOM + bookingId)) this.sent.delete(bookingId);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.o.floor.off('change', this.onChange);
    this.o.floor.off('reloaded', this.onChange);
    this.o.floor.off('dayChanged', this.onChange);
    this.nsp.disconnectSockets(true);
  }
}

/** Whether a page showing `a` shows what `b` says; an estimate within a minute counts as the same. */
function sameOnThePage(a: LiveTicket, b: LiveTicket): boolean {
  return (
    a.state === b.state &&
    a.ahead === b.ahead &&
    a.desk === b.desk &&
    a.number === b.number &&
    a.service.code === b.service.code &&
    a.alert.frozen === b.alert.frozen &&
    Math.abs((a.waitMinutes ?? -99) - (b.waitMinutes ?? -99)) < 2
  );
}
