/** `talon events rejected`: a real hub, a real central refusing an event, the fix, and the resend. */
import { describe, expect, it } from 'vitest';
import { eventsCommand } from '../../../main/commands/events.js';
import type { Booking } from '../../../main/core/types.js';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { CENTRE, centralEvents, hubConfig, startSyncedHub, startTestCentral } from '../sync/fixture.js';

const tempDir = useTempDir('talon-events-');
const DAY = '2026-03-10';

function said() {
  const lines: string[] = [];
  return { lines, out: (l: string) => void lines.push(l) };
}

describe('talon events rejected', () => {
  it('lists what central refused with its code, and resends one after the fix', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const config = hubConfig(dir, central.url);
    const hub = await startSyncedHub(config, clock);
    try {
      // A booking central never heard of (imported from a file while central was away).
      const local: Booking = { id: 'LOCAL-1', code: 'LOCAL0001', centre: CENTRE, service: 'DL_EXCHANGE', date: DAY, time: '10:00', number: 1500, priority: null, channel: 'online', status: 'active', version: 1 };
      hub.centre.store.upsertBookings([local]);
      hub.centre.hub.floor.reload();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 'LOCAL0001' });
      expect((await hub.link.round()).pushed).toMatchObject({ rejected: 1 });

      const list = said();
      expect(await eventsCommand(['rejected'], () => ({ config }), list.out, list.out)).toBe(0);
      const [event] = hub.link.sync.rejected();
      expect(list.lines.join('\n')).toContain(`${event!.id}  seq ${event!.seq}  visit.checked_in  UNKNOWN_BOOKING`);
      expect(list.lines.join('\n')).toMatch(/central does not know the booking/);
      expect(list.lines.join('\n')).not.toContain('LOCAL0001');

      // The fix: central gets the booking. Resent as it was, the event is now accepted.
      central.central.seedBookings([local]);
      const retry = said();
      expect(await eventsCommand(['rejected', '--retry', event!.id], () => ({ config }), retry.out, retry.out)).toBe(0);
      expect(hub.link.view()).toMatchObject({ pendingEvents: 1, rejectedEvents: 0 });
      expect((await hub.link.round()).pushed).toMatchObject({ accepted: 1, rejected: 0 });
      expect(centralEvents(central).find((e) => e.id === event!.id)).toMatchObject({ outcome: 'accepted' });
      expect(hub.link.view()).toMatchObject({ pendingEvents: 0, rejectedEvents: 0 });

      const none = said();
      expect(await eventsCommand(['rejected'], () => ({ config }), none.out, none.out)).toBe(0);
      expect(none.lines).toEqual(['events: central has refused none']);
      expect(await eventsCommand(['rejected', '--retry', 'no-such-id'], () => ({ config }), none.out, none.out)).toBe(1);
    } finally {
      await hub.stop();
      await central.close();
    }
  });

  it('refuses a resend that central still cannot take, and keeps it for the admin', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const config = hubConfig(dir, central.url);
    const hub = await startSyncedHub(config, clock);
    try {
      hub.centre.store.upsertBookings([{ id: 'LOCAL-2', code: 'LOCAL0002', centre: CENTRE, service: 'DL_EXCHANGE', date: DAY, time: '10:00', number: 1501, priority: null, channel: 'online', status: 'active', version: 1 }]);
      hub.centre.hub.floor.reload();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 'LOCAL0002' });
      await hub.link.round();
      const [event] = hub.link.sync.rejected();
      const s = said();
      expect(await eventsCommand(['rejected', '--retry', event!.id], () => ({ config }), s.out, s.out)).toBe(0);
      expect((await hub.link.round()).pushed).toMatchObject({ rejected: 1 });
      expect(hub.link.sync.rejected()).toMatchObject([{ id: event!.id, code: 'UNKNOWN_BOOKING' }]);
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
