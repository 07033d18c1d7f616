/**
 * The socket gateway: the one place a handshake and an event are checked, limited and answered.
 *
 * A handshake passes, in order: the origin (engine `allowRequest`: the hub's own pages, the Electron
 * windows, `hub.allowedOrigins`), the address's window of refused handshakes, the caps on sockets
 * per address and per namespace, and the token. An event passes the socket's and the address's
 * token buckets, then its schema (sync/protocol/hub.ts), then the handler the extension host holds.
 * Every step is total: a hostile value (an object whose `toString` is not a function, an event
 * named by a number) is refused with a code, and anything unexpected answers INTERNAL, is logged
 * once with its stack, and leaves the hub serving. An event with an ack is always answered.
 */
import type { IncomingHttpHeaders, IncomingMessage, Server as HttpServer } from 'node:http';
import { isIP } from 'node:net';
import { Server, type Namespace as IoNamespace, type Socket } from 'socket.io';
import type { z } from 'zod';
import { stackOf, type Log } from '../core/log.js';
import type { Lang } from '../core/messages.js';
import type { Millis } from '../core/types.js';
import type { HubLimits, TalonConfig } from '../config/schema.js';
import { CLIENT_EVENTS, NAMESPACES, handshakeSchema, type Ack, type HubError, type Namespace } from '../../sync/protocol/hub.js';
import { parseTotal, type Actor, type Answer } from './answer.js';
import type { Disposable } from './disposable.js';
import type { ExtensionHost } from './extensionHost.js';
import { hubError, toHubError, type HubCode } from './hubErrors.js';
import { Counter, FailureWindow, KeyedBuckets, TokenBucket, type Take } from './limits.js';
import { BASE_HEADERS } from './router.js';
import type { Pending, Scheduler } from './scheduler.js';

const MAX_PAYLOAD_BYTES = 16 * 1024;

export interface SocketData {
  actor: Actor;
  lang: Lang;
  address: string;
}

/** What one event did, for the metrics and the log (main/ops/hubWatch.ts). */
export interface Answered {
  ns: Namespace;
  event: string;
  actorId: string;
  ok: boolean;
  code?: string;
  ms: number;
}

export interface GatewayOptions {
  http: HttpServer;
  config: TalonConfig;
  limits: HubLimits;
  now: () => Millis;
  log: Log;
  host: ExtensionHost;
  /** The token → actor check (main/hub/auth.ts). */
  authenticate(ns: Namespace, token: string | undefined, address: string): Actor | null;
  /** The hub's own URL once it listens (an origin it always accepts). */
  hubUrl(): string;
  /** After each event: the metrics. */
  answered?(a: Answered): void;
  /** A socket passed its handshake: send it what it starts from. */
  welcome?(socket: Socket, ns: Namespace): void;
  /** Where the gateway forgets idle buckets each minute; without it, a timer of its own. */
  scheduler?: Scheduler;
}

/** A refusal at the handshake, as the client sees it (`connect_error`'s `data`). */
function handshakeRefusal(code: HubCode, lang: Lang, retryAfterMs?: number): Error {
  const data: HubError = { ...hubError(code, lang, retryAfterMs === undefined ? {} : { seconds: String(Math.ceil(retryAfterMs / 1000)) }) };
  if (retryAfterMs !== undefined) data.retryAfterMs = retryAfterMs;
  return Object.assign(new Error(code), { data });
}


/** An event's name as it may be shown back: a string or a number, cut short. */
function shownName(event: unknown): string {
  return typeof event === 'string' ? event.slice(0, 40) : typeof event === 'number' ? String(event) : '?';
}

/**
 * Whether a page's origin may open a socket. No Origin: not a browser page (a device bridge, a
 * script on the PC, the Electron shell's own requests). A browser page: an origin of the hub's
 * (its URL, `hub.publicUrl`, `hub.allowedOrigins`), or the same host and port the request reached
 * when that host is an address or localhost, so a page of another site (or another site's name
 * pointed at the hub: DNS rebinding) is refused.
 */
