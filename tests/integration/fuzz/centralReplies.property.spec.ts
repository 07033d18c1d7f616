/**
 * Central answering garbage (issue 8): a loopback HTTP server answers the hub's sync client with
 * garbage JSON, non-JSON, huge, slow, truncated and wrong-shaped bodies under any status. The client
 * never throws out (each call fails with a CentralError, each round resolves), applies nothing of an
 * invalid answer (the store's tables are unchanged) and reports the link as failing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn } from '../../../main/core/checkIn.js';
import { FloorService } from '../../../main/hub/floorService.js';
import { openStore, type Store } from '../../../main/store/index.js';
import { SyncStore } from '../../../main/store/syncStore.js';
import { CentralApi, CentralError } from '../../../sync/client/centralApi.js';
import { SyncClient } from '../../../sync/client/syncClient.js';
import { SkewClock } from '../../../sync/client/skewClock.js';
import { alertAnswerSchema, licencesAnswerSchema, poolAnswerSchema, pullPageSchema, pushAnswerSchema } from '../../../sync/protocol/central.js';
import { at, booking, rules } from '../../helpers/floor.js';
import { tablesDigest } from '../../helpers/floorDigest.js';
import { nastyString, WIRE_TRAPS, wireValue } from '../../helpers/hostile.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-central-');
const CENTRE = '8041';
const TIMEOUT_MS = 250;
const MAX_ANSWER = 256 * 1024;
const NOW = at('09:30');

/** What each path answers when central is right: the shapes the garbage is made from. */
function goodAnswer(path: string, sent: string[]): Record<string, unknown> {
  const serverTime = NOW;
  if (path.endsWith('/bookings')) return { bookings: [booking(1200, '11:00', { id: 'FROM-CENTRAL', code: 'CENTRAL1' })], cursor: 'c-1', more: false, serverTime };
  if (path.endsWith('/events')) return { accepted: sent, duplicate: [], rejected: [], serverTime };
  if (path.endsWith('/alert')) return { active: true, since: NOW - 1000, serverTime };
  if (path.endsWith('/terminal-pool')) return { slots: [{ id: 'S1', service: 'DL_EXCHANGE', date: '2026-03-10', time: '12:00', number: 1500 }], days: [], serverTime };
  return { licences: [], serverTime };
}

const SCHEMAS: [string, { safeParse(v: unknown): { success: boolean } }][] = [
  ['/bookings', pullPageSchema],
  ['/events', pushAnswerSchema],
  ['/alert', alertAnswerSchema],
  ['/terminal-pool', poolAnswerSchema],
  ['/licences', licencesAnswerSchema],
];

/** Whether central's answer is one the protocol accepts: a 2xx whose JSON fits the path's schema. */
function acceptable(path: string, status: number, body: string): boolean {
  if (status < 200 || status > 299) return false;
  const schema = SCHEMAS.find(([p]) => path.endsWith(p))![1];
  try {
    return schema.safeParse(JSON.parse(body)).success;
  } catch {
    return false;
  }
}

function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[path[0]! % keys.length]!;
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string, unknown>;
  Object.defineProperty(copy, key, { value: mutate((doc as Record<string, unknown>)[key], path.slice(1), value), enumerable: true, writable: true, configurable: true });
  return copy;
}

type Body =
  | { kind: 'wrong'; path: number[]; value: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'huge'; bytes: number }
  | { kind: 'slow' }
  | { kind: 'drip' }
  | { kind: 'truncated' }
  | { kind: 'hangUp' }
  | { kind: 'extraKey' };

interface Reply {
  status: number;
  body: Body;
  contentType: string;
}

const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('wrong' as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: fc.oneof(fc.constant({ length: { valueOf: 0, toString: 0 } }), wireValue) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.oneof(wireValue, fc.constantFrom(...WIRE_TRAPS)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.oneof(nastyString(80), fc.constantFrom('', '{', '{"bookings":[', 'null', '<html>502</html>', '\ufeff{}', 'NaN')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const), bytes: fc.integer({ min: MAX_ANSWER + 1, max: 4 * MAX_ANSWER }) }) },
  { weight: 1, arbitrary: fc.constantFrom<Body>({ kind: 'slow' }, { kind: 'drip' }, { kind: 'truncated' }, { kind: 'hangUp' }, { kind: 'extraKey' }) },
);
const replyArb: fc.Arbitrary<Reply> = fc.record({
  status: fc.oneof({ weight: 4, arbitrary: fc.constant(200) }, { weight: 2, arbitrary: fc.constantFrom(201, 204, 206, 299, 300, 302, 304, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 599) }),
  body: bodyArb,
  contentType: fc.constantFrom('application/json', 'text/html', 'application/json; charset=latin1', ''),
});

let server: Server;
let base = '';
/** The answer for the next request to each path; a path not planned answers with a refusal. */
let plan = new Map<string, Reply>();
let answered: { path: string; acceptable: boolean }[] = [];

