/** The admin's report events and the desk's pause reason over a real socket, garbage included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('admin reports over the socket', () => {
  it('answers every report request, a garbage one with BAD_PAYLOAD, and keeps serving', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [booking(1000, '10:00')]);
    try {
      const admin = t.client('admin', TOKENS.admin);
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([connected(admin), connected(desk)]);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('reportFor', 'reportCsv', 'bookings'), fc.anything(), async (event, payload) => {
          const ack = (await ask(admin, event, payload as object)) as { ok: boolean; error?: { code: string; message: string } };
          if (!ack.ok) {
            expect(ack.error!.code).toBe('BAD_PAYLOAD');
            expect(ack.error!.message).toMatch(/^Неправильні дані запиту: /);
          }
        }),
        { numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), async (reason) => {
          const ack = (await ask(desk, 'pause', { commandId: cmdId(), reason })) as { ok: boolean; error?: { code: string } };
          expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        }),
        { numRuns: 30 },
      );
      expect(await ask(desk, 'pause', { commandId: cmdId(), reason: 'break' })).toMatchObject({ ok: true, desk: { status: 'paused', pauseReason: 'break' } });
      expect(await ask(admin, 'report', {})).toMatchObject({ ok: true, floor: { desks: [{ desk: 1, state: 'paused', pauseReason: 'break' }, {}, {}] } });
      expect(await ask(admin, 'reportFor', { month: '2026-03' })).toMatchObject({ ok: true, report: { kind: 'month', days: expect.arrayContaining(['2026-03-10']) } });
      expect(await ask(admin, 'bookings', {})).toMatchObject({ ok: true, bookings: [{ number: 1000, time: '10:00', status: 'active', state: null }] });
    } finally {
      await t.stop();
    }
  });
});
