/**
 * What an anonymous client learns: a hall board gets numbers, desks, services, call times and counts,
 * never a booking id, a code, an application number or a visit's times; every HTTP answer carries
 * the hub's headers, and pages their policy.
 */
import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('a hall board', () => {
  it('receives no booking id, code, booking time or visit time in any payload, and still sees the calls and counts', async () => {
    const clock = new TestClock(at('09:30'));
    const bookings = [booking(1056, '10:00'), booking(1057, '10:15'), booking(1058, '10:30', { id: 'PICKUP-8041-APP12345678', code: 'PAPP12345678' })];
    const t = await startTestHub(tempDir(), clock, bookings);
    try {
      const board = t.client('board');
      const seen: unknown[] = [];
      board.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
      seen.push(await connected(board));
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([connected(kiosk), connected(desk)]);
      for (const b of bookings) {
        clock.advance(60_000);
        expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
      }
      const called = next<{ number: number; desk: number }>(board, 'called');
      clock.advance(60_000);
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true });
      expect(await called).toMatchObject({ number: 1056, desk: 1 });
      clock.advance(60_000);
      const stats = next(board, 'stats');
      expect(await ask(desk, 'start', { commandId: cmdId() })).toMatchObject({ ok: true });
      await stats;
      // A reconnecting board gets a fresh snapshot with a desk serving.
      board.disconnect().connect();
      const again = await connected(board);
      seen.push(again);
      expect(again.desks.find((d) => d.number === 1)?.current).toMatchObject({ number: 1056, state: 'serving', bookingId: '', checkedInAt: null, startedAt: null });
      expect(again.stats.waiting).toMatchObject({ DL_EXCHANGE: 2 });

      const text = JSON.stringify(seen);
      for (const b of bookings) {
        expect(text).not.toContain(b.id);
        expect(text).not.toContain(b.code);
        expect(text).not.toContain('APP12345678');
        expect(text).not.toContain(`"${b.time}"`);
      }
      for (const key of ['checkedInAt', 'startedAt']) {
        for (const m of text.matchAll(new RegExp(`"${key}":([^,}]+)`, 'g'))) expect(m[1], key).toBe('null');
      }
      expect(text).not.toContain('"waiting":[');
    } finally {
      await t.stop();
    }
  });
});

describe("the hub's HTTP answers", () => {
  it('carry nosniff and no-referrer everywhere, and pages a strict policy', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const tries: [string, RequestInit?][] = [
        ['/health'],
        ['/health?details'],
        ['/health', { method: 'POST' }],
        ['/nothing-here'],
        ['/metrics'],
        ['/pair', { method: 'POST', body: '{}' }],
        ['/pair'],
        ['/t/abc'],
        ['/t/0123456789abcdef0123456789abcdef'],
        ['/audio/chime.wav'],
        ['/audio/call.wav?number=x'],
        ['/assets/%ZZ'],
        ['/board'],
        ['/'],
        ['/socket.io/?EIO=4&transport=polling'],
      ];
      for (const [path, init] of tries) {
        const res = await fetch(`${t.hub.url}${path}`, { redirect: 'manual', ...init });
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
        expect(res.status, path).toBeLessThan(500);
      }
    } finally {
      await t.stop();
    }
  });
});
