/**
 * `talon print-test`: prints a sample ticket (every Ukrainian letter, a QR) on the configured printer
 * and says how it went, reading status where the link is two-way. With `transport: virtual` it starts
 * a virtual printer for the test and says where the PNG is.
 */
import { join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import { localParts } from '../core/clock.js';
import { encodeTicket } from '../../hardware/printer/escpos.js';
import { PrintQueue, type JobState } from '../../hardware/printer/printQueue.js';
import { layoutTicket, type TicketContent } from '../../hardware/printer/ticketLayout.js';
import { tcpLink } from '../../hardware/printer/transports/tcp.js';
import { startVirtualPrinter } from '../../hardware/printer/virtual/server.js';
import { linkFor, profileOf } from '../hub/printing.js';

export function sampleTicket(config: TalonConfig, now: number): TicketContent {
  return {
    centre: config.centre.name,
    service: { uk: 'Перевірка друку: АБВГҐДЕЄЖЗИІЇЙ абвгґдеєжзиіїй', en: 'Print test' },
    number: 1056,
    priority: false,
    time: localParts(now, config.centre.timezone).time,
    desks: [3],
    code: 'TEST2345',
    printedAt: localParts(now, config.centre.timezone),
    reprint: false,
  };
}

/** Returns the exit code: 0 when the ticket printed with a clean status after it. */
export async function printTest(config: TalonConfig, timeoutMs = 15_000, log: (line: string) => void = console.log): Promise<number> {
  const printer = config.printer;
  if (!printer) {
    log('talon: print-test needs a printer section in the config');
    return 2;
  }
  const virtual = printer.transport === 'virtual' ? await startVirtualPrinter({ pngDir: printer.pngDir ?? join(config.data.dir, 'tickets'), columns: printer.width }) : null;
  const link = virtual ? tcpLink(virtual.address) : linkFor(printer);
  const queue = new PrintQueue(link, { retryEveryMs: 1000, statusTimeoutMs: 1000 });
  try {
    log(`print-test: ${link.name}, code page ${printer.codepage} (ESC t ${printer.escT}), ${printer.width} columns`);
    const bytes = encodeTicket(layoutTicket(sampleTicket(config, Date.now()), printer.width), profileOf(printer));
    const outcome = await new Promise<JobState>((resolve) => {
      const timer = setTimeout(() => resolve(queue.job('test') ?? { id: 'test', status: 'failed', problem: 'offline' }), timeoutMs);
      queue.on('job', (j) => {
        if (j.status === 'printed') {
          clearTimeout(timer);
          resolve(j);
        }
        if (j.status === 'waiting') log(`print-test: waiting: ${j.problem}`);
      });
      queue.enqueue('test', bytes);
    });
    if (outcome.status !== 'printed') {
      log(`print-test: not printed (${outcome.problem ?? outcome.status})`);
      return 1;
    }
    const status = link.twoWay ? `status after it: ${queue.state().state}` : 'one-way link: no status to read';
    log(`print-test: printed ${bytes.length} bytes; ${status}`);
    const png = virtual?.tickets[0]?.png;
    if (png) log(`print-test: the ticket as the virtual printer saw it: ${png}`);
    return 0;
  } finally {
    await queue.close();
    await virtual?.close();
  }
}
