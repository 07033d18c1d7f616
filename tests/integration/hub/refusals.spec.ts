import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

function refusedConnection(url: string, token?: string): Promise<{ code: string; message: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
    socket.on('connect', () => {
      socket.close();
      reject(new Error('connected with a bad token'));
    });
    socket.on('connect_error', (err: Error & { data?: { code: string; message: string } }) => {
      socket.close();
      resolve(err.data!);
    });
  });
}

describe('hub refusals', () => {
  it('refuses wrong and missing tokens at the handshake, per namespace', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      expect(await refusedConnection(`${t.hub.url}/desk`, 'wrong-token-123')).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await refusedConnection(`${t.hub.url}/desk`)).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await refusedConnection(`${t.hub.url}/kiosk`, TOKENS.desk(1))).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await refusedConnection(`${t.hub.url}/admin`, TOKENS.kiosk)).toMatchObject({ code: 'UNAUTHORIZED' });
      const board = t.client('board');
      expect((await connected(board)).centre.id).toBe('8041');
    } finally {
      await t.stop();
    }
  });

  it('answers a bad payload with its field and changes nothing', async () => {
    const b = booking(1000, '10:00');
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [b]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk, 'en');
      await connected(kiosk);
      const noId = await ask(kiosk, 'checkIn', { code: b.code });
      expect(noId).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect((noId as { error: { message: string } }).error.message).toMatch(/^Bad request data: commandId/);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 42 })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code, extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(await ask(kiosk, 'checkIn', 'not an object')).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(await ask(kiosk, 'checkIn', { commandId: 'short', code: b.code })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(t.store.pendingEvents(10)).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('refuses unknown events and another role’s commands, and changes nothing', async () => {
    const b = booking(1000, '10:00');
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [b]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      const board = t.client('board');
      await Promise.all([kiosk, desk, board].map(connected));
      expect(await ask(kiosk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ask(desk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ask(desk, 'alert', { commandId: cmdId(), active: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ask(kiosk, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
      expect(await ask(board, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      expect(await ask(kiosk, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
      expect(t.store.pendingEvents(10)).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('reports an event sent without an acknowledgement instead of acting on it', async () => {
    const b = booking(1000, '10:00');
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [b]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      const problem = new Promise((resolve) => kiosk.once('problem', resolve));
      kiosk.emit('checkIn', { commandId: cmdId(), code: b.code });
      expect(await problem).toMatchObject({ event: 'checkIn', error: { code: 'BAD_PAYLOAD' } });
      expect(t.store.pendingEvents(10)).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('gives each check-in refusal its code and message in the socket’s language', async () => {
    const clock = new TestClock(at('09:30'));
    const bs = [
      booking(1000, '12:00'),
      booking(1001, '09:00'),
      booking(1002, '10:00', { status: 'cancelled' }),
      booking(1003, '10:00', { date: '2026-03-11' }),
      booking(1004, '10:00', { centre: '9999' }),
    ];
    const t = await startTestHub(tempDir(), clock, bs);
    try {
      const uk = t.client('kiosk', TOKENS.kiosk);
      const en = t.client('kiosk', TOKENS.kiosk, 'en');
      await Promise.all([uk, en].map(connected));
      const codeOf = async (code: string) => ((await ask(uk, 'checkIn', { commandId: cmdId(), code })) as { error: { code: string } }).error.code;
      expect(await codeOf(bs[0]!.code)).toBe('TOO_EARLY');
      expect(await codeOf(bs[1]!.code)).toBe('TOO_LATE');
      expect(await codeOf(bs[2]!.code)).toBe('CANCELLED');
      expect(await codeOf(bs[3]!.code)).toBe('OTHER_DAY');
      expect(await codeOf(bs[4]!.code)).toBe('OTHER_CENTRE');
      expect(await codeOf('ZZZZ9999')).toBe('UNKNOWN_CODE');
      expect(await ask(en, 'checkIn', { commandId: cmdId(), code: bs[0]!.code })).toMatchObject({
        ok: false,
        error: { code: 'TOO_EARLY', message: 'Check-in opens at 11:00. Please come back by then.' },
      });
    } finally {
      await t.stop();
    }
  });
});
