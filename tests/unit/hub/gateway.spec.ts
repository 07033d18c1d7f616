/** The socket gateway alone: a real socket.io server on loopback, a handler table, no floor. */
import fc from 'fast-check';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_LIMIT_DEFAULTS } from '../../../main/config/schema.js';
import { memoryLog } from '../../../main/core/log.js';
import type { Actor } from '../../../main/hub/answer.js';
import { ExtensionHost } from '../../../main/hub/extensionHost.js';
import { parseTotal } from '../../../main/hub/answer.js';
import { originAllowed, SocketGateway } from '../../../main/hub/gateway.js';
import { CLIENT_EVENTS } from '../../../sync/protocol/hub.js';
import { testConfig } from '../../helpers/hub.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function gateway(handlers: (host: ExtensionHost) => void = () => undefined) {
  const log = memoryLog();
  const host = new ExtensionHost(log);
  handlers(host);
  const http = createServer();
  const answered: string[] = [];
  const actors: Record<string, Actor> = { 'desk-1': { role: 'desk', id: 'desk:1', desk: 1 }, 'desk-2': { role: 'desk', id: 'desk:2', desk: 2, deviceId: 'dev-2' } };
  const g = new SocketGateway({
    http,
    config: testConfig(),
    limits: { ...HUB_LIMIT_DEFAULTS, perSocket: { perSecond: 1000, burst: 1000 }, handshakes: { perSecond: 1e5, burst: 1e5 }, handshakesTotal: { perSecond: 1e5, burst: 1e5 }, handshakeFailures: { perWindow: 1e5, windowSeconds: 60 } },
    now: Date.now,
    log,
    host,
    authenticate: (ns, token) => (ns === 'desk' && token ? (actors[token] ?? null) : ns === 'board' ? { role: 'board', id: 'board' } : null),
    hubUrl: () => url,
    answered: (a) => answered.push(`${a.event}:${a.ok ? 'ok' : a.code}`),
    welcome: (socket) => socket.emit('hello', {}),
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Socket[] = [];
  cleanup.push(async () => {
    for (const c of clients) c.close();
    await g.dispose();
  });
  const client = async (ns: string, token?: string) => {
    const s = connect(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    clients.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('hello', () => resolve());
      s.once('connect_error', reject);
    });
    return s;
  };
  return { g, log, answered, client, url };
}

