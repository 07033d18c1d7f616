/**
 * The reference central server over HTTP (Node's own http, JSON both ways). Three APIs:
 * - terminal (DESIGN §6, bearer token per terminal): bookings, events, alert, terminal-pool, licences;
 * - citizen (rate-limited, proof of work on booking): challenge, free slots, book, cancel, licence status;
 * - admin (bearer admin token): set a centre's alert, move a licence application, extend the review clock.
 * Paths are listed in docs/central-api.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { silentLog, type Log } from '../../main/core/log.js';
import type { Millis } from '../../main/core/types.js';
import {
  citizenBookRequestSchema, citizenCancelRequestSchema, extendReviewRequestSchema, licenceStatusRequestSchema,
  PULL_LIMIT_MAX, pushRequestSchema, setAlertRequestSchema,
} from '../protocol/central.js';
import { nextOpening } from './calendar.js';
import { Central, personKey } from './central.js';
import { bookOnline, cancelBooking, cancelOnline, freeSlots, stripped } from './citizenBooking.js';
import { openCentralDb } from './db.js';
import { citizenLicence, extendReview, licencesForCentre, setLicenceStatus } from './licences.js';
import { issueChallenge, verifyChallenge } from './pow.js';
import { RateLimiter, type BucketRule } from './rateLimit.js';
import { Refusal, refuse } from './refusals.js';
import { applyEvents } from './terminalEvents.js';
import { liveIdSchema, progressRequestSchema } from '../protocol/liveTicket.js';
import { LiveTicketDesk, type TicketWebhook } from './liveTickets.js';
import { serveTicketPage } from './ticketPage.js';

/**
 * What a test can make the server do wrong, to check the hub copes: answer 503, answer with broken
 * JSON, or act on a request and then drop the connection before answering (a hub killed mid-push
 * sees the same).
 */
export type Fault = null | 'unavailable' | 'malformed' | 'dropAnswer';

export interface CentralOptions {
  /** SQLite file; ':memory:' for tests. */
  file: string;
  now?: () => Millis;
  host?: string;
  port?: number;
  adminToken?: string;
  /** Leading zero bits of the booking proof of work (16 ≈ 65k hashes). */
  difficulty?: number;
  perClient?: BucketRule;
  perPerson?: BucketRule;
  log?: Log;
  /** The "your turn is near" webhook for an SMS or push gateway (docs/live-ticket.md). */
  ticketWebhook?: TicketWebhook;
  /** Per client address for the live ticket API (phones poll every 1–5 s). */
  perTicketClient?: BucketRule;
  /** Prepares the database (centres, seeds) before the server listens. */
  setup?: (central: Central) => void;
}

export interface RunningCentral {
  url: string;
  port: number;
  central: Central;
  /** The live tickets the hubs' progress feeds. */
  live: LiveTicketDesk;
  fault: Fault;
  close(): Promise<void>;
}

const BODY_LIMIT = 4 * 1024 * 1024;

