import { describe, expect, it } from 'vitest';
import { bookOnline } from '../../../sync/central/citizenBooking.js';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { centralEvents, CENTRE, hubConfig, startSyncedHub, startTestCentral } from './fixture.js';

const tempDir = useTempDir('talon-unblock-');
const DAY = '2026-03-10';

describe('the in-person unblock', () => {
  it('lifts the four-no-shows block at central when the admin unblocks the person at the centre', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock, `${dir}/central.db`);
    const person = { kind: 'taxId' as const, value: '3012345678' };
    // The block as central's no-show rule leaves it (its own rule test covers how it arises).
    central.central.sql('INSERT INTO blocks (person, blocked_at, unblocked_at, unblocked_by) VALUES (?, ?, NULL, NULL)').run(`taxId:${person.value}`, clock.now());
    const request = { centre: CENTRE, service: 'DL_EXCHANGE', date: '2026-03-12', time: '10:00', person, priority: null, channel: 'online' as const };
    expect(() => bookOnline(central.central, request)).toThrow(/BLOCKED|заблоковано/i);
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock);
    try {
      const admin = hub.client('admin', TOKENS.admin);
      await connected(admin);
      expect(await ask(admin, 'unblockPerson', { commandId: cmdId(), person: { kind: 'taxId', value: '123' } })).toMatchObject({
        ok: false,
        error: { code: 'BAD_PAYLOAD' },
      });
      const commandId = cmdId();
      const ack = await ask(admin, 'unblockPerson', { commandId, person });
      // The ack (and the stored result a retry replays) names the kind, never the tax number.
      expect(ack).toEqual({ ok: true, person: { kind: 'taxId' } });
      expect(await ask(admin, 'unblockPerson', { commandId, person })).toEqual({ ok: true, person: { kind: 'taxId' }, replayed: true });
      expect(JSON.stringify(hub.centre.store.db.prepare('SELECT result FROM commands').pluck().all())).not.toContain(person.value);
      expect((await hub.link.round()).pushed).toMatchObject({ accepted: 1, rejected: 0 });
      expect(centralEvents(central).map((e) => e.type)).toEqual(['person.unblocked']);
      expect(bookOnline(central.central, request)).toMatchObject({ centre: CENTRE, status: 'active' });
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
