/**
 * The handshake on every namespace (issue 8): socket.io clients with garbage `auth` (tokens of every
 * type, `{ length: { valueOf: 0, toString: 0 } }`, `__proto__` keys…) and raw engine.io polling
 * handshakes with garbage queries and CONNECT packets. Each is refused with a clear connect_error
 * (`data.code`) or connected with a token that is right for the namespace (or as an anonymous board);
 * nothing throws out of the hub, nothing changes, and the hub still answers /health.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { hubDigest } from '../../helpers/floorDigest.js';
import { catchEscapes, clearRefusal, handshake, healthy, pollingHandshake } from '../../helpers/fuzzClients.js';
import { encodeURIComponentLoose, handshakeAuth, LENGTH_BOMB, nastyString, wireValue } from '../../helpers/hostile.js';
import { startTestHub, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-handshake-');
/** The hub's socket.io maxHttpBufferSize (main/hub/server.ts). */
const MAX_MESSAGE_BYTES = 16 * 1024;
const NAMESPACES = ['kiosk', 'desk', 'admin', 'board', 'ticket'] as const;
let hub: TestHub;
const escaped = catchEscapes();

/** Whether `auth` carries a token the namespace accepts (the test config's tokens). */
function rightToken(ns: string, auth: unknown): boolean {
  const token = (auth as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') return false;
  if (ns === 'kiosk') return token === TOKENS.kiosk;
  if (ns === 'admin') return token === TOKENS.admin;
  if (ns === 'desk') return [1, 2, 3].some((n) => token === TOKENS.desk(n));
  return false;
}

/** A CONNECT packet with an object payload (or none) for a namespace: socket.io answers it at once. */
function connectsTo(packet: string): boolean {
  const m = /^40(?:\/[^,]*,)?(.*)$/s.exec(packet);
  if (!m) return false;
  if (m[1] === '') return true;
  try {
    const v: unknown = JSON.parse(m[1]!);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

describe('handshakes into a real hub', () => {
  beforeAll(async () => {
    hub = await startTestHub(tempDir(), new TestClock(at('09:30')), [booking(1056, '10:00')]);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('refuses the token of issue 8 on every namespace, the anonymous board included', async () => {
    const seen = [];
    for (const ns of NAMESPACES) {
      const n = escaped.length;
      const out = await handshake(hub.hub.url, ns, { token: LENGTH_BOMB }, { timeoutMs: 2000 });
      seen.push({ ns, clear: clearRefusal(out) || (out.kind === 'connect' && ns === 'board'), escaped: escaped.slice(n).map(String) });
    }
    expect(seen).toEqual(NAMESPACES.map((ns) => ({ ns, clear: true, escaped: [] })));
    expect(await healthy(hub.hub.url)).toBe(true);
  });

  it('answers any socket.io auth with a clear refusal or a connection the token allows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMESPACES), handshakeAuth, async (ns, auth) => {
        const before = hubDigest(hub.hub.floor, hub.store.db);
        const n = escaped.length;
        const out = await handshake(hub.hub.url, ns, auth, { timeoutMs: 3000 });
        expect(escaped.slice(n).map(String)).toEqual([]);
        if (out.kind === 'connect') expect(ns === 'board' || rightToken(ns, auth)).toBe(true);
        // Past the hub's message cap the transport closes the connection before anyone reads it.
        else if (Buffer.byteLength(JSON.stringify(auth) ?? '') > MAX_MESSAGE_BYTES - 64) expect(out.kind).not.toBe('timeout');
        else if (auth !== null && typeof auth === 'object' && !Array.isArray(auth)) expect(clearRefusal(out), JSON.stringify(out)).toBe(true);
        // A payload that is not an object is not a CONNECT packet: socket.io's parser closes the connection.
        else expect(out.kind).not.toBe('timeout');
        expect(hubDigest(hub.hub.floor, hub.store.db)).toBe(before);
      }),
      { numRuns: 120 },
    );
    expect(await healthy(hub.hub.url)).toBe(true);
  });

  it('answers raw engine.io handshakes with garbage queries and CONNECT packets', async () => {
    const query = fc.oneof(
      fc.constant('EIO=4&transport=polling'),
      fc
        .array(fc.tuple(fc.constantFrom('EIO', 'transport', 'sid', 'b64', 't', 'j', '__proto__'), fc.oneof(fc.constantFrom('4', '3', '5', 'polling', 'websocket', 'webtransport', '', '%ZZ', '%E0%A4%A'), nastyString(8).map(encodeURIComponentLoose))), { maxLength: 4 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    const packet = fc.oneof(
      fc.tuple(fc.constantFrom(...NAMESPACES, 'nope', ''), fc.oneof(handshakeAuth, wireValue)).map(([ns, auth]) => `40${ns ? `/${ns},` : ''}${JSON.stringify(auth) ?? ''}`),
      fc.tuple(fc.constantFrom(...NAMESPACES), nastyString(30)).map(([ns, text]) => `40/${ns},${text}`),
      nastyString(30),
      fc.constantFrom('4', '40', '4 0', '41/kiosk,', '42/kiosk,["checkIn",{}]', '43/kiosk,1[]', '44/kiosk,{}', '45', '49', '6', '2probe', '\u001e\u001e', '40/kiosk,{"token":{"length":{"valueOf":0,"toString":0}}}'),
    );
    await fc.assert(
      fc.asyncProperty(query, packet, async (q, p) => {
        const before = hubDigest(hub.hub.floor, hub.store.db);
        const n = escaped.length;
        const out = await pollingHandshake(hub.hub.url, q, p);
        expect(out.error).toBeNull();
        for (const s of out.statuses) expect(s >= 100 && s < 600).toBe(true);
        expect(escaped.slice(n).map(String)).toEqual([]);
        // A CONNECT the hub refused says why: socket.io's CONNECT_ERROR with the hub's code.
        if (out.statuses[0] === 200 && out.statuses[1] === 200 && connectsTo(p)) expect(out.reply, 'a CONNECT is answered').not.toBeNull();
        const refused = out.reply?.match(/44\/(kiosk|desk|admin),(.*)/)?.[2];
        if (refused) expect((JSON.parse(refused.split('\u001e')[0]!) as { data?: { code?: unknown } }).data?.code).toEqual(expect.any(String));
        expect(hubDigest(hub.hub.floor, hub.store.db)).toBe(before);
      }),
      { numRuns: 80 },
    );
    expect(await healthy(hub.hub.url)).toBe(true);
  });
});
