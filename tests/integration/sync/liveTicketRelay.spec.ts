import { silentLog } from '../../../main/core/log.js';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, TestClock } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import type { ProgressRelay } from '../../../main/hub/liveTicket/progressRelay.js';
import { signBody } from '../../../sync/central/liveTickets.js';
import { startCentral, type RunningCentral } from '../../../sync/central/server.js';
import type { TalonConfig } from '../../../main/config/schema.js';
import type { LiveTicket } from '../../../sync/protocol/liveTicket.js';
import type { TicketView } from '../../../sync/protocol/hub.js';
import { CENTRE, centreDef, citizenBooks, startSyncedHub, startTestCentral, until, withSyncedFloor } from './fixture.js';

const tempDir = useTempDir('talon-live-');
const DAY = '2026-03-10';
const idOf = (t: TicketView) => /\/t\/([0-9a-f]{32})$/.exec(t.liveUrl ?? '')![1]!;

async function ticketAt(url: string, id: string): Promise<{ status: number; ticket?: LiveTicket }> {
  const res = await fetch(`${url}/v1/tickets/${id}`);
  const body = (await res.json()) as { ticket?: LiveTicket };
  return { status: res.status, ...(body.ticket && { ticket: body.ticket }) };
}

function relayOf(hub: Awaited<ReturnType<typeof startSyncedHub>>): ProgressRelay {
  return hub.centre.extensions.others!.find((e) => e.name === 'live ticket relay') as ProgressRelay;
}

