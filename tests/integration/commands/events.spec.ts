/** `talon events rejected`: a real hub, a real central refusing an event, the fix, and the resend. */
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { eventsCommand } from '../../../main/commands/events.js';
import type { Booking } from '../../../main/core/types.js';
import { ask, cmdId } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { CENTRE, centralEvents, withSyncedFloor, type TestCentre } from '../sync/fixture.js';

const tempDir = useTempDir('talon-events-');
const DAY = '2026-03-10';

function said() {
  const lines: string[] = [];
  return { lines, out: (l: string) => void lines.push(l) };
}

/**
 * A booking central never heard of (imported from a file while central was away), checked in at
 * the kiosk: central refuses its event.
 */
async function checkInUnknown(hub: TestCentre, kiosk: Socket, n: number): Promise<Booking> {
  const local: Booking = { id: `LOCAL-${n}`, code: `LOCAL000${n}`, centre: CENTRE, service: 'DL_EXCHANGE', date: DAY, time: '10:00', number: 1499 + n, priority: null, channel: 'online', status: 'active', version: 1 };
  hub.centre.store.upsertBookings([local]);
  hub.centre.hub.floor.reload();
  await ask(kiosk, 'checkIn', { commandId: cmdId(), code: local.code });
  return local;
}

describe('talon events rejected', () => {
  it('lists what central refused with its code, and resends one after the fix', async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ central, hub, config, kiosk }) => {
      const local = await checkInUnknown(hub, kiosk, 1);
      expect((await hub.link.round()).pushed).toMatchObject({ rejected: 1 });

      const list = said();
      expect(await eventsCommand(['rejected'], () => ({ config }), list.out, list.out)).toBe(0);
      const [event] = hub.link.sync.rejected();
      expect(list.lines.join('\n')).toContain(`${event!.id}  seq ${event!.seq}  visit.checked_in  UNKNOWN_BOOKING`);
      expect(list.lines.join('\n')).toMatch(/central does not know the booking/);
      expect(list.lines.join('\n')).not.toContain(local.code);

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
    });
  });

  it('refuses a resend that central still cannot take, and keeps it for the admin', async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ hub, config, kiosk }) => {
      await checkInUnknown(hub, kiosk, 2);
      await hub.link.round();
      const [event] = hub.link.sync.rejected();
      const s = said();
      expect(await eventsCommand(['rejected', '--retry', event!.id], () => ({ config }), s.out, s.out)).toBe(0);
      expect((await hub.link.round()).pushed).toMatchObject({ rejected: 1 });
      expect(hub.link.sync.rejected()).toMatchObject([{ id: event!.id, code: 'UNKNOWN_BOOKING' }]);
    });
  });
});