class BodyError extends Error {}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(new BodyError('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new BodyError('not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) refuse('BAD_REQUEST', { detail: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
  return r.data;
}

/** Compared through their digests in constant time, so the admin token cannot be guessed byte by byte. */
function sameSecret(a: string, b: string): boolean {
  const digest = (x: string) => createHash('sha256').update(x).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function bearer(req: IncomingMessage): string {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7).trim() : '';
}

export async function startCentral(options: CentralOptions): Promise<RunningCentral> {
  const now = options.now ?? Date.now;
  const log = (options.log ?? silentLog).child({ component: 'central' });
  const db = openCentralDb(options.file);
  const central = new Central(db, now);
  options.setup?.(central);
  central.ensureOpen();
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('hex');
  const difficulty = options.difficulty ?? 16;
  const perClient = new RateLimiter(options.perClient ?? { burst: 60, perMinute: 60 }, now);
  const perPerson = new RateLimiter(options.perPerson ?? { burst: 5, perMinute: 1 }, now);

  const perTicketClient = new RateLimiter(options.perTicketClient ?? { burst: 120, perMinute: 240 }, now);
  const live = new LiveTicketDesk({ now, log, ...(options.ticketWebhook && { webhook: options.ticketWebhook }) });
  const running: RunningCentral = { url: '', port: 0, central, live, fault: null, close: async () => {} };

  function limited(limiter: RateLimiter, key: string): void {
    const r = limiter.take(key);
    if (!r.ok) throw Object.assign(new Refusal('RATE_LIMITED'), { retryAfterMs: r.retryAfterMs });
  }

  async function terminal(req: IncomingMessage, centre: string, rest: string, url: URL): Promise<unknown> {
    const term = central.terminalOf(centre, bearer(req));
    if (!term) refuse('UNAUTHORIZED');
    const serverTime = now();
    if (rest === 'bookings' && req.method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      const limit = Math.min(PULL_LIMIT_MAX, Math.max(1, Number(url.searchParams.get('limit') ?? '1000') || 1000));
      if (!Number.isInteger(after) || after < 0) refuse('BAD_REQUEST', { detail: 'after: a cursor from an earlier page' });
      return { ...central.pull(centre, after, limit), serverTime };
    }
    if (rest === 'events' && req.method === 'POST') {
      const body = parse(pushRequestSchema, await readBody(req));
      return { ...applyEvents(central, centre, body.terminal, body.events), serverTime: now() };
    }
    if (rest === 'alert' && req.method === 'GET') return { ...central.alert(centre), serverTime };
    if (rest === 'terminal-pool' && req.method === 'GET') return { slots: central.pool(centre), days: central.poolDays(centre), serverTime };
    if (rest === 'licences' && req.method === 'GET') return { licences: licencesForCentre(central, centre), serverTime };
    if (rest === 'progress' && req.method === 'PUT') {
      const body = parse(progressRequestSchema, await readBody(req));
      return { tickets: live.put(centre, body), serverTime: now() };
    }
    return refuse('NOT_FOUND');
  }

  async function citizen(req: IncomingMessage, rest: string, url: URL): Promise<unknown> {
    limited(perClient, req.socket.remoteAddress ?? '?');
    const serverTime = now();
    if (rest === 'challenge' && req.method === 'GET') return issueChallenge(secret, serverTime, difficulty);
    let m = /^centres\/([^/]+)\/slots$/.exec(rest);
    if (m && req.method === 'GET') {
      return { slots: freeSlots(central, decodeURIComponent(m[1]!), url.searchParams.get('date') ?? ''), serverTime };
    }
    if (rest === 'bookings' && req.method === 'POST') {
      const raw = await readBody(req);
      const { challenge, nonce, ...request } = parse(citizenBookRequestSchema, raw);
      limited(perPerson, personKey(request.person));
      if (!challenge) refuse('CHALLENGE_REQUIRED');
      const checked = verifyChallenge(secret, serverTime, challenge, nonce);
      if (!checked.ok) refuse('CHALLENGE_FAILED');
      const spent = db.prepare('INSERT OR IGNORE INTO challenges_spent (challenge, expires_at) VALUES (?, ?)').run(challenge, checked.expiresAt);
      if (spent.changes === 0) refuse('CHALLENGE_FAILED');
      return { booking: bookOnline(central, request), serverTime: now() };
    }
    m = /^bookings\/([^/]+)\/cancel$/.exec(rest);
    if (m && req.method === 'POST') {
      const { code } = parse(citizenCancelRequestSchema, await readBody(req));
      return { booking: cancelOnline(central, decodeURIComponent(m[1]!), code), serverTime: now() };
    }
    m = /^licences\/([^/]+)$/.exec(rest);
    if (m && req.method === 'GET') {
      const factor = url.searchParams.get('phoneLast4');
      return { licence: citizenLicence(central, decodeURIComponent(m[1]!), factor && /^\d{4}$/.test(factor) ? factor : null), serverTime };
    }
    return refuse('NOT_FOUND');
  }

  async function admin(req: IncomingMessage, rest: string): Promise<unknown> {
    if (!sameSecret(bearer(req), adminToken)) refuse('UNAUTHORIZED');
    let m = /^centres\/([^/]+)\/alert$/.exec(rest);
    if (m && req.method === 'PUT') {
      const { active } = parse(setAlertRequestSchema, await readBody(req));
      return { ...central.setAlert(decodeURIComponent(m[1]!), active), serverTime: now() };
    }
    m = /^bookings\/([^/]+)\/cancel$/.exec(rest);
    if (m && req.method === 'POST') {
      const b = central.booking(decodeURIComponent(m[1]!)) ?? refuse('NO_SUCH_BOOKING');
      if (b.status === 'cancelled') refuse('ALREADY_CANCELLED');
      cancelBooking(central, b);
      return { booking: stripped(central.booking(b.id)!), serverTime: now() };
    }
    m = /^licences\/([^/]+)\/status$/.exec(rest);
    if (m && req.method === 'POST') {
      const body = parse(licenceStatusRequestSchema, await readBody(req));
      return { licence: setLicenceStatus(central, decodeURIComponent(m[1]!), body.status, body.reason), serverTime: now() };
    }
    if (rest === 'licences/extend' && req.method === 'POST') {
      const body = parse(extendReviewRequestSchema, await readBody(req));
      return { extended: extendReview(central, body.days), why: body.why, serverTime: now() };
    }
    return refuse('NOT_FOUND');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://central');
    const path = url.pathname;
    if (running.fault === 'unavailable') return send(res, 503, { error: { code: 'UNAVAILABLE', message: 'Сервіс тимчасово недоступний.' } });
    if (running.fault === 'malformed' && path.startsWith('/v1/centres/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"bookings": [ {"id": ');
      return;
    }
    try {
      let body: unknown;
      let m: RegExpExecArray | null;
      if (path === '/health') body = { ok: true, serverTime: now() };
      else if ((m = /^\/v1\/tickets\/([^/]*)$/.exec(path)) && req.method === 'GET') {
        limited(perTicketClient, req.socket.remoteAddress ?? '?');
        const ticket = liveIdSchema.safeParse(m[1]).success ? live.get(m[1]!) : null;
        body = { ticket: ticket ?? refuse('NO_SUCH_TICKET'), serverTime: now() };
      } else if (req.method === 'GET' && serveTicketPage(path, res)) return;
      else if ((m = /^\/v1\/centres\/([^/]+)\/([a-z-]+)$/.exec(path))) body = await terminal(req, decodeURIComponent(m[1]!), m[2]!, url);
      else if ((m = /^\/v1\/citizen\/(.+)$/.exec(path))) body = await citizen(req, m[1]!, url);
      else if ((m = /^\/v1\/admin\/(.+)$/.exec(path))) body = await admin(req, m[1]!);
      else refuse('NOT_FOUND');
      if (running.fault === 'dropAnswer') {
        res.socket?.destroy();
        return;
      }
      send(res, 200, body);
    } catch (err) {
      if (err instanceof Refusal) {
        const retry = (err as Refusal & { retryAfterMs?: number }).retryAfterMs;
        send(res, err.status, err.body(), retry ? { 'retry-after': String(Math.ceil(retry / 1000)) } : {});
      } else if (err instanceof BodyError) {
        send(res, 400, new Refusal('BAD_REQUEST', { detail: err.message }).body());
      } else {
        log.error({ method: req.method, path, err: (err as Error).stack ?? String(err) }, 'a request failed');
        send(res, 500, { error: { code: 'INTERNAL', message: 'Внутрішня помилка сервера.' } });
      }
    }
  }

  const http = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  running.port = address.port;
  running.url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${address.port}`;

  // Opens the next day at 06:00 even when nobody asks; requests also open it lazily.
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    const tz = (db.prepare('SELECT timezone FROM centres LIMIT 1').pluck().get() as string | undefined) ?? 'Europe/Kyiv';
    const wait = Math.min(2 ** 31 - 1, Math.max(1000, nextOpening(Date.now(), tz) - Date.now() + 1000));
    timer = setTimeout(() => {
      central.ensureOpen();
      schedule();
    }, wait).unref();
  };
  schedule();

  running.close = async () => {
    if (timer) clearTimeout(timer);
    live.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    db.close();
  };
  log.info({ url: running.url }, 'listening');
  return running;
}
