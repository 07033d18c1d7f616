/**
 * The /pair boundary against a real hub: any method, headers and body are answered, none gets a
 * token, none changes state (no paired device, no lockout of a right code from another address).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { postPair } from '../../helpers/pair.js';

const tempDir = useTempDir();

function send(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<number | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let req;
    try {
      req = request({ host: hostname, port, path: '/pair', method, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
    } catch {
      resolve(null); // the client refused to send it (an illegal header): nothing reached the hub
      return;
    }
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

function raw(url: string, bytes: Buffer): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect(Number(port), hostname, () => s.end(bytes));
    // An incomplete request is the hub's to wait on; the client stops waiting after a while.
    s.setTimeout(500, () => s.destroy());
    s.on('data', () => {});
    s.on('error', () => resolve());
    s.on('close', () => resolve());
  });
}

const method = fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
const headers = fc.dictionary(
  // content-length and transfer-encoding are node's to set: a lying length only makes the hub wait for the rest.
  fc.constantFrom('content-type', 'x-forwarded-for', 'origin', 'cookie', 'x-junk', 'expect'),
  fc.oneof(fc.constantFrom('application/json', 'chunked', '0', '99999', 'text/plain', '127.0.0.2'), fc.string({ maxLength: 40 })),
  { maxKeys: 4 },
);
const body = fc.oneof(
  fc.json().map((j) => Buffer.from(j)),
  fc.record({ code: fc.anything() }).map((o) => Buffer.from(JSON.stringify(o) ?? '')),
  fc.stringMatching(/^\d{6}$/).map((c) => Buffer.from(JSON.stringify({ code: c }))),
  fc.stringMatching(/^\d{6}$/).map((c) => Buffer.from(JSON.stringify({ code: c, extra: 1 }))),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.integer({ min: 1000, max: 5000 }).map((n) => Buffer.alloc(n, 0x7b)),
);

describe('POST /pair under fuzz', () => {
  it('answers every request, gives no token and changes nothing', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      await fc.assert(
        fc.asyncProperty(method, headers, body, async (m, h, b) => {
          const status = await send(t.hub.url, m, h, b);
          if (status === null || status === -1) return; // refused client-side, or cut off mid-send after an early answer
          // Ours: 400, 403, 405, 413, 429; node's own parser may answer 4xx first (417 for a bad Expect).
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: 300 },
      );
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (a) => raw(t.hub.url, Buffer.concat([Buffer.from('POST /pair HTTP/1.1\r\n'), Buffer.from(a)]))), { numRuns: 100 });

      const db = new Database(t.file, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM paired_devices').get()).toEqual({ n: 0 });
      db.close();
      expect((await fetch(`${t.hub.url}/health`)).status).toBe(200);
      // The fuzz came from 127.0.0.1; a console elsewhere still pairs with its right code.
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const { code } = await ask<{ code: string }>(admin, 'pairDesk', { commandId: cmdId(), desk: 1 });
      expect(await postPair(t.hub.url, JSON.stringify({ code }), '127.0.0.9')).toMatchObject({ status: 200, json: { ok: true, desk: 1 } });
    } finally {
      await t.stop();
    }
  });
});