describe('the live ticket through central, for phones on mobile data', () => {
  it('follows the hub: the QR points at central, people ahead go down, and a called ticket reads "desk 1"', async () => {
    const book = (central: RunningCentral) => ['10:00', '10:00', '10:15'].map((t) => citizenBooks(central, DAY, t));
    const config = (c: TalonConfig) => {
      c.central!.publicUrl = 'https://e-queue.example.gov.ua';
      c.central!.progressEveryMs = 500;
    };
    await withSyncedFloor(tempDir(), { day: DAY, book, config }, async ({ central, hub, booked: bs, kiosk, desk }) => {
      const tickets: TicketView[] = [];
      for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
      const last = tickets[2]!;
      expect(last.liveUrl).toBe(`https://e-queue.example.gov.ua/t/${idOf(last)}`);

      await until(() => central.live.get(idOf(last))?.ahead === 2);
      expect((await ticketAt(central.url, idOf(last))).ticket).toMatchObject({ number: last.number, state: 'waiting', alert: { active: false } });

      await ask(desk, 'callNext', { commandId: cmdId() });
      await until(() => central.live.get(idOf(last))?.ahead === 1);
      for (const action of ['finish', 'callNext', 'finish', 'callNext']) expect(await ask(desk, action, { commandId: cmdId() })).toMatchObject({ ok: true });
      await until(() => central.live.get(idOf(last))?.state === 'called');
      const called = (await ticketAt(central.url, idOf(last))).ticket!;
      expect(called).toMatchObject({ state: 'called', desk: 1, ahead: null });
      expect(called.calls[0]).toMatchObject({ number: last.number, desk: 1 });

      // What central keeps never holds the link itself, nor anything personal.
      const sent = JSON.stringify(relayOf(hub).request());
      for (const t of tickets) expect(sent).not.toContain(idOf(t));
      for (const b of bs) expect(sent).not.toContain(b.code);
    });
  });

  it('shows the alert freeze through central, and "updated at" stays at the last push while the hub is away', async () => {
    const book = (central: RunningCentral) => ['10:00', '10:15'].map((t) => citizenBooks(central, DAY, t));
    const config = (c: TalonConfig) => void (c.central!.progressEveryMs = 500);
    await withSyncedFloor(tempDir(), { day: DAY, book, config }, async ({ clock, central, hub, booked: bs, kiosk, admin }) => {
      const tickets: TicketView[] = [];
      for (const b of bs) tickets.push(((await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })) as { ticket: TicketView }).ticket);
      const id = idOf(tickets[1]!);
      await until(() => central.live.get(id) !== null);

      clock.advance(60_000);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      await until(() => central.live.get(id)?.alert.frozen === true);
      const frozen = (await ticketAt(central.url, id)).ticket!;
      expect(frozen).toMatchObject({ state: 'waiting', ahead: 1, alert: { active: true, frozen: true }, updatedAt: clock.now() });

      await hub.stop();
      clock.advance(10 * 60_000);
      const away = await fetch(`${central.url}/v1/tickets/${id}`);
      const body = (await away.json()) as { ticket: LiveTicket; serverTime: number };
      // The position is the last one the hub said, with its time: the page shows it as old.
      expect(body.ticket).toMatchObject({ ahead: 1, updatedAt: frozen.updatedAt });
      expect(body.serverTime - body.ticket.updatedAt).toBe(10 * 60_000);
    });
  });

  it('answers 404 to a guessed id, an altered id and a malformed one, and keeps each centre to its own tickets', async () => {
    const clock = new TestClock(at('09:30', DAY));
    const central = await startTestCentral(clock);
    try {
      const real = 'a'.repeat(32);
      for (const bad of [real, 'f'.repeat(32), 'nope', '%ZZ', `${real}/x`]) expect((await ticketAt(central.url, bad).catch(() => ({ status: 404 }))).status).toBe(404);
      // A push that does not fit the protocol is refused with 400 and changes nothing.
      const res = await fetch(`${central.url}/v1/centres/${CENTRE}/progress`, {
        method: 'PUT',
        headers: { authorization: 'Bearer terminal-token-8041', 'content-type': 'application/json' },
        body: JSON.stringify({ terminal: 'hub-1', tickets: [{ key: 'x' }] }),
      });
      expect(res.status).toBe(400);
      const anon = await fetch(`${central.url}/v1/centres/${CENTRE}/progress`, { method: 'PUT', body: '{}' });
      expect(anon.status).toBe(401);
    } finally {
      await central.close();
    }
  });

  it('calls the integrator webhook once per ticket when its turn is near, signed, retrying after a failure', async () => {
    const received: { body: string; signature: string }[] = [];
    let failFirst = true;
    const gateway = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: String(req.headers['x-talon-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/hook`;
    const central = (clock: TestClock) =>
      startCentral({
        file: ':memory:',
        now: clock.now,
        difficulty: 4,
        adminToken: 'central-admin',
        log: silentLog,
        ticketWebhook: { url: hookUrl, secret: 'gateway-secret', aheadAtMost: 1, minMs: 20, maxMs: 50 },
        setup: (c) => c.addCentre(centreDef()),
      });
    const book = (central: RunningCentral) => ['10:00', '10:00', '10:15'].map((t) => citizenBooks(central, DAY, t));
    const config = (c: TalonConfig) => void (c.central!.progressEveryMs = 500);
    try {
      await withSyncedFloor(tempDir(), { day: DAY, central, book, config }, async ({ hub, booked: bs, kiosk, desk }) => {
        for (const b of bs) await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
        // 0 and 1 ahead at once: two notices (after the gateway's first 503 is retried).
        await until(() => received.length === 2, 8000);
        await ask(desk, 'callNext', { commandId: cmdId() });
        await until(() => relayOf(hub).sent >= 3, 8000);
        await until(() => received.length === 3, 8000);
        await new Promise((r) => setTimeout(r, 300));
        expect(received).toHaveLength(3);
        for (const r of received) {
          const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature)!;
          expect(m[2]).toBe(signBody('gateway-secret', Number(m[1]), r.body));
          const body = JSON.parse(r.body) as { booking: string; ahead: number };
          expect(bs.map((b) => b.id)).toContain(body.booking);
          expect(body.ahead).toBeLessThanOrEqual(1);
        }
        expect(new Set(received.map((r) => (JSON.parse(r.body) as { booking: string }).booking)).size).toBe(3);
      });
    } finally {
      gateway.close();
    }
  });
});