describe('the socket gateway', () => {
  it('validates an event, runs its handler and counts the answer', async () => {
    const { client, answered } = await gateway((host) => host.handle('desk', 'callNext', (_p, actor) => ({ ok: true, body: { by: actor.id } })));
    const desk = await client('desk', 'desk-1');
    expect(await desk.emitWithAck('callNext', { commandId: 'abcdefgh01' })).toEqual({ ok: true, by: 'desk:1' });
    expect(await desk.emitWithAck('callNext', { commandId: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
    expect(await desk.emitWithAck('start', { commandId: 'abcdefgh01' })).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    expect(await desk.emitWithAck('checkIn', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(answered).toEqual(['callNext:ok', 'callNext:BAD_PAYLOAD', 'start:NOT_AVAILABLE', 'checkIn:FORBIDDEN']);
  });

  it('answers INTERNAL for a handler that throws, logs it once with its stack, and goes on', async () => {
    const { client, log } = await gateway((host) => {
      host.handle('desk', 'callNext', () => {
        throw new Error('handler boom');
      });
      host.handle('desk', 'recall', () => ({ ok: true, body: {} }));
    });
    const desk = await client('desk', 'desk-1');
    expect(await desk.emitWithAck('callNext', { commandId: 'abcdefgh01' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await desk.emitWithAck('recall', { commandId: 'abcdefgh02' })).toEqual({ ok: true });
    const lines = log.entries.filter((e) => e.level === 'error');
    expect(lines).toHaveLength(1);
    expect(String(lines[0]!.fields.err)).toMatch(/handler boom\n\s+at /);
  });

  it('answers every payload of every event, and no handler sees an invalid one (property)', async () => {
    const { client } = await gateway((host) => {
      for (const event of Object.keys(CLIENT_EVENTS.desk)) {
        host.handle('desk', event as 'callNext', (p) => {
          // What reaches a handler passed its schema.
          expect((CLIENT_EVENTS.desk as Record<string, z.ZodType>)[event]!.safeParse(p).success).toBe(true);
          return { ok: true, body: {} };
        });
      }
    });
    const desk = await client('desk', 'desk-1');
    const hostile = fc.oneof(fc.jsonValue(), fc.constant({ length: { valueOf: 0, toString: 0 } }), fc.record({ commandId: fc.jsonValue() }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...Object.keys(CLIENT_EVENTS.desk), 'checkIn', '__proto__', 'constructor'), fc.string({ maxLength: 50 })), hostile, async (event, payload) => {
        const ack = (await desk.timeout(5000).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } };
        expect(typeof ack.ok).toBe('boolean');
        if (!ack.ok) expect(['BAD_PAYLOAD', 'UNKNOWN_EVENT', 'FORBIDDEN']).toContain(ack.error!.code);
      }),
      { numRuns: 300 },
    );
  });

  it('answers every handshake, hostile or not, with a connection or a refusal code, never an internal failure (property)', async () => {
    const { log, url } = await gateway();
    const auth = fc.oneof(
      fc.object({ values: [fc.jsonValue()] }),
      fc.jsonValue().map((token) => ({ token })),
      fc.jsonValue().map((lang) => ({ token: 'desk-1', lang })),
      fc.constant({ token: { length: { valueOf: 0, toString: 0 } } }),
      fc.constantFrom({ token: 'desk-1' }, { token: 'desk-2', lang: 'en' }, {}),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('desk', 'board', 'kiosk', 'admin'), auth, async (ns, a) => {
        const s = connect(`${url}/${ns}`, { auth: a as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true });
        try {
          const r = await new Promise<string>((resolve) => {
            s.once('connect', () => resolve('connected'));
            s.once('connect_error', (e: Error & { data?: { code?: string } }) => resolve(e.data?.code ?? e.message));
          });
          expect(['connected', 'UNAUTHORIZED']).toContain(r);
        } finally {
          s.close();
        }
      }),
      { numRuns: 150 },
    );
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('drops the sockets of a revoked device at once, and no others', async () => {
    const { g, client } = await gateway();
    const one = await client('desk', 'desk-1');
    const two = await client('desk', 'desk-2');
    const gone = new Promise((r) => two.once('disconnect', r));
    expect(g.dropWhere((a) => a.deviceId === 'dev-2')).toBe(1);
    await gone;
    expect(one.connected).toBe(true);
    expect(g.connections().desk).toBe(1);
  });
});

describe('the origin check', () => {
  const own = ['http://127.0.0.1:7300', undefined, 'https://talon.centre.lan'];
  it('takes no Origin, the hub’s own origins, and a page on the address the request reached', () => {
    expect(originAllowed({}, own)).toBe(true);
    expect(originAllowed({ origin: 'http://127.0.0.1:7300' }, own)).toBe(true);
    expect(originAllowed({ origin: 'https://talon.centre.lan' }, own)).toBe(true);
    expect(originAllowed({ origin: 'http://192.168.1.5:7300', host: '192.168.1.5:7300' }, own)).toBe(true);
    expect(originAllowed({ origin: 'http://[::1]:7300', host: '[::1]:7300' }, own)).toBe(true);
  });

  it('refuses another site, a rebound name, null, file and junk', () => {
    expect(originAllowed({ origin: 'http://evil.example', host: '192.168.1.5:7300' }, own)).toBe(false);
    // DNS rebinding: the Host header matches, but the name is not the hub's.
    expect(originAllowed({ origin: 'http://evil.example:7300', host: 'evil.example:7300' }, own)).toBe(false);
    expect(originAllowed({ origin: 'http://192.168.1.5:7301', host: '192.168.1.5:7300' }, own)).toBe(false);
    for (const origin of ['null', 'file://', 'chrome-extension://abc', '%%', '']) expect(originAllowed({ origin, host: '127.0.0.1:7300' }, own), origin).toBe(false);
  });

  it('never throws (property)', () => {
    fc.assert(fc.property(fc.option(fc.string()), fc.option(fc.string()), (origin, host) => {
      expect(typeof originAllowed({ ...(origin !== null && { origin }), ...(host !== null && { host }) }, own)).toBe('boolean');
    }));
  });
});

describe('a total schema check', () => {
  it('refuses what zod itself would throw on, and takes what it accepts (property)', () => {
    const schema = z.strictObject({ token: z.string().max(200).optional() });
    expect(parseTotal(schema, { token: { length: { valueOf: 0, toString: 0 } } })).toMatchObject({ ok: false });
    fc.assert(fc.property(fc.anything(), (input) => {
      const r = parseTotal(schema, input);
      if (r.ok) expect(schema.parse(input)).toEqual(r.data);
    }));
  });
});
