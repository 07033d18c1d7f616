import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Codepage } from '../../../hardware/printer/codepages.js';
import { encodeTicket } from '../../../hardware/printer/escpos.js';
import { PrintQueue, type JobState } from '../../../hardware/printer/printQueue.js';
import type { PrinterProfile } from '../../../hardware/printer/profile.js';
import { layoutTicket, type TicketContent } from '../../../hardware/printer/ticketLayout.js';
import { tcpLink } from '../../../hardware/printer/transports/tcp.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import { useTempDir } from '../../helpers/tmp.js';
import { until } from './socatPair.js';

const tempDir = useTempDir();
const UPPER = 'АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ';
const LOWER = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя';

const content = (over: Partial<TicketContent> = {}): TicketContent => ({
  centre: 'ТСЦ МВС № 8041',
  service: { uk: `${UPPER} ${LOWER}`, en: 'Every letter' },
  number: 1056,
  priority: false,
  time: '10:40',
  desks: [3],
  code: 'K7M2QX9P',
  printedAt: { date: '2026-11-21', time: '10:05' },
  reprint: false,
  ...over,
});

let printer: VirtualPrinter | null = null;
let queue: PrintQueue | null = null;
afterEach(async () => {
  await queue?.close();
  await printer?.close();
  queue = printer = null;
});

async function setUp(escT?: Map<number, Codepage>, pngDir?: string) {
  printer = await startVirtualPrinter({ ...(escT && { escT }), ...(pngDir && { pngDir }) });
  queue = new PrintQueue(tcpLink(printer.address), { retryEveryMs: 20, statusTimeoutMs: 200 });
  return { printer, queue };
}

function jobReaches(q: PrintQueue, id: string, status: JobState['status']): Promise<JobState> {
  return new Promise((resolve) => {
    const now = q.job(id);
    if (now?.status === status) return resolve(now);
    const on = (j: JobState) => {
      if (j.id === id && j.status === status) {
        q.off('job', on);
        resolve(j);
      }
    };
    q.on('job', on);
  });
}

describe('tickets through the virtual printer over TCP', () => {
  const profiles: [string, PrinterProfile, Map<number, Codepage> | undefined, string, string][] = [
    ['WPC1251 (Epson 46)', { codepage: 'wpc1251', escT: 46, columns: 48 }, undefined, UPPER, LOWER],
    ['WPC1251 on a clone (23)', { codepage: 'wpc1251', escT: 23, columns: 48 }, new Map([[23, 'wpc1251']]), UPPER, LOWER],
    ['CP1125 (Epson 44)', { codepage: 'cp1125', escT: 44, columns: 48 }, undefined, UPPER, LOWER],
    ['CP866 (Epson 17)', { codepage: 'cp866', escT: 17, columns: 48 }, undefined, UPPER.replace('Ґ', 'Г').replace('І', 'I'), LOWER.replace('ґ', 'г').replace('і', 'i')],
  ];
  for (const [name, profile, escT, upper, lower] of profiles) {
    it(`arrives byte for byte and decodes to every Ukrainian letter and the QR payload in ${name}`, async () => {
      const { printer, queue } = await setUp(escT);
      const bytes = encodeTicket(layoutTicket(content(), 48), profile);
      const printed = printer.nextTicket();
      queue.enqueue('b1', bytes);
      const ticket = await printed;
      expect(ticket.bytes.equals(bytes.subarray(0, ticket.bytes.length))).toBe(true);
      // What follows the cut is the library's ESC @ that readies the next ticket.
      expect([...bytes.subarray(ticket.bytes.length)]).toEqual([0x1b, 0x40]);
      expect(ticket.codepages).toEqual([profile.codepage]);
      expect(ticket.lines).toEqual(expect.arrayContaining([upper, lower]));
      expect(ticket.qr).toEqual(['K7M2QX9P']);
      expect(ticket.lines).toEqual(expect.arrayContaining(['1056', 'Запис на 10:40', 'Код запису: K7M2QX9P', 'Надруковано 21.11.2026 10:05']));
      expect(ticket.lines.some((l) => /^Ticket 1056, Every letter, 10:40/.test(l))).toBe(true);
      expect(ticket.cut).toBe('full');
      expect(printer.refused).toEqual([]);
    });
  }

  it('renders a ticket as a PNG a person can look at', async () => {
    const dir = tempDir();
    const { printer, queue } = await setUp(undefined, dir);
    const printed = printer.nextTicket();
    queue.enqueue('b1', encodeTicket(layoutTicket(content(), 48), { codepage: 'wpc1251', escT: 46, columns: 48 }));
    const ticket = await printed;
    expect(ticket.png && existsSync(ticket.png)).toBe(true);
    expect(ticket.png!.startsWith(join(dir, 'ticket-'))).toBe(true);
    const png = PNG.sync.read(readFileSync(ticket.png!));
    expect(png.width).toBe(48 * 8 + 16);
    expect(png.height).toBeGreaterThan(300);
  });

  it('keeps a garbled byte stream out of the tickets and says why', async () => {
    const { printer, queue } = await setUp();
    await queue.link.send(Buffer.from([0x1b, 0x40, 0x1b, 0x74, 46, 0x41, 0x1b, 0x99]));
    await until(() => printer.refused.length === 1, 2000, 'a refusal');
    expect(printer.refused[0]!.message).toMatch(/ESC 0x99/);
    expect(printer.tickets).toEqual([]);
  });
});

