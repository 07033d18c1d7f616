/**
 * A central that answers garbage (issue 8), on loopback: each request is answered as planned, with
 * garbage JSON, non-JSON, huge, slow, dripped, truncated or wrong-shaped bodies under any status, and
 * the server records whether the protocol would have accepted what it sent. Several clients share one
 * server, each under its own prefix (`/w3/v1/centres/…`), each with its own plan.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { progressAnswerSchema } from '../../sync/protocol/liveTicket.js';
import { alertAnswerSchema, licencesAnswerSchema, poolAnswerSchema, pullPageSchema, pushAnswerSchema } from '../../sync/protocol/central.js';
import { booking } from './floor.js';
import { mutate, nastyString, WIRE_TRAPS, wireValue } from './hostile.js';

export const TIMEOUT_MS = 250;
export const MAX_ANSWER = 256 * 1024;


/** What each path answers when central is right: the shapes the garbage is made from. */
function goodAnswer(path: string, sent: string[], now: number): Record<string, unknown> {
  const serverTime = now;
  if (path.endsWith('/bookings')) return { bookings: [booking(1200, '11:00', { id: 'FROM-CENTRAL', code: 'CENTRAL1' })], cursor: 'c-1', more: false, serverTime };
  if (path.endsWith('/events')) return { accepted: sent, duplicate: [], rejected: [], serverTime };
  if (path.endsWith('/alert')) return { active: true, since: now - 1000, serverTime };
  if (path.endsWith('/terminal-pool')) return { slots: [{ id: 'S1', service: 'DL_EXCHANGE', date: '2026-03-10', time: '12:00', number: 1500 }], days: [], serverTime };
  if (path.endsWith('/progress')) return { tickets: 3, serverTime };
  return { licences: [], serverTime };
}

const SCHEMAS: [string, { safeParse(v: unknown): { success: boolean } }][] = [
  ['/bookings', pullPageSchema],
  ['/events', pushAnswerSchema],
  ['/alert', alertAnswerSchema],
  ['/terminal-pool', poolAnswerSchema],
  ['/licences', licencesAnswerSchema],
  ['/progress', progressAnswerSchema],
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


export type Body =
  | { kind: 'wrong'; path: number[]; value: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'huge'; bytes: number }
  | { kind: 'slow' }
  | { kind: 'drip' }
  | { kind: 'truncated' }
  | { kind: 'hangUp' }
  | { kind: 'extraKey' };

export interface Reply {
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
export const replyArb: fc.Arbitrary<Reply> = fc.record({
  status: fc.oneof({ weight: 4, arbitrary: fc.constant(200) }, { weight: 2, arbitrary: fc.constantFrom(201, 204, 206, 299, 300, 302, 304, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 599) }),
  body: bodyArb,
  contentType: fc.constantFrom('application/json', 'text/html', 'application/json; charset=latin1', ''),
});

export interface GarbageCentral {
  url: string;
  /** The clock central's answers carry as serverTime. */
  now: number;
  /** Per worker prefix: the answer to the next request to each path (a path not planned is refused). */
  plans: Map<string, Map<string, Reply>>;
  /** Per worker prefix: each request answered, and whether the protocol accepts the answer. */
  answered: Map<string, { path: string; acceptable: boolean }[]>;
  close(): Promise<void>;
}

export async function startGarbageCentral(now: number): Promise<GarbageCentral> {
  const central: GarbageCentral = { url: '', now, plans: new Map(), answered: new Map(), close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => serve(central, req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  central.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  central.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return central;
}

function serve(central: GarbageCentral, req: IncomingMessage, res: ServerResponse, body: string): void {
  const full = new URL(req.url!, 'http://central').pathname;
  const worker = /^\/w(\d+)\//.exec(full)?.[1] ?? '0';
  const path = full.replace(/^\/w\d+/, '');
  const reply = [...(central.plans.get(worker)?.entries() ?? [])].find(([p]) => path.endsWith(p))?.[1];
  const answered = central.answered.get(worker) ?? [];
  central.answered.set(worker, answered);
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
  const good = goodAnswer(path, sent, central.now);
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