export function originAllowed(headers: IncomingHttpHeaders, own: readonly (string | undefined)[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (typeof origin !== 'string') return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
  const configured = own.flatMap((u) => {
    if (!u) return [];
    try {
      return [new URL(u)];
    } catch {
      return [];
    }
  });
  if (configured.some((u) => u.origin === o.origin)) return true;
  const hostname = o.hostname.replace(/^\[|\]$/g, '');
  const anAddress = isIP(hostname) !== 0 || hostname === 'localhost';
  return anAddress && typeof headers.host === 'string' && o.host === headers.host.toLowerCase();
}

export class SocketGateway implements Disposable {
  readonly io: Server;
  readonly nsps: Record<Namespace, IoNamespace>;
  private readonly perAddress: KeyedBuckets;
  private readonly handshakes: KeyedBuckets;
  private readonly handshakesTotal: TokenBucket;
  private readonly perSocket = new WeakMap<Socket, TokenBucket>();
  /** Sockets whose last event was refused for the rate: one `problem` per streak, not per event. */
  private readonly limitedStreak = new WeakSet<Socket>();
  private readonly byAddress = new Counter();
  private readonly byNamespace = new Counter();
  private readonly failures: FailureWindow;
  private readonly sweepTimer: Pending;

  constructor(private readonly o: GatewayOptions) {
    const l = o.limits;
    this.perAddress = new KeyedBuckets(l.perAddress);
    this.handshakes = new KeyedBuckets(l.handshakes);
    this.handshakesTotal = new TokenBucket(l.handshakesTotal, o.now());
    this.failures = new FailureWindow(l.handshakeFailures.perWindow, l.handshakeFailures.windowSeconds * 1000);
    this.io = new Server(o.http, {
      maxHttpBufferSize: MAX_PAYLOAD_BYTES,
      serveClient: false,
      // Before the WebSocket upgrade, so a refusal costs the hub one short HTTP answer.
      allowRequest: (req, callback) => {
        let refusal: string | null = 'INTERNAL';
        try {
          refusal = this.engineRefusal(req);
        } catch (err) {
          this.o.log.error({ err: stackOf(err) }, 'the origin check failed');
        }
        callback(refusal, refusal === null);
      },
    });
    // Engine.io's own HTTP answers (polling, its errors) carry the hub's headers too.
    const headers = (h: Record<string, string>) => Object.assign(h, BASE_HEADERS);
    this.io.engine.on('initial_headers', headers);
    this.io.engine.on('headers', headers);
    this.nsps = Object.fromEntries(NAMESPACES.map((n) => [n, this.io.of(`/${n}`)])) as Record<Namespace, IoNamespace>;
    for (const ns of NAMESPACES) this.mount(ns);
    const sweep = () => {
      const now = o.now();
      this.perAddress.sweep(now);
      this.handshakes.sweep(now);
      this.failures.sweep(now);
    };
    if (o.scheduler) this.sweepTimer = o.scheduler.every('forget idle limits', 60_000, sweep);
    else {
      const timer = setInterval(sweep, 60_000).unref();
      this.sweepTimer = { cancel: () => clearInterval(timer) };
    }
  }

  /** Null when an engine connection may open; else the reason, which the client reads in the answer. */
  private engineRefusal(req: IncomingMessage): string | null {
    const address = req.socket.remoteAddress ?? '?';
    const now = this.o.now();
    if (!this.originAllowed(req)) {
      this.refused(address, 'origin', { origin: String(req.headers.origin).slice(0, 100) });
      return 'FORBIDDEN_ORIGIN';
    }
    const opened = this.handshakes.take(address, now);
    if (!opened.ok) return `RATE_LIMITED: retry after ${opened.retryAfterMs} ms`;
    const total = this.handshakesTotal.take(now);
    return total.ok ? null : `RATE_LIMITED: retry after ${total.retryAfterMs} ms`;
  }

  originAllowed(req: IncomingMessage): boolean {
    return originAllowed(req.headers, [this.o.hubUrl(), this.o.config.hub.publicUrl, ...this.o.config.hub.allowedOrigins]);
  }

  /** A refused handshake: counted for the address, logged once per window. */
  private refused(address: string, why: string, fields: Record<string, unknown> = {}): void {
    const { failures, report } = this.failures.fail(address, this.o.now());
    if (report) this.o.log.warn({ address, why, ...fields }, 'refused a connection (further refusals from this address are counted, not logged, for the window)');
    else if (failures === this.o.limits.handshakeFailures.perWindow) this.o.log.warn({ address, failures }, 'too many refused connections: this address waits for the window to end');
  }

  /**
   * The checks every namespace shares, the live ticket's `/ticket` included: the window of refused
   * handshakes and the socket caps. Null when the socket may go on.
   */
  admit(socket: Socket, ns: string, lang: Lang): Error | null {
    const address = socket.handshake.address;
    const now = this.o.now();
    const throttled = this.failures.check(address, now);
    if (!throttled.ok) {
      this.failures.fail(address, now);
      return handshakeRefusal('RATE_LIMITED', lang, throttled.retryAfterMs);
    }
    const caps = this.o.limits.connectionsPerNamespace as Record<string, number>;
    if (this.byAddress.count(address) >= this.o.limits.connectionsPerAddress || this.byNamespace.count(ns) >= (caps[ns] ?? Infinity)) {
      this.refused(address, 'too many connections', { ns });
      return handshakeRefusal('TOO_MANY_CONNECTIONS', lang);
    }
    return null;
  }

  /** A handshake another part refused (a wrong live-ticket id): counted like a wrong token. */
  handshakeFailed(socket: Socket, why: string): void {
    this.refused(socket.handshake.address, why);
  }

  /** Counts an admitted socket until it goes. */
  track(socket: Socket, ns: string): void {
    const address = socket.handshake.address;
    this.byAddress.add(address);
    this.byNamespace.add(ns);
    socket.once('disconnect', () => {
      this.byAddress.remove(address);
      this.byNamespace.remove(ns);
    });
  }

  /** The socket's and its address's buckets for one event. */
  limit(socket: Socket): Take {
    const now = this.o.now();
    let bucket = this.perSocket.get(socket);
    if (!bucket) this.perSocket.set(socket, (bucket = new TokenBucket(this.o.limits.perSocket, now)));
    const own = bucket.take(now);
    if (!own.ok) return own;
    return this.perAddress.take(socket.handshake.address, now);
  }

  /** The RATE_LIMITED refusal with its retry-after. */
  rateLimited(lang: Lang, retryAfterMs: number): HubError {
    return { ...hubError('RATE_LIMITED', lang, { seconds: String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }), retryAfterMs };
  }

  private mount(ns: Namespace): void {
    const nsp = this.nsps[ns];
    nsp.use((socket, next) => {
      let lang: Lang = 'uk';
      try {
        const hs = parseTotal(handshakeSchema, socket.handshake.auth ?? {});
        if (hs.ok && hs.data.lang) lang = hs.data.lang;
        const refusal = this.admit(socket, ns, lang);
        if (refusal) return next(refusal);
        const actor = hs.ok ? this.o.authenticate(ns, hs.data.token, socket.handshake.address) : null;
        if (!actor) {
          this.refused(socket.handshake.address, hs.ok ? 'bad token' : 'bad handshake', { ns });
          return next(handshakeRefusal('UNAUTHORIZED', lang));
        }
        (socket.data as SocketData) = { actor, lang, address: socket.handshake.address };
        next();
      } catch (err) {
        this.o.log.error({ ns, err: stackOf(err) }, 'a handshake failed');
        next(handshakeRefusal('INTERNAL', lang));
      }
    });
    nsp.on('connection', (socket) => {
      try {
        this.track(socket, ns);
        const { actor } = socket.data as SocketData;
        void socket.join(`actor:${actor.id}`);
        if (actor.desk !== undefined) void socket.join(`desk:${actor.desk}`);
        this.o.welcome?.(socket, ns);
        socket.onAny((event: unknown, ...args: unknown[]) => this.onEvent(socket, event, args));
      } catch (err) {
        this.o.log.error({ ns, err: stackOf(err) }, 'a connection could not be set up');
        socket.disconnect(true);
      }
    });
  }

  private onEvent(socket: Socket, event: unknown, args: unknown[]): void {
    const { actor, lang } = socket.data as SocketData;
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack) => void) : null;
    try {
      const limited = this.limit(socket);
      if (!limited.ok) {
        const error = this.rateLimited(lang, limited.retryAfterMs);
        if (ack) ack({ ok: false, error });
        else if (!this.limitedStreak.has(socket)) socket.emit('problem', { event: shownName(event), error });
        this.limitedStreak.add(socket);
        return;
      }
      this.limitedStreak.delete(socket);
      if (!ack) {
        socket.emit('problem', { event: shownName(event), error: hubError('BAD_PAYLOAD', lang, { detail: 'every event needs an acknowledgement callback' }) });
        return;
      }
      ack(this.execute(actor, lang, event, args));
    } catch (err) {
      this.o.log.error({ ns: actor.role, event: shownName(event), actor: actor.id, err: stackOf(err) }, 'an event failed');
      try {
        ack?.({ ok: false, error: hubError('INTERNAL', lang) });
      } catch {
        // The socket went away while answering; nothing more to say to it.
      }
    }
  }

  /**
   * Validates and runs one client event for an actor: the socket path and the device bridges
   * (`HubPorts.dispatch`) share it. Never throws; the answer is always an Ack.
   */
  execute(actor: Actor, lang: Lang, event: unknown, args: unknown[]): Ack {
    const started = performance.now();
    let ack: Ack;
    try {
      ack = this.run(actor, lang, event, args);
    } catch (err) {
      this.o.log.error({ ns: actor.role, event: shownName(event), actor: actor.id, err: stackOf(err) }, 'a command failed');
      ack = { ok: false, error: hubError('INTERNAL', lang) };
    }
    try {
      this.o.answered?.({ ns: actor.role, event: shownName(event), actorId: actor.id, ok: ack.ok, ...(!ack.ok && { code: ack.error.code }), ms: performance.now() - started });
    } catch (err) {
      this.o.log.error({ err: stackOf(err) }, 'counting an answer failed');
    }
    return ack;
  }

  private run(actor: Actor, lang: Lang, event: unknown, args: unknown[]): Ack {
    const ns = actor.role;
    const table = CLIENT_EVENTS[ns] as Record<string, z.ZodType>;
    const name = typeof event === 'string' && Object.hasOwn(table, event) ? event : null;
    if (name === null) {
      const elsewhere = typeof event === 'string' && NAMESPACES.some((n) => Object.hasOwn(CLIENT_EVENTS[n], event));
      const code = ns === 'board' ? 'READ_ONLY' : elsewhere ? 'FORBIDDEN' : 'UNKNOWN_EVENT';
      return { ok: false, error: hubError(code, lang, { event: shownName(event) }) };
    }
    if (args.length > 1) return { ok: false, error: hubError('BAD_PAYLOAD', lang, { detail: 'one payload object expected' }) };
    const parsed = parseTotal(table[name]!, args[0] ?? {});
    if (!parsed.ok) return { ok: false, error: hubError('BAD_PAYLOAD', lang, { detail: parsed.detail }) };
    return this.toAck(this.o.host.handler(ns, name)(parsed.data, actor), lang);
  }

  private toAck(result: Answer, lang: Lang): Ack {
    if (result.ok) return { ok: true, ...result.body };
    if ('hubError' in result) return { ok: false, error: hubError(result.hubError.code, lang, result.hubError.params) };
    return { ok: false, error: toHubError(result.error, lang, this.o.config) };
  }

  /** Every socket of the hub's namespaces. */
  *sockets(): Iterable<Socket> {
    for (const ns of NAMESPACES) yield* this.nsps[ns].sockets.values();
  }

  /** Drops at once every socket whose actor matches (a revoked device); returns how many. */
  dropWhere(pred: (actor: Actor) => boolean): number {
    let dropped = 0;
    for (const socket of [...this.sockets()]) {
      const data = socket.data as Partial<SocketData>;
      if (data.actor && pred(data.actor)) {
        // This namespace's socket only: `disconnect(true)` would close the client's whole connection.
        socket.disconnect();
        dropped++;
      }
    }
    return dropped;
  }

  connections(): Record<Namespace, number> {
    return Object.fromEntries(NAMESPACES.map((n) => [n, this.nsps[n].sockets.size])) as Record<Namespace, number>;
  }

  async dispose(): Promise<void> {
    this.sweepTimer.cancel();
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