describe('printer status and the print queue', () => {
  const bytes = () => encodeTicket(layoutTicket(content(), 48), { codepage: 'wpc1251', escT: 46, columns: 48 });
  const faults: [string, Parameters<VirtualPrinter['set']>[0], string][] = [
    ['paper out', { paperOut: true }, 'paper_out'],
    ['the cover open', { coverOpen: true }, 'cover_open'],
    ['a cutter error', { cutterError: true }, 'cutter_error'],
    ['a printer that does not answer', { silent: true }, 'offline'],
  ];
  for (const [name, fault, problem] of faults) {
    it(`holds a ticket with ${name} and prints it once the printer is back`, async () => {
      const { printer, queue } = await setUp();
      printer.set(fault);
      const held = jobReaches(queue, 'b1', 'waiting');
      queue.enqueue('b1', bytes());
      expect(await held).toMatchObject({ problem });
      expect(queue.state()).toEqual({ state: problem, queued: 1 });
      expect(printer.tickets).toEqual([]);
      const printed = jobReaches(queue, 'b1', 'printed');
      printer.set({ paperOut: false, coverOpen: false, cutterError: false, silent: false });
      await printed;
      expect(printer.tickets).toHaveLength(1);
      expect(queue.state()).toEqual({ state: 'ok', queued: 0 });
    });
  }

  it('prints with paper near its end and says so', async () => {
    const { printer, queue } = await setUp();
    printer.set({ paperNearEnd: true });
    const printed = jobReaches(queue, 'b1', 'printed');
    queue.enqueue('b1', bytes());
    await printed;
    expect(queue.state().state).toBe('paper_near_end');
  });

  it('does not count a ticket as printed when the status after it is not clean', async () => {
    const { printer, queue } = await setUp();
    // The paper runs out as this ticket comes out.
    printer.once('ticket', () => printer.set({ paperOut: true }));
    const held = jobReaches(queue, 'b1', 'waiting');
    queue.enqueue('b1', bytes());
    expect(await held).toMatchObject({ problem: 'paper_out' });
    const printed = jobReaches(queue, 'b1', 'printed');
    printer.set({ paperOut: false });
    await printed;
    expect(printer.tickets).toHaveLength(2);
  });

  it('reads a printer nobody listens for as offline', async () => {
    const { printer: gone } = await setUp();
    const address = gone.address;
    await gone.close();
    const q = new PrintQueue(tcpLink(address), { retryEveryMs: 50, statusTimeoutMs: 100 });
    try {
      const held = jobReaches(q, 'b1', 'waiting');
      q.enqueue('b1', bytes());
      expect(await held).toMatchObject({ problem: 'offline' });
    } finally {
      await q.close();
    }
    printer = null;
  });

  it('prints a ticket again when a person asks for a reprint, but not for the same job twice', async () => {
    const { printer, queue } = await setUp();
    const first = jobReaches(queue, 'b1', 'printed');
    queue.enqueue('b1', bytes());
    await first;
    expect(queue.enqueue('b1', bytes()).status).toBe('printed');
    const again = jobReaches(queue, 'b1', 'printed');
    queue.reprint('b1', bytes());
    await again;
    await until(() => printer.tickets.length === 2, 2000, 'two tickets');
  });
});
