import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startCentre, type RunningCentre } from '../../../main/hub/centre.js';
import { PrintJobs } from '../../../main/store/index.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import type { PrintView, PrinterView } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, testConfig, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { until } from './socatPair.js';
import { memoryLog } from '../../../main/core/log.js';

const tempDir = useTempDir();
let virtual: VirtualPrinter | null = null;
let centre: RunningCentre | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await centre?.close();
  await virtual?.close();
  centre = virtual = null;
});

/** One centre's data dir and printer, started and stopped as often as a test likes, as `talon start` does. */
async function site(bookings = [booking(1056, '10:00'), booking(1057, '10:00')]) {
  virtual = await startVirtualPrinter();
  const config = testConfig({ printer: { transport: 'tcp', address: virtual.address, codepage: 'cp1125', escT: 44, width: 48 } }, tempDir());
  const clock = new TestClock(at('09:30'));
  const log = memoryLog();
  const logs = log.entries;
  return {
    virtual,
    clock,
    bookings,
    logs,
    async start() {
      centre = await startCentre(config, { now: clock.now, port: 0, log, prepare: (store) => store.upsertBookings(bookings) });
      return centre;
    },
    async stop() {
      for (const s of sockets.splice(0)) s.close();
      await centre?.close();
      centre = null;
    },
    /** A kiosk on the running hub, and every `printer` state it was sent, the one on connecting first. */
    async kiosk() {
      const socket = connect(`${centre!.hub.url}/kiosk`, { auth: { token: TOKENS.kiosk }, transports: ['websocket'] });
      sockets.push(socket);
      const printer: PrinterView[] = [];
      socket.on('printer', (p: PrinterView) => printer.push(p));
      await connected(socket);
      await until(() => printer.length > 0, 5000, 'the printer state on connecting');
      return { socket, printer };
    },
  };
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

function keptJobs(c: RunningCentre) {
  return new PrintJobs(c.store).list();
}

describe('tickets waiting for the printer across a restart of the hub', () => {
  it('prints a ticket that waited for paper through a restart exactly once, then forgets it', async () => {
    const s = await site();
    const [first, second] = s.bookings;
    s.virtual.set({ paperOut: true });
    let c = await s.start();
    let { socket: kiosk } = await s.kiosk();
    const checkIn = { commandId: cmdId(), code: first!.code };
    const waiting = printEvent(kiosk, 'waiting');
    expect(await ask(kiosk, 'checkIn', checkIn)).toMatchObject({ ok: true, ticket: { number: 1056 } });
    expect(await waiting).toEqual({ bookingId: first!.id, status: 'waiting', problem: 'paper_out' });
    expect(keptJobs(c)).toMatchObject([{ jobId: first!.id, bookingId: first!.id, actor: 'kiosk:1', state: 'queued', content: { number: 1056 } }]);

    await s.stop();
    c = await s.start();
    expect(c.store.db.prepare('SELECT version, name FROM schema_migrations WHERE version = 4').get()).toEqual({ version: 4, name: 'print_jobs' });
    expect(s.logs).toContainEqual({ level: 'info', msg: 'tickets kept from before the restart queued again', fields: { component: 'printer', queued: 1 } });
    const again = await s.kiosk();
    kiosk = again.socket;
    // The restored ticket is queued at once; the printer's answer that the paper is out follows.
    await until(() => again.printer.at(-1)?.state === 'paper_out', 5000, 'paper out after the restart');
    expect(again.printer.at(-1)).toEqual({ state: 'paper_out', queued: 1 });
    // The retried check-in is answered from the restored job, not printed anew.
    expect(await ask(kiosk, 'checkIn', checkIn)).toMatchObject({ replayed: true, print: { status: 'waiting', problem: 'paper_out' } });

    const printed = printEvent(kiosk, 'printed');
    const ticket = s.virtual.nextTicket();
    s.virtual.set({ paperOut: false });
    const t = await ticket;
    expect(t.lines).toEqual(expect.arrayContaining(['1056', 'Надруковано 10.03.2026 09:30']));
    // The booking code, then the live ticket link (docs/live-ticket.md).
    expect(t.qr[0]).toBe(first!.code);
    expect(t.qr[1]).toMatch(/\/t\/[0-9a-f]{32}$/);
    expect(await printed).toEqual({ bookingId: first!.id, status: 'printed', problem: null });
    expect(keptJobs(c)).toEqual([]);

    // The queue is first in, first out: had 1056 been queued twice, it would print before 1057.
    const next = s.virtual.nextTicket();
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: second!.code });
    expect((await next).lines).toContain('1057');
    expect(s.virtual.tickets.map((x) => x.lines.find((l) => /^\d{4}$/.test(l)))).toEqual(['1056', '1057']);
  });

  it('does not print again after a restart a ticket that printed before it', async () => {
    const s = await site();
    const [first, second] = s.bookings;
    let c = await s.start();
    const { socket: kiosk } = await s.kiosk();
    const printed = printEvent(kiosk, 'printed');
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: first!.code });
    await printed;
    expect(keptJobs(c)).toEqual([]);

    await s.stop();
    c = await s.start();
    const again = await s.kiosk();
    expect(again.printer).toEqual([{ state: 'ok', queued: 0 }]);
    const next = s.virtual.nextTicket();
    const done = printEvent(again.socket, 'printed');
    await ask(again.socket, 'checkIn', { commandId: cmdId(), code: second!.code });
    expect((await next).lines).toContain('1057');
    await done;
    expect(s.virtual.tickets).toHaveLength(2);
    expect(keptJobs(c)).toEqual([]);
  });

  it('prints a waiting ticket and its waiting reprint in their order after a restart, and numbers new reprints past them', async () => {
    const s = await site();
    const [first] = s.bookings;
    s.virtual.set({ paperOut: true });
    let c = await s.start();
    const { socket: kiosk } = await s.kiosk();
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: first!.code });
    const desk = connect(`${c.hub.url}/desk`, { auth: { token: TOKENS.desk(1) }, transports: ['websocket'] });
    sockets.push(desk);
    await connected(desk);
    await ask(desk, 'callNext', { commandId: cmdId() });
    expect(await ask(desk, 'reprint', { commandId: cmdId() })).toMatchObject({ ok: true });
    expect(keptJobs(c).map((j) => [j.jobId, j.actor])).toEqual([[first!.id, 'kiosk:1'], [`${first!.id}#r1`, 'desk:1']]);

    await s.stop();
    c = await s.start();
    const both = new Promise<string[][]>((resolve) => {
      const got: string[][] = [];
      s.virtual.on('ticket', (t) => got.push(t.lines) === 2 && resolve(got));
    });
    s.virtual.set({ paperOut: false });
    const [original, reprint] = await both;
    expect(original).toContain('1056');
    expect(original!.some((l) => l.startsWith('Повторно'))).toBe(false);
    expect(reprint).toContain('1056');
    expect(reprint!.some((l) => l.startsWith('Повторно надруковано'))).toBe(true);
    await until(() => keptJobs(c).length === 0, 5000, 'both kept tickets forgotten');

    s.virtual.set({ paperOut: true });
    const again = connect(`${c.hub.url}/desk`, { auth: { token: TOKENS.desk(1) }, transports: ['websocket'] });
    sockets.push(again);
    await connected(again);
    expect(await ask(again, 'reprint', { commandId: cmdId() })).toMatchObject({ ok: true });
    expect(keptJobs(c).map((j) => j.jobId)).toEqual([`${first!.id}#r2`]);
  });

  it('counts a ticket sent but not printed clean as an attempt, and keeps the count through a restart', async () => {
    const s = await site();
    const [first] = s.bookings;
    let c = await s.start();
    const { socket: kiosk } = await s.kiosk();
    // The paper runs out just as the ticket's last byte arrives: the status after it is not clean.
    s.virtual.once('ticket', () => s.virtual.set({ paperOut: true }));
    const waiting = printEvent(kiosk, 'waiting');
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: first!.code });
    expect(await waiting).toMatchObject({ status: 'waiting', problem: 'paper_out' });
    expect(keptJobs(c)).toMatchObject([{ jobId: first!.id, attempts: 1, state: 'queued' }]);

    await s.stop();
    c = await s.start();
    expect(keptJobs(c)).toMatchObject([{ jobId: first!.id, attempts: 1, state: 'queued' }]);
    const again = await s.kiosk();
    const printed = printEvent(again.socket, 'printed');
    s.virtual.set({ paperOut: false });
    await printed;
    expect(s.virtual.tickets).toHaveLength(2);
    expect(keptJobs(c)).toEqual([]);
  });

  it('sets aside a ticket of an earlier day instead of printing it, and keeps it to be seen', async () => {
    const nextDay = '2026-03-11';
    const s = await site([booking(1056, '10:00'), booking(1100, '10:00', { date: nextDay })]);
    const [yesterday, today] = s.bookings;
    s.virtual.set({ paperOut: true });
    await s.start();
    const { socket: kiosk } = await s.kiosk();
    await ask(kiosk, 'checkIn', { commandId: cmdId(), code: yesterday!.code });
    await s.stop();

    s.clock.t = at('09:30', nextDay);
    s.virtual.set({ paperOut: false });
    const c = await s.start();
    const again = await s.kiosk();
    expect(again.printer).toEqual([{ state: 'ok', queued: 0 }]);
    const next = s.virtual.nextTicket();
    const done = printEvent(again.socket, 'printed');
    await ask(again.socket, 'checkIn', { commandId: cmdId(), code: today!.code });
    expect((await next).lines).toContain('1100');
    await done;
    expect(s.virtual.tickets).toHaveLength(1);
    expect(keptJobs(c)).toMatchObject([{ jobId: yesterday!.id, state: 'expired', problem: 'not printed on 2026-03-10' }]);
  });
});
