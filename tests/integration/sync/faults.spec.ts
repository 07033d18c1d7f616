import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { centralEvents, CENTRE, citizenBooks, hubConfig, startSyncedHub, startTestCentral } from './fixture.js';

const tempDir = useTempDir('talon-sync-faults-');
const DAY = '2026-03-10';

/** Forwards to central and rewrites its JSON answers: central answering out of order, twice, or wrong. */
async function proxy(target: string, rewrite: (path: string, body: Record<string, unknown>) => unknown): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(target + req.url!, {
      method: req.method!,
      headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = (await upstream.json()) as Record<string, unknown>;
    const out = upstream.ok ? rewrite(new URL(req.url!, 'http://x').pathname, body) : body;
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(typeof out === 'string' ? out : JSON.stringify(out));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the sync with central answering badly', () => {
  it('resumes the push of a hub that died after central took its events, without repeats', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const b = citizenBooks(central, DAY, '10:00');
    const config = hubConfig(dir, central.url);
    let hub = await startSyncedHub(config, clock);
    try {
      await hub.link.round();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      // Central commits the events, the hub never hears back, and then the hub goes down.
      central.fault = 'dropAnswer';
      await hub.link.round();
      expect(hub.link.view().pendingEvents).toBe(1);
      await hub.stop();
      central.fault = null;

      hub = await startSyncedHub(config, clock);
      const round = await hub.link.round();
      expect(round.pushed).toEqual({ accepted: 0, duplicate: 1, rejected: 0 });
      expect(hub.link.view().pendingEvents).toBe(0);
      expect(centralEvents(central).filter((e) => e.type === 'visit.checked_in')).toHaveLength(1);
    } finally {
      await hub.stop();
      await central.close();
    }
  });

  it('handles answers out of order and stale versions: the newest version of a booking wins', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const kept = citizenBooks(central, DAY, '12:00');
    const cancelled = citizenBooks(central, DAY, '12:15');
    await fetch(`${central.url}/v1/citizen/bookings/${cancelled.id}/cancel`, { method: 'POST', body: JSON.stringify({ code: cancelled.code }) });
    const p = await proxy(central.url, (path, body) => {
      if (path.endsWith('/bookings')) {
        const bookings = body.bookings as { id: string; version: number; status: string }[];
        // Reversed, and a stale copy of the cancelled booking after its newer version.
        const stale = bookings.find((x) => x.id === cancelled.id) ? [{ ...bookings.find((x) => x.id === cancelled.id)!, status: 'active', version: 1 }] : [];
        return { ...body, bookings: [...bookings.reverse(), ...stale] };
      }
      if (path.endsWith('/events')) return { ...body, accepted: [...(body.accepted as string[])].reverse(), duplicate: [...(body.accepted as string[]), ...(body.duplicate as string[])] };
      return body;
    });
    const hub = await startSyncedHub(hubConfig(dir, p.url), clock);
    try {
      await hub.link.round();
      expect(hub.centre.store.booking(cancelled.id)).toMatchObject({ status: 'cancelled', version: 2 });
      expect(hub.centre.store.booking(kept.id)).toMatchObject({ status: 'active' });
      const admin = hub.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      await ask(admin, 'alert', { commandId: cmdId(), active: false });
      const round = await hub.link.round();
      expect(round.failed).toEqual([]);
      expect(hub.link.view().pendingEvents).toBe(0);
      expect(centralEvents(central).map((e) => e.type)).toEqual(['alert.started', 'alert.ended']);
    } finally {
      await hub.stop();
      await central.close();
      p.server.close();
    }
  });

  it('refuses malformed answers with a clear log line and applies nothing of them', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    citizenBooks(central, DAY, '10:00');
    let mode: 'shape' | 'ids' | 'none' = 'shape';
    const p = await proxy(central.url, (path, body) => {
      if (mode === 'shape' && path.endsWith('/bookings')) return { ...body, bookings: [{ id: 7, code: 'X' }] };
      if (mode === 'ids' && path.endsWith('/events')) return { ...body, accepted: ['someone-elses-event-id'] };
      return body;
    });
    const hub = await startSyncedHub(hubConfig(dir, p.url), clock);
    try {
      const first = await hub.link.round();
      expect(first.failed.map((f) => [f.step, f.error.code])).toEqual([['pull', 'CENTRAL_MALFORMED']]);
      expect(hub.logs).toContainEqual(expect.objectContaining({ msg: 'a sync step failed', fields: expect.objectContaining({ component: 'sync', step: 'pull', code: 'CENTRAL_MALFORMED', detail: expect.stringMatching(/^GET \/bookings: the answer does not fit the protocol \(bookings\.0\.id: /) }) }));
      expect(hub.centre.store.bookingCount(CENTRE, DAY)).toBe(0);
      expect(hub.link.view().state).toBe('degraded');

      central.fault = 'malformed';
      mode = 'none';
      const broken = await startSyncedHub(hubConfig(tempDir(), central.url), clock);
      try {
        await broken.link.round();
        expect(broken.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ code: 'CENTRAL_MALFORMED', detail: expect.stringMatching(/GET \/bookings: the answer is not JSON/) }) }));
        expect(broken.link.view().state).toBe('offline');
      } finally {
        await broken.stop();
      }
      central.fault = null;

      mode = 'ids';
      const admin = hub.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      const round = await hub.link.round();
      expect(round.failed.map((f) => f.error.message)).toContain('POST /events: the answer names none of the events sent');
      expect(hub.link.view().pendingEvents).toBe(1);
      mode = 'none';
      const healed = await hub.link.round();
      expect(healed.pushed).toEqual({ accepted: 0, duplicate: 1, rejected: 0 });
      expect(hub.centre.store.bookingCount(CENTRE, DAY)).toBe(1);
    } finally {
      await hub.stop();
      await central.close();
      p.server.close();
    }
  });

  it('keeps and shows events central refuses, never dropping them', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock);
    try {
      // A booking central never heard of (imported from a file while central was away).
      hub.centre.store.upsertBookings([{ id: 'LOCAL-1', code: 'LOCAL0001', centre: CENTRE, service: 'DL_EXCHANGE', date: DAY, time: '10:00', number: 1500, priority: null, channel: 'online', status: 'active', version: 1 }]);
      hub.centre.hub.floor.reload();
      const kiosk = hub.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 'LOCAL0001' });
      const round = await hub.link.round();
      expect(round.pushed).toEqual({ accepted: 0, duplicate: 0, rejected: 1 });
      expect(hub.link.sync.rejected()).toMatchObject([{ type: 'visit.checked_in', booking: 'LOCAL-1', code: 'UNKNOWN_BOOKING' }]);
      expect(hub.link.view()).toMatchObject({ pendingEvents: 0, rejectedEvents: 1 });
      expect(hub.logs).toContainEqual(expect.objectContaining({ msg: 'central refused an event; kept for the admin', fields: expect.objectContaining({ type: 'visit.checked_in', code: 'UNKNOWN_BOOKING' }) }));
      expect(hub.centre.hub.devices.list().find((d) => d.id === 'central')!.detail).toContain('1 refused by central');
    } finally {
      await hub.stop();
      await central.close();
    }
  });

  it('backs off with jitter while central is away and catches up by itself when it returns', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const dir = tempDir();
    const central = await startTestCentral(clock);
    const b = citizenBooks(central, DAY, '10:00');
    central.fault = 'unavailable';
    const hub = await startSyncedHub(hubConfig(dir, central.url), clock, true);
    try {
      const { until } = await import('./fixture.js');
      await until(() => hub.link.view().state === 'offline');
      central.fault = null;
      await until(() => hub.centre.store.booking(b.id) !== undefined);
      expect(hub.logs.some((l) => String(l.fields.detail).includes('HTTP 503'))).toBe(true);
      await until(() => hub.link.view().state === 'online');
    } finally {
      await hub.stop();
      await central.close();
    }
  });
});
