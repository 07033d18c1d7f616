/** The webhook receiver takes anything the network sends and always answers; only the right secret and an object nudge. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeWebhook, WEBHOOK_PREFIX, webhookRoute } from '../../../main/hub/ukraineAlarmWebhook.js';

const SECRET = 'hook-secret-42';
const method = fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', undefined);
const path = fc.oneof(
  fc.constant(`${WEBHOOK_PREFIX}${SECRET}`),
  fc.string({ maxLength: 20 }).map((s) => `${WEBHOOK_PREFIX}${s}`),
  fc.string({ maxLength: 30 }),
);
const body = fc.oneof(fc.json(), fc.string({ maxLength: 200 }), fc.string({ minLength: 9000, maxLength: 9100 }), fc.anything().map((v) => JSON.stringify(v) ?? ''));

describe('the ukrainealarm webhook receiver', () => {
  it('judges every call, and accepts only a POST of a JSON object to the secret path', () => {
    fc.assert(
      fc.property(method, path, body, (m, p, b) => {
        const verdict = judgeWebhook(SECRET, m, p, b);
        if (verdict.ok) {
          expect(m).toBe('POST');
          expect(p).toBe(`${WEBHOOK_PREFIX}${SECRET}`);
          const value = JSON.parse(b) as unknown;
          expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
        } else expect([400, 404, 405, 413]).toContain(verdict.status);
      }),
      { numRuns: 1000 },
    );
  });

  describe('over HTTP', () => {
    let nudges = 0;
    const route = webhookRoute(SECRET, () => nudges++);
    const server = createServer((req, res) => {
      if (!route(req, res, new URL(req.url ?? '/', 'http://hub').pathname)) res.writeHead(404).end();
    });
    let url = '';
    beforeAll(async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it('answers every body sent to it, and nudges once per accepted call', async () => {
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (b, right) => {
          const before = nudges;
          const res = await fetch(`${url}${WEBHOOK_PREFIX}${right ? SECRET : 'wrong'}`, { method: 'POST', body: b }).catch(() => null);
          // An oversized body may be cut off mid-send; every other call gets its answer.
          if (!res) return expect(b.length).toBeGreaterThan(8 * 1024);
          expect([202, 400, 404, 413]).toContain(res.status);
          expect(nudges - before).toBe(res.status === 202 ? 1 : 0);
          if (!right) expect(res.status).toBe(404);
        }),
        { numRuns: 150 },
      );
    });
  });
});
