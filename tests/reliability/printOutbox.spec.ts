/**
 * The device outbox (docs/architecture.md "The device outbox"): a check-in's print job is written in
 * the check-in's transaction. A real hub process is killed between that commit and the printer (a
 * crash point only tests can set), started again, and the kiosk retries the same commandId: exactly
 * one ticket comes out of the virtual printer.
 */
import { appendFileSync } from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../hardware/printer/virtual/server.js';
import { bookingsNow, importBookings, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../helpers/hubProcess.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir('talon-print-outbox-');
let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

type PrintAck = { ok: boolean; replayed?: boolean; ticket?: { number: number }; print?: { status: string } };

function kiosk(url: string): Promise<Socket> {
  const socket = connect(`${url}/kiosk`, { auth: { token: KIOSK_TOKEN }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve) => socket.once('snapshot', () => resolve(socket)));
}

function nextTicket(p: VirtualPrinter): Promise<void> {
  return new Promise((resolve) => p.once('ticket', () => resolve()));
}

describe('the device outbox', () => {
  it('prints exactly one ticket when the hub dies between the check-in commit and the printer and the kiosk retries', async () => {
    const dir = tempDir();
    printer = await startVirtualPrinter();
    const timezone = noonZone(Date.now());
    const config = writeConfig({ dir, desks: 1, services: ['DL_EXCHANGE'], timezone });
    appendFileSync(config, `printer: { transport: tcp, address: "${printer.address}" }\n`);
    const [booking] = bookingsNow(timezone, 1, ['DL_EXCHANGE']);
    await importBookings(config, [booking!], dir);

    const first = await startHubProcess(config, { TALON_TEST_CRASH_AT: 'check-in-committed' });
    const died = new Promise<NodeJS.Signals | null>((resolve) => first.child.once('exit', (_code, signal) => resolve(signal)));
    const k1 = await kiosk(first.url);
    const unanswered = k1.timeout(10_000).emitWithAck('checkIn', { commandId: 'outbox-crash-1', code: booking!.code }).then(() => 'answered', () => 'no answer');
    expect(await died).toBe('SIGKILL');
    expect(await unanswered).toBe('no answer');
    k1.close();
    expect(printer.tickets).toHaveLength(0);

    // Started again without the crash point: the kept job is printed, and the retry does not print another.
    const printed = nextTicket(printer);
    const second = await startHubProcess(config);
    try {
      await printed;
      const k2 = await kiosk(second.url);
      const done = new Promise<void>((resolve) => k2.on('print', (p: { status: string }) => p.status === 'printed' && resolve()));
      const retry = (await k2.timeout(10_000).emitWithAck('checkIn', { commandId: 'outbox-crash-1', code: booking!.code })) as PrintAck;
      expect(retry).toMatchObject({ ok: true, replayed: true, ticket: { number: booking!.number } });
      // The printer has the ticket; the hub counts it printed once the status after it reads clean.
      expect(['printing', 'printed']).toContain(retry.print?.status);
      if (retry.print?.status !== 'printed') await done;
      // A second round trip on the same socket: anything the retry had sent to the printer would have arrived by now.
      await k2.timeout(10_000).emitWithAck('services', {});
      k2.close();
      expect(printer.tickets).toHaveLength(1);
      expect(printer.tickets[0]!.lines.join('\n')).toContain(String(booking!.number));
    } finally {
      second.child.kill('SIGKILL');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  }, 60_000);
});
