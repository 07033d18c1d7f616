import { afterEach, describe, expect, it } from 'vitest';
import { HubPrinter } from '../../../main/hub/printing.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import type { PrintView, PrinterView } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, testConfig, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import type { Socket } from 'socket.io-client';

const tempDir = useTempDir();
let virtual: VirtualPrinter | null = null;
let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.stop();
  await virtual?.close();
  hub = virtual = null;
});

async function centre(bookings = [booking(1056, '10:00')]) {
  virtual = await startVirtualPrinter();
  const dir = tempDir();
  const config = testConfig({ printer: { transport: 'tcp', address: virtual.address, codepage: 'cp1125', escT: 44, width: 48 } }, dir);
  const printer = new HubPrinter(config.printer!, { retryEveryMs: 20, pollEveryMs: 0, statusTimeoutMs: 200 });
  hub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { printer });
  const kiosk = hub.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  return { virtual, hub, kiosk, bookings };
}

function printEvent(socket: Socket, status: PrintView['status']): Promise<PrintView> {
  return new Promise((resolve) => {
    const on = (p: PrintView) => {
      if (p.status === status) {
        socket.off('print', on);
        resolve(p);
      }
    };
    socket.on('print', on);
  });
}

describe('printing tickets from the hub', () => {
  it('prints a checked-in ticket with the centre, the service, the number and the booking code as a QR', async () => {
    const { virtual, kiosk, bookings } = await centre();
    const printed = printEvent(kiosk, 'printed');
    const ticket = virtual.nextTicket();
    const ack = await ask(kiosk, 'checkIn', { commandId: cmdId(), code: bookings[0]!.code });
    expect(ack).toMatchObject({ ok: true, ticket: { number: 1056 } });
    const t = await ticket;
    // The booking code first; the live ticket's link second (docs/live-ticket.md).
    expect(t.qr).toEqual([bookings[0]!.code, (ack as { ticket: { liveUrl: string } }).ticket.liveUrl]);
    expect(t.lines).toEqual(expect.arrayContaining(['ТСЦ МВС № 8041', 'Обмін посвідчення водія', '1056', 'Запис на 10:00', 'Надруковано 10.03.2026 09:30']));
    expect(await printed).toEqual({ bookingId: bookings[0]!.id, status: 'printed', problem: null });
  });

  it('prints and answers how many are ahead and the expected wait', async () => {
    const { virtual, kiosk, bookings } = await centre([booking(1056, '10:00'), booking(1057, '10:00'), booking(1058, '10:00')]);
    for (const b of bookings.slice(0, 2)) {
      const printed = virtual.nextTicket();
      await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code });
      await printed;
    }
    const ticket = virtual.nextTicket();
    const ack = await ask(kiosk, 'checkIn', { commandId: cmdId(), code: bookings[2]!.code });
    // Two ahead, desks 1 and 2 free, no service measured yet: 2 × 10 min over 2 desks.
    expect(ack).toMatchObject({ ok: true, ticket: { number: 1058, peopleAhead: 2, estimatedWaitMinutes: 10 } });
    expect((await ticket).lines).toContain('Перед вами: 2 · очікування ~ 10 хв');
  });

  it('keeps a check-in when the paper is out, tells the kiosk, and prints once the paper is back', async () => {
    const { virtual, hub, kiosk, bookings } = await centre();
    virtual.set({ paperOut: true });
    const told = new Promise<PrinterView>((resolve) => kiosk.on('printer', (p: PrinterView) => p.state === 'paper_out' && resolve(p)));
    const waiting = printEvent(kiosk, 'waiting');
    const ack = await ask<{ ok: boolean; print: PrintView }>(kiosk, 'checkIn', { commandId: cmdId(), code: bookings[0]!.code });
    expect(ack.ok).toBe(true);
    expect(await waiting).toMatchObject({ status: 'waiting', problem: 'paper_out' });
    expect(await told).toEqual({ state: 'paper_out', queued: 1 });
    expect(hub.hub.floor.state().visits.get(bookings[0]!.id)?.state).toBe('checked_in');
    expect(hub.hub.devices.list().find((d) => d.id === 'printer')).toMatchObject({ state: 'down' });
    const printed = printEvent(kiosk, 'printed');
    const ticket = virtual.nextTicket();
    virtual.set({ paperOut: false });
    expect((await ticket).lines).toContain('1056');
    await printed;
    expect(virtual.tickets).toHaveLength(1);
  });

  it('reprints the current visitor’s ticket when the desk asks', async () => {
    const { virtual, hub, kiosk, bookings } = await centre();
    const first = virtual.nextTicket();
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: bookings[0]!.code });
    await first;
    const desk = hub.client('desk', TOKENS.desk(1));
    await connected(desk);
    await ask(desk, 'callNext', { commandId: cmdId() });
    const again = virtual.nextTicket();
    expect(await ask(desk, 'reprint', { commandId: cmdId() })).toMatchObject({ ok: true });
    expect((await again).lines.some((l) => l.startsWith('Повторно надруковано'))).toBe(true);
  });

  it('does not print again for a retried check-in', async () => {
    const { virtual, kiosk, bookings } = await centre();
    const id = cmdId();
    const printed = printEvent(kiosk, 'printed');
    await ask(kiosk, 'checkIn', { commandId: id, code: bookings[0]!.code });
    await printed;
    expect(await ask(kiosk, 'checkIn', { commandId: id, code: bookings[0]!.code })).toMatchObject({ replayed: true, print: { status: 'printed' } });
    expect(virtual.tickets).toHaveLength(1);
  });
});

