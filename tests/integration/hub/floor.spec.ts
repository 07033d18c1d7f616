import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import type { CallView, Snapshot } from '../../../sync/protocol/hub.js';

const tempDir = useTempDir();

describe('hub floor over socket.io', () => {
  it('checks in at the kiosk, calls at the desk, shows the call on every board, and finishes', async () => {
    const clock = new TestClock(at('09:30'));
    const b = booking(1056, '10:00');
    const t = await startTestHub(tempDir(), clock, [b]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      const boards = [t.client('board'), t.client('board')];
      await Promise.all([kiosk, desk, ...boards].map(connected));

      const checked = await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code.toLowerCase() });
      expect(checked).toMatchObject({ ok: true, ticket: { number: 1056, service: 'DL_EXCHANGE', time: '10:00', desks: [1, 2], printed: false } });

      const seen = boards.map((s) => next<CallView>(s, 'called'));
      clock.advance(60_000);
      const called = await ask(desk, 'callNext', { commandId: cmdId() });
      expect(called).toMatchObject({ ok: true, call: { number: 1056, desk: 1, recall: false }, desk: { current: { number: 1056, state: 'called' } } });
      for (const call of await Promise.all(seen)) expect(call).toMatchObject({ number: 1056, desk: 1, service: 'DL_EXCHANGE', recall: false });

      const recalled = boards.map((s) => next<CallView>(s, 'called'));
      expect(await ask(desk, 'recall', { commandId: cmdId() })).toMatchObject({ ok: true });
      for (const call of await Promise.all(recalled)) expect(call).toMatchObject({ number: 1056, recall: true });

      expect(await ask(desk, 'start', { commandId: cmdId() })).toMatchObject({ ok: true, desk: { current: { state: 'serving' } } });
      expect(await ask(desk, 'finish', { commandId: cmdId() })).toMatchObject({ ok: true, desk: { current: null } });
      expect(t.store.pendingEvents(100).map((e) => e.type)).toEqual([
        'visit.checked_in', 'visit.called', 'visit.recalled', 'visit.started', 'visit.finished',
      ]);
    } finally {
      await t.stop();
    }
  });

  it('freezes calls during an alert and resumes at the next number after the all-clear', async () => {
    const clock = new TestClock(at('09:30'));
    const bs = [1054, 1055, 1056, 1057].map((n) => booking(n, '10:00'));
    const t = await startTestHub(tempDir(), clock, bs);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      const admin = t.client('admin', TOKENS.admin);
      const board = t.client('board');
      await Promise.all([kiosk, desk, admin, board].map(connected));
      for (const b of bs) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
      for (const n of [1054, 1055]) {
        expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ call: { number: n } });
        await ask(desk, 'finish', { commandId: cmdId() });
      }

      const boardAlert = next(board, 'alert');
      const boardSnap = next<Snapshot>(board, 'snapshot');
      expect(await ask(admin, 'alert', { commandId: cmdId(), active: true })).toMatchObject({ ok: true, alert: { active: true, freezes: true } });
      expect(await boardAlert).toMatchObject({ active: true, freezes: true });
      expect((await boardSnap).alert.active).toBe(true);

      clock.advance(2 * 3600_000);
      const refused = await ask(desk, 'callNext', { commandId: cmdId() });
      expect(refused).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
      expect((refused as { error: { message: string } }).error.message).toMatch(/Повітряна тривога/);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 'NOPE1234' })).toMatchObject({ ok: false });

      expect(await ask(admin, 'alert', { commandId: cmdId(), active: false })).toMatchObject({ ok: true, alert: { active: false } });
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1056 } });
    } finally {
      await t.stop();
    }
  });

  it('gives a reconnecting client a full snapshot, also after the hub restarts', async () => {
    const clock = new TestClock(at('09:30'));
    const b = booking(1000, '10:00');
    const dir = tempDir();
    const t = await startTestHub(dir, clock, [b]);
    const kiosk = t.client('kiosk', TOKENS.kiosk);
    const desk = t.client('desk', TOKENS.desk(2));
    await Promise.all([kiosk, desk].map(connected));
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
    await ask(desk, 'callNext', { commandId: cmdId() });
    await t.stop();

    const again = await startTestHub(dir, clock);
    try {
      const board = again.client('board');
      const desk2 = again.client('desk', TOKENS.desk(2));
      const [boardSnap, deskSnap] = await Promise.all([connected(board), connected(desk2)]);
      expect(boardSnap.calls).toEqual([expect.objectContaining({ number: 1000, desk: 2 })]);
      expect(boardSnap.desks.find((d) => d.number === 2)?.current).toMatchObject({ number: 1000, state: 'called' });
      expect(deskSnap.desk).toMatchObject({ number: 2, current: { number: 1000 } });

      // A dropped connection comes back by itself and gets the snapshot again.
      const resnap = next<Snapshot>(board, 'snapshot');
      board.io.engine.close();
      expect((await resnap).calls).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });

  it('a retried commandId calls only once and returns the first answer', async () => {
    const clock = new TestClock(at('09:30'));
    const bs = [booking(1000, '10:00'), booking(1001, '10:00')];
    const t = await startTestHub(tempDir(), clock, bs);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      const board = t.client('board');
      await Promise.all([kiosk, desk, board].map(connected));
      for (const b of bs) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      let calls = 0;
      board.on('called', () => calls++);
      const id = cmdId();
      const first = await ask(desk, 'callNext', { commandId: id });
      const retry = await ask(desk, 'callNext', { commandId: id });
      expect(first).toMatchObject({ ok: true, call: { number: 1000 } });
      expect(retry).toMatchObject({ ok: true, call: { number: 1000 }, replayed: true });
      // A round trip on the board's own socket: every event sent before it has arrived.
      expect(await ask(board, 'ping', {})).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      expect(calls).toBe(1);
      expect(t.store.pendingEvents(100).filter((e) => e.type === 'visit.called')).toHaveLength(1);
      const other = t.client('desk', TOKENS.desk(2));
      await connected(other);
      expect(await ask(other, 'callNext', { commandId: id })).toMatchObject({ ok: false, error: { code: 'COMMAND_REUSED' } });
    } finally {
      await t.stop();
    }
  });

  it('tells desks their own state and everyone the queue', async () => {
    const clock = new TestClock(at('09:30'));
    const b = booking(1000, '10:00');
    const t = await startTestHub(tempDir(), clock, [b]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk1 = t.client('desk', TOKENS.desk(1));
      const desk2 = t.client('desk', TOKENS.desk(2));
      const board = t.client('board');
      await Promise.all([kiosk, desk1, desk2, board].map(connected));
      const queue = next<Record<string, number>>(desk2, 'queue');
      const stats = next(board, 'stats');
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      expect(await queue).toMatchObject({ DL_EXCHANGE: 1, THEORY_EXAM: 0 });
      expect(await stats).toMatchObject({ waiting: { DL_EXCHANGE: 1 }, checkedIn: 1 });
      const deskUpdate = next(desk1, 'desk');
      let foreign = 0;
      desk2.on('desk', () => foreign++);
      await ask(desk1, 'callNext', { commandId: cmdId() });
      expect(await deskUpdate).toMatchObject({ number: 1, current: { number: 1000 } });
      await ask(desk2, 'sync', {});
      expect(foreign).toBe(0);
    } finally {
      await t.stop();
    }
  });

  it('answers /health with the version and the day to anyone, and the details only with an admin token', async () => {
    const clock = new TestClock(at('09:30'));
    const t = await startTestHub(tempDir(), clock);
    try {
      const res = await fetch(`${t.hub.url}/health`);
      expect(res.status).toBe(200);
      expect(Object.keys((await res.json()) as object).sort()).toEqual(['day', 'ok', 'version']);
      expect((await fetch(`${t.hub.url}/health?details`)).status).toBe(401);
      expect((await fetch(`${t.hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.kiosk}` } })).status).toBe(401);
      const details = await fetch(`${t.hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.admin}` } });
      expect(await details.json()).toMatchObject({ ok: true, centre: '8041', day: '2026-03-10', alert: { active: false }, outboxPending: 0 });
      expect((await fetch(`${t.hub.url}/nothing-here`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
