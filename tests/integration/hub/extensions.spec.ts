import { describe, expect, it } from 'vitest';
import type { TicketPrinter } from '../../../main/hub/extensions.js';
import type { PrintView, TicketView } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

/** A printer that prints instantly into a list: the hub's side of printing is the subject here. */
function listPrinter(): TicketPrinter & { printed: { ticket: TicketView; actor: string }[] } {
  const printed: { ticket: TicketView; actor: string }[] = [];
  const progress = new Map<string, PrintView>();
  return {
    name: 'list printer',
    printed,
    print(ticket, actor) {
      printed.push({ ticket, actor });
      const view: PrintView = { bookingId: ticket.bookingId, status: 'printed', problem: null };
      progress.set(ticket.bookingId, view);
      return view;
    },
    progress: (id) => progress.get(id) ?? null,
    status: () => ({ state: 'ok', queued: 0 }),
  };
}

describe('hub extensions', () => {
  it('prints a ticket once per check-in, not again for a retried commandId, and again for a reprint', async () => {
    const b = booking(1000, '10:00');
    const printer = listPrinter();
    const dir = tempDir();
    const t = await startTestHub(dir, new TestClock(at('09:30')), [b], undefined, { printer });
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([kiosk, desk].map(connected));
      const id = cmdId();
      const first = await ask(kiosk, 'checkIn', { commandId: id, code: b.code });
      expect(first).toMatchObject({ ok: true, ticket: { number: 1000, printed: true }, print: { status: 'printed' } });
      expect(await ask(kiosk, 'checkIn', { commandId: id, code: b.code })).toMatchObject({ ok: true, replayed: true, print: { status: 'printed' } });
      expect(printer.printed).toHaveLength(1);
      expect(printer.printed[0]!.actor).toBe('kiosk:1');
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true, ticket: { reprint: true } });
      await ask(desk, 'callNext', { commandId: cmdId() });
      expect(await ask(desk, 'reprint', { commandId: cmdId() })).toMatchObject({ ok: true, print: { status: 'printed' } });
      expect(printer.printed.map((p) => p.ticket.reprint)).toEqual([false, true, true]);
    } finally {
      await t.stop();
    }
  });

  it('answers same-day booking, licences and reprints NOT_AVAILABLE where the centre has none', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk, 'en');
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([kiosk, desk].map(connected));
      const booked = await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time: '10:00', person: { kind: 'phone', value: '+380501234567' } });
      expect(booked).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE', message: 'Not available at this centre now: same-day booking.' } });
      expect(await ask(kiosk, 'licence', { applicationNumber: 'DL-2026-0001', phoneLast4: '4501' })).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
      expect(await ask(desk, 'reprint', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
      const services = (await ask(kiosk, 'services', {})) as { services: { code: string; freeSlots: number | null; nextTimes: string[] }[] };
      expect(services.services[0]).toMatchObject({ code: 'DL_EXCHANGE', freeSlots: null, nextTimes: [] });
      expect(await ask(kiosk, 'book', { commandId: cmdId(), service: 'DL_EXCHANGE', time: '10:00', person: { kind: 'phone', value: '0501234567' } })).toMatchObject({
        ok: false,
        error: { code: 'BAD_PAYLOAD' },
      });
    } finally {
      await t.stop();
    }
  });

  it('pairs a desk console by a one-time code', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      const issued = (await ask(admin, 'pairDesk', { commandId: cmdId(), desk: 2 })) as { ok: boolean; code: string };
      expect(issued).toMatchObject({ ok: true, desk: 2, code: expect.stringMatching(/^\d{6}$/) });
      const pair = (code: string) => fetch(`${t.hub.url}/pair`, { method: 'POST', body: JSON.stringify({ code }) });
      const res = await pair(issued.code);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { desk: number; token: string };
      // A token of the console's own (main/hub/pairedDevices.ts), never the desk's configured one.
      expect(body).toEqual({ ok: true, desk: 2, token: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(body.token).not.toBe(TOKENS.desk(2));
      expect((await pair(issued.code)).status).toBe(403);
      const desk = t.client('desk', body.token);
      expect((await connected(desk)).desk?.number).toBe(2);
      expect(await ask(admin, 'pairDesk', { commandId: cmdId(), desk: 42 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_DESK' } });
      expect((await fetch(`${t.hub.url}/pair`, { method: 'POST', body: 'nope' })).status).toBe(400);
    } finally {
      await t.stop();
    }
  });

  it('throttles guessing of pairing codes', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push((await fetch(`${t.hub.url}/pair`, { method: 'POST', body: JSON.stringify({ code: String(100000 + i) }) })).status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await t.stop();
    }
  });

  it('shows device health to the admin as it changes, and in /health', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const admin = t.client('admin', TOKENS.admin);
      expect(await next(admin, 'devices')).toEqual([]);
      const update = next(admin, 'devices');
      t.hub.devices.report({ id: 'printer:kiosk1', kind: 'printer', name: 'Kiosk printer', state: 'down', detail: 'paper out' });
      expect(await update).toEqual([expect.objectContaining({ id: 'printer:kiosk1', state: 'down', since: at('09:30') })]);
      const health = (await (await fetch(`${t.hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })).json()) as { devices: unknown[]; link: { state: string } };
      expect(health.devices).toHaveLength(1);
      expect(health.link.state).toBe('none');
    } finally {
      await t.stop();
    }
  });
});
