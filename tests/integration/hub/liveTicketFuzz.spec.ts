import fc from 'fast-check';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { CENTRE, startTestCentral } from '../sync/fixture.js';

const tempDir = useTempDir();

/**
 * Handshakes that break naive code: valueOf/toString traps, `__proto__` keys, odd types, long strings.
 * Only what a client can put on the wire (JSON): socket.io's own parser refuses the rest before us.
 */
const hostile = fc.oneof(
  fc.object({ values: [fc.jsonValue()] }),
  fc.jsonValue().map((ticket) => ({ ticket })),
  fc.constant({ length: { valueOf: 0, toString: 0 } }),
  fc.constant({ ticket: { length: { valueOf: 0, toString: 0 } } }),
  fc.constant({ ticket: '0'.repeat(32), __proto__: { ticket: 1 } }),
  fc.string({ maxLength: 300 }).map((ticket) => ({ ticket })),
  fc.stringMatching(/^[0-9a-f]{32}$/).map((ticket) => ({ ticket })),
);

describe('the live ticket boundaries under garbage', () => {
  it('refuses every hostile /ticket handshake with a code, and the hub keeps serving', async () => {
    const clock = new TestClock(at('09:30'));
    const b = booking(1056, '10:00');
    const t = await startTestHub(tempDir(), clock, [b]);
    try {
      await fc.assert(
        fc.asyncProperty(hostile, async (auth) => {
          const s = connect(`${t.hub.url}/ticket`, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false });
          try {
            const code = await new Promise<string | undefined>((resolve, reject) => {
              s.once('connect', () => reject(new Error('a hostile handshake connected')));
              s.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
            });
            expect(['NOT_FOUND', 'RATE_LIMITED']).toContain(code);
          } finally {
            s.close();
          }
        }),
        { numRuns: 150 },
      );
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
    } finally {
      await t.stop();
    }
  });

  it('central answers garbage progress with 400 and any ticket path with 404, never 500, and keeps nothing', async () => {
    const clock = new TestClock(at('09:30'));
    const central = await startTestCentral(clock);
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ terminal: fc.string(), day: fc.string(), tickets: fc.array(fc.anything(), { maxLength: 5 }) })), async (body) => {
          let text: string;
          try {
            text = JSON.stringify(body) ?? 'null';
          } catch {
            text = '{';
          }
          const res = await fetch(`${central.url}/v1/centres/${CENTRE}/progress`, {
            method: 'PUT',
            headers: { authorization: 'Bearer terminal-token-8041', 'content-type': 'application/json' },
            body: text,
          });
          expect(res.status).toBe(400);
        }),
        { numRuns: 150 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 80 }), async (segment) => {
          const res = await fetch(`${central.url}/v1/tickets/${encodeURIComponent(segment)}`);
          expect([404, 429]).toContain(res.status);
        }),
        { numRuns: 100 },
      );
      expect(central.live.get('0'.repeat(32))).toBeNull();
    } finally {
      await central.close();
    }
  });
});
