import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { SHELTER_TOKENS, shelterConfig } from '../../helpers/shelterCentre.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

async function shelterHub() {
  const dir = tempDir();
  const bookings = Array.from({ length: 6 }, (_, i) => booking(1050 + i, '10:00'));
  const theory = booking(1100, '10:00', { service: 'THEORY_EXAM' });
  const t = await startTestHub(dir, new TestClock(at('09:30')), [...bookings, theory], shelterConfig(dir));
  return { t, bookings, theory };
}

describe('shelter service through the hub', () => {
  it('during an alert desk 5 in the shelter calls the next number of its service while desk 1 in the hall is refused ALERT_ACTIVE', async () => {
    const { t, bookings } = await shelterHub();
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const admin = t.client('admin', TOKENS.admin);
      const hall = t.client('desk', TOKENS.desk(1));
      const shelter = t.client('desk', TOKENS.desk(5));
      await Promise.all([connected(kiosk), connected(admin), connected(hall), connected(shelter)]);
      for (const b of bookings.slice(0, 4)) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
      expect(await ask(hall, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1050 } });
      expect(await ask(admin, 'alert', { commandId: cmdId(), active: true })).toMatchObject({
        ok: true,
        alert: { active: true, freezes: true, shelterDesks: [5] },
      });
      expect(await ask(hall, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
      expect(await ask(shelter, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1051, desk: 5 }, desk: { shelter: true } });
      expect(await ask(shelter, 'finish', { commandId: cmdId() })).toMatchObject({ ok: true });
      expect(await ask(shelter, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1052 } });
      expect(await ask(shelter, 'finish', { commandId: cmdId() })).toMatchObject({ ok: true });
      expect(await ask(admin, 'alert', { commandId: cmdId(), active: false })).toMatchObject({ ok: true });
      // after the all-clear desk 1 calls the number after the last one desk 5 called
      expect(await ask(hall, 'finish', { commandId: cmdId() })).toMatchObject({ ok: true });
      expect(await ask(hall, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1053, desk: 1 } });
    } finally {
      await t.stop();
    }
  });

  it('places a board and a kiosk in the shelter by their tokens; anonymous boards are the hall’s', async () => {
    const { t } = await shelterHub();
    try {
      const shelterBoard = t.client('board', SHELTER_TOKENS.board);
      const hallBoard = t.client('board');
      const [inShelter, inHall] = await Promise.all([connected(shelterBoard), connected(hallBoard)]);
      expect(inShelter.place).toBe('shelter');
      expect(inHall.place).toBeUndefined();
      expect(inShelter.desks.map((d) => [d.number, d.shelter ?? false])).toEqual([[1, false], [3, false], [5, true]]);
      const wrong = t.client('board', 'not-a-board-token');
      // With no hub.boardTokens any other board is anonymous, and anonymous boards stand in the hall.
      expect((await connected(wrong)).place).toBeUndefined();
    } finally {
      await t.stop();
    }
  });

  it('checks in during an alert at the shelter kiosk for a service the shelter serves, and refuses the hall kiosk', async () => {
    const { t, bookings, theory } = await shelterHub();
    try {
      const hallKiosk = t.client('kiosk', TOKENS.kiosk);
      const shelterKiosk = t.client('kiosk', SHELTER_TOKENS.kiosk);
      const admin = t.client('admin', TOKENS.admin);
      const [, placed] = await Promise.all([connected(hallKiosk), connected(shelterKiosk), connected(admin)]);
      expect(placed.place).toBe('shelter');
      const snap = next<Snapshot>(shelterKiosk, 'snapshot');
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      expect((await snap).place).toBe('shelter');
      expect(await ask(hallKiosk, 'checkIn', { commandId: cmdId(), code: bookings[0]!.code })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
      expect(await ask(shelterKiosk, 'checkIn', { commandId: cmdId(), code: bookings[1]!.code })).toMatchObject({ ok: true, ticket: { number: 1051, desks: [1, 5] } });
      expect(await ask(shelterKiosk, 'checkIn', { commandId: cmdId(), code: theory.code })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
    } finally {
      await t.stop();
    }
  });
});
