/**
 * HTTP path and query against a real hub (issue 8): raw requests over TCP with hostile methods,
 * targets (`/assets/%E0%A4%A`, `/assets/%ZZ`, `//`…), headers and bodies. Every request gets a
 * well-formed HTTP answer (a status line, status < 600, no hang-up), nothing throws out of the hub,
 * the floor and the store are unchanged, and the hub still answers /health afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { hubDigest } from '../../helpers/floorDigest.js';
import { catchEscapes, healthy, rawExchange, wellFormed } from '../../helpers/fuzzClients.js';
import { httpRequest, rawHttp } from '../../helpers/hostile.js';
import { startTestHub, TestClock, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-fuzz-http-');
let hub: TestHub;
const escaped = catchEscapes();

describe('HTTP into a real hub', () => {
  beforeAll(async () => {
    hub = await startTestHub(tempDir(), new TestClock(at('09:30')), [booking(1056, '10:00')]);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const port = () => Number(new URL(hub.hub.url).port);

  it('answers the requests of issue 8 that stopped it', async () => {
    const targets = ['/assets/%E0%A4%A', '/assets/%ZZ', '//', '/t/%ZZ', '/audio/call.wav?number=%ZZ'];
    const seen = [];
    for (const target of targets) {
      const n = escaped.length;
      const out = await rawExchange(port(), Buffer.from(`GET ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`), { timeoutMs: 2000 });
      seen.push({ target, answered: wellFormed(out), escaped: escaped.slice(n).map(String) });
    }
    expect(seen).toEqual(targets.map((target) => ({ target, answered: true, escaped: [] })));
    expect(await healthy(hub.hub.url)).toBe(true);
  });

  it('answers CONNECT and an upgrade to a page with a status, not a hang-up', async () => {
    const requests = [
      'CONNECT /pair HTTP/1.1\r\nhost: x\r\n\r\n',
      'CONNECT 127.0.0.1:22 HTTP/1.1\r\nhost: x\r\n\r\n',
      'GET /board HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n',
      'GET /health HTTP/1.1\r\nhost: x\r\nupgrade: h2c\r\nconnection: upgrade\r\n\r\n',
    ];
    const seen = [];
    for (const request of requests) seen.push({ request: request.split('\r\n')[0], answered: wellFormed(await rawExchange(port(), Buffer.from(request), { timeoutMs: 3000 })) });
    expect(seen).toEqual(requests.map((request) => ({ request: request.split('\r\n')[0], answered: true })));
  });

  it('gives every hostile request a well-formed answer and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(httpRequest, async (r) => {
        const before = hubDigest(hub.hub.floor, hub.store.db);
        const n = escaped.length;
        const out = await rawExchange(port(), rawHttp(r), { timeoutMs: 5000 });
        expect(out).toMatchObject({ kind: 'answer' });
        expect(wellFormed(out)).toBe(true);
        expect(escaped.slice(n).map(String)).toEqual([]);
        expect(hubDigest(hub.hub.floor, hub.store.db)).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(await healthy(hub.hub.url)).toBe(true);
  });
});
