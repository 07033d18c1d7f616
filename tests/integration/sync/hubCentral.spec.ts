import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { centralEvents, CENTRE, citizenBooks, hubConfig, startSyncedHub, startTestCentral, withSyncedFloor } from './fixture.js';

const tempDir = useTempDir('talon-sync-');
const DAY = '2026-03-10';

describe('a hub synced with the reference central server', () => {
  it("pulls the day's bookings, and a check-in made while central is down arrives once after it comes back", async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    let central = await startTestCentral(clock, `${dir}/central.db`);
    const port = central.port;
    const b = citizenBooks(central, DAY, '10:00');
    citizenBooks(central, DAY, '11:00');
    citizenBooks(central, '2026-03-12', '10:00');
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock);
    try {
      const first = await hub.link.round();
      expect(first.failed).toEqual([]);
      expect(hub.centre.store.bookingCount(CENTRE, DAY)).toBe(2);
      expect(hub.link.view()).toMatchObject({ state: 'online', pendingEvents: 0, clockSkewMs: 0, clockSuspect: false });

      await central.close();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true, ticket: { number: b.number } });
      const down = await hub.link.round();
      expect(down.failed[0]!.error.code).toBe('CENTRAL_UNREACHABLE');
      expect(hub.link.view()).toMatchObject({ state: 'offline', since: clock.now(), pendingEvents: 1 });
      const health = (await (await fetch(`${hub.centre.hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })).json()) as { link: { state: string } };
      expect(health.link.state).toBe('offline');

      central = await startTestCentral(clock, `${dir}/central.db`, port);
      const back = await hub.link.round();
      expect(back.pushed).toEqual({ accepted: 1, duplicate: 0, rejected: 0 });
      await hub.link.round();
      const events = centralEvents(central);
      expect(events.filter((e) => e.type === 'visit.checked_in')).toHaveLength(1);
      expect(central.central.booking(b.id)!.attended).toBe(1);
      expect(hub.link.view()).toMatchObject({ state: 'online', pendingEvents: 0 });
    } finally {
      await hub.stop();
      await central.close().catch(() => undefined);
    }
  });

  it('brings a cancellation made centrally to the kiosk', async () => {
    await withSyncedFloor(tempDir(), { day: DAY, book: (central) => citizenBooks(central, DAY, '12:00') }, async ({ clock, central, hub, booked: b, kiosk }) => {
      const res = await fetch(`${central.url}/v1/citizen/bookings/${b.id}/cancel`, { method: 'POST', body: JSON.stringify({ code: b.code }) });
      expect(res.status).toBe(200);
      await hub.link.round();
      clock.advance(2 * 3600_000);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    });
  });

  it('keeps a visit whose booking central cancelled after the check-in, and shows it to the admin', async () => {
    await withSyncedFloor(tempDir(), { day: DAY, book: (central) => citizenBooks(central, DAY, '10:00') }, async ({ central, hub, booked: b, kiosk, desk }) => {
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      // The operator at central cancels it (no 2-hour cut-off for an operator).
      await fetch(`${central.url}/v1/admin/bookings/${b.id}/cancel`, { method: 'POST', headers: { authorization: 'Bearer central-admin' } });
      await hub.link.round();
      expect(hub.link.sync.conflicts()).toMatchObject([{ bookingId: b.id, kind: 'cancelled_after_check_in', visitState: 'checked_in' }]);
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: b.number } });
      expect(hub.centre.hub.devices.list().find((d) => d.id === 'central')!.detail).toContain('1 cancelled after check-in today');
      expect(hub.logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining('cancelled centrally after its check-in'), fields: expect.objectContaining({ component: 'sync', bookingId: b.id, visitState: 'checked_in' }) }));
    });
  });

  it('books a same-day seat from the pool at the kiosk offline, and central gets the booking once', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    let central = await startTestCentral(clock, `${dir}/c.db`);
    const port = central.port;
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock);
    try {
      await hub.link.round();
      await central.close();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      const services = (await ask(kiosk, 'services', {})) as { services: { code: string; freeSlots: number; nextTimes: string[] }[] };
      const dl = services.services.find((s) => s.code === 'DL_EXCHANGE')!;
      expect(dl.freeSlots).toBeGreaterThan(0);
      const time = dl.nextTimes[0]!;
      const booked = (await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time, person: { kind: 'phone', value: '+380501234567' } })) as {
        ok: boolean; ticket: { number: number; bookingId: string };
      };
      expect(booked).toMatchObject({ ok: true, ticket: { time } });
      expect(booked.ticket.number).toBeGreaterThanOrEqual(1000);
      const again = (await ask(kiosk, 'services', {})) as { services: { code: string; freeSlots: number }[] };
      expect(again.services.find((s) => s.code === 'DL_EXCHANGE')!.freeSlots).toBe(dl.freeSlots - 1);

      central = await startTestCentral(clock, `${dir}/c.db`, port);
      await hub.link.round();
      const onCentral = central.central.booking(booked.ticket.bookingId)!;
      expect(onCentral).toMatchObject({ channel: 'terminal', number: booked.ticket.number, time, attended: 1 });
      expect(central.central.pool(CENTRE).some((s) => `T-${s.id}` === booked.ticket.bookingId)).toBe(false);
      await hub.link.round();
      expect(hub.centre.store.booking(booked.ticket.bookingId)!.version).toBe(1);
    } finally {
      await hub.stop();
      await central.close();
    }
  });

  it('tells a licence status only with the phone\'s last four digits, and issues a pickup ticket once', async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ central, hub, kiosk }) => {
      // The applicant of DL-2026-000N has the phone +38050123450N (seed 004).
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0006', phoneLast4: '4506' })).toMatchObject({
        ok: true, licence: { status: 'refused', reason: { uk: 'Медична довідка недійсна.' }, pickupHere: false },
      });
      // A wrong factor reads as an unknown number: no status, no reason, not even that it exists.
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0006', phoneLast4: '0000' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_APPLICATION' } });
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0006' })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0001', phoneLast4: '4501' })).toMatchObject({
        ok: true, licence: { status: 'produced', pickupHere: true, pickupTicket: null },
      });
      expect(await ask(kiosk, 'licencePickup', { commandId: cmdId(), applicationNumber: 'DL-2026-0003', phoneLast4: '4503' })).toMatchObject({ ok: false, error: { code: 'LICENCE_NOT_HERE' } });
      expect(await ask(kiosk, 'licencePickup', { commandId: cmdId(), applicationNumber: 'DL-2026-0001', phoneLast4: '4509' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_APPLICATION' } });
      const ticket = (await ask(kiosk, 'licencePickup', { commandId: cmdId(), applicationNumber: 'DL-2026-0001', phoneLast4: '4501' })) as { ticket: { number: number } };
      expect(ticket).toMatchObject({ ok: true, ticket: { service: 'DL_PICKUP' } });
      // A ticket without a seat takes a number past every seat of the day, never one a seat still holds.
      const seats = central.central.db.prepare('SELECT max(number) FROM seats WHERE centre = ? AND date = ?').pluck().get(CENTRE, DAY) as number;
      expect(ticket.ticket.number).toBeGreaterThan(seats);
      expect(await ask(kiosk, 'licencePickup', { commandId: cmdId(), applicationNumber: 'DL-2026-0001', phoneLast4: '4501' })).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
      expect(await ask(kiosk, 'licence', { applicationNumber: 'NOPE-1', phoneLast4: '4501' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_APPLICATION' } });
      await hub.link.round();
      expect(centralEvents(central).map((e) => e.type)).toEqual(['booking.created', 'visit.checked_in', 'licence.picked_up']);
      expect(centralEvents(central).every((e) => e.outcome === 'accepted')).toBe(true);
      // After the pickup ticket is taken, and after central has heard of it, the status says so with the ticket's number.
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0001', phoneLast4: '4501' })).toMatchObject({
        ok: true, licence: { status: 'produced', pickupTicket: { number: ticket.ticket.number, date: DAY } },
      });
    });
  });

  it('answers a licence produced and sent by post, and one waiting at another centre, as such', async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ kiosk }) => {
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0007', phoneLast4: '4507' })).toMatchObject({
        ok: true, licence: { status: 'produced', delivery: 'post', pickupHere: false, pickupCentre: null },
      });
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0008', phoneLast4: '4508' })).toMatchObject({
        ok: true, licence: { status: 'produced', delivery: 'pickup', pickupHere: false, pickupCentre: '8042' },
      });
      expect(await ask(kiosk, 'licencePickup', { commandId: cmdId(), applicationNumber: 'DL-2026-0008', phoneLast4: '4508' })).toMatchObject({
        ok: false, error: { code: 'LICENCE_NOT_HERE' },
      });
    });
  });

  it("turns central's alert into the floor's alert and ends only the alert central started", async () => {
    await withSyncedFloor(tempDir(), { day: DAY }, async ({ central, hub, admin }) => {
      central.central.setAlert(CENTRE, true);
      await hub.link.round();
      expect(hub.centre.hub.floor.state().alert).toMatchObject({ active: true, source: 'central' });
      central.central.setAlert(CENTRE, false);
      await hub.link.round();
      expect(hub.centre.hub.floor.state().alert.active).toBe(false);

      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      await hub.link.round();
      expect(hub.centre.hub.floor.state().alert).toMatchObject({ active: true, source: 'manual' });
    });
  });

  it('flags a local clock off by more than the bound and runs the rules on central time', async () => {
    const hubClock = new TestClock(at('09:30', DAY));
    const centralClock = new TestClock(at('09:30', DAY) + 10 * 60_000);
    const dir = tempDir();
    const central = await startTestCentral(centralClock);
    const hub = await startSyncedHub(hubConfig(dir, central.url), hubClock);
    try {
      const admin = hub.client('admin', TOKENS.admin);
      await connected(admin);
      const link = new Promise<{ clockSuspect: boolean; clockSkewMs: number }>((resolve) => admin.on('link', resolve));
      await hub.link.round();
      expect(hub.link.view()).toMatchObject({ clockSkewMs: 600_000, clockSuspect: true });
      expect((await link).clockSuspect).toBe(true);
      expect(hub.link.clock.now()).toBe(centralClock.now());
      expect(hub.centre.hub.devices.list().find((d) => d.id === 'central')).toMatchObject({ state: 'degraded', detail: expect.stringContaining('clock off by 600 s') });
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