function serve(req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = new URL(req.url!, 'http://central').pathname;
  const reply = [...plan.entries()].find(([p]) => path.endsWith(p))?.[1];
  if (!reply) {
    res.writeHead(400).end();
    return;
  }
  let sent: string[] = [];
  try {
    sent = (JSON.parse(body) as { events: { id: string }[] }).events.map((e) => e.id);
  } catch {
    // not a push
  }
  const good = goodAnswer(path, sent);
  const b = reply.body;
  const headers = reply.contentType ? { 'content-type': reply.contentType } : {};
  const text =
    b.kind === 'wrong' ? (JSON.stringify(mutate(good, b.path, b.value)) ?? '')
    : b.kind === 'json' ? (JSON.stringify(b.value) ?? '')
    : b.kind === 'text' ? b.text
    : b.kind === 'huge' ? JSON.stringify({ ...good, pad: 'x'.repeat(b.bytes) })
    : b.kind === 'extraKey' ? JSON.stringify({ ...good, extra: 1 })
    : JSON.stringify(good);
  const noBody = reply.status === 204 || reply.status === 304;
  answered.push({ path, acceptable: !['slow', 'drip', 'truncated', 'hangUp'].includes(b.kind) && acceptable(path, reply.status, noBody ? '' : text) });
  if (b.kind === 'hangUp') {
    req.socket.destroy();
    return;
  }
  if (b.kind === 'slow') {
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(reply.status, headers).end(text);
    }, TIMEOUT_MS * 3).unref();
    return;
  }
  if (b.kind === 'truncated') {
    res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(text) + 100) });
    res.write(text);
    setTimeout(() => req.socket.destroy(), 10).unref();
    return;
  }
  if (b.kind === 'drip') {
    res.writeHead(reply.status, headers);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed || i >= text.length) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(text[i++]!);
    }, 40);
    timer.unref();
    return;
  }
  res.writeHead(reply.status, headers);
  res.end(noBody ? undefined : text);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serve(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** A hub's store with today's bookings and one check-in waiting in the outbox. */
function hubStore(dir: string): Store {
  const store = openStore(join(dir, 'talon.db'), NOW);
  const b = booking(1056, '10:00');
  store.upsertBookings([b, booking(1057, '10:15')]);
  const floor = new FloorService(store, rules(), () => NOW);
  const outcome = floor.run((state, now) => checkIn(state, state.bookings.get(b.id) ?? null, now));
  if (!outcome.ok) throw new Error(`setup check-in failed: ${JSON.stringify(outcome.error)}`);
  return store;
}

const api = () => new CentralApi({ url: base, centre: CENTRE, token: 't', clock: () => NOW, timeoutMs: TIMEOUT_MS, maxAnswerBytes: MAX_ANSWER });
const PATHS = ['/bookings', '/events', '/alert', '/terminal-pool', '/licences'] as const;

describe('the sync client against a central answering garbage', () => {
  it('each call of the API either answers within the protocol or fails with a CentralError', async () => {
    const calls = {
      '/bookings': (a: CentralApi) => a.pull('', 1000),
      '/events': (a: CentralApi) => a.push({ terminal: 'hub', events: [{ id: 'ev-00000001', seq: 1, type: 'visit.checked_in', at: NOW, booking: 'B', data: {} }] }),
      '/alert': (a: CentralApi) => a.alert(),
      '/terminal-pool': (a: CentralApi) => a.pool(),
      '/licences': (a: CentralApi) => a.licences(),
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), replyArb, async (path, reply) => {
        plan = new Map([[path, reply]]);
        answered = [];
        let outcome: { ok: true } | { ok: false; error: unknown };
        try {
          await calls[path](api());
          outcome = { ok: true };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (outcome.ok) expect(answered.at(-1)?.acceptable).toBe(true);
        else {
          expect(outcome.error).toBeInstanceOf(CentralError);
          expect((outcome.error as CentralError).code).toMatch(/^CENTRAL_(UNREACHABLE|UNAVAILABLE|REFUSED|MALFORMED)$/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a round never throws, applies nothing of an invalid answer and reports the link failing', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.tuple(...PATHS.map(() => replyArb)), async (replies) => {
        plan = new Map(PATHS.map((p, i) => [p, replies[i]!]));
        answered = [];
        const store = hubStore(tempDir());
        try {
          const before = tablesDigest(store.db);
          const client = new SyncClient({ api: api(), store, sync: new SyncStore(store), centre: CENTRE, terminal: 'hub-1', clock: new SkewClock(() => NOW, 120_000) });
          const report = await client.round();
          const allInvalid = answered.every((a) => !a.acceptable);
          for (const f of report.failed) expect(f.error).toBeInstanceOf(CentralError);
          if (answered.some((a) => !a.acceptable)) expect(client.link.state).not.toBe('online');
          if (allInvalid) {
            expect(report.ok).toEqual([]);
            expect(client.link.state).toBe('offline');
            expect(tablesDigest(store.db)).toBe(before);
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 25 },
    );
    void dir;
  });
});
