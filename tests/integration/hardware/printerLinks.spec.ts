import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintQueue, type JobState } from '../../../hardware/printer/printQueue.js';
import { spoolerLink, usbFileLink } from '../../../hardware/printer/transports/oneWay.js';
import { serialLink } from '../../../hardware/printer/transports/serial.js';
import { statusAnswer, CLEAN } from '../../../hardware/printer/status.js';
import { openSerial } from '../../../hardware/serial/deskBus.js';
import { closeLine } from '../../../hardware/serial/line.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until } from './socatPair.js';

const tempDir = useTempDir();
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function printed(q: PrintQueue, id: string): Promise<JobState> {
  return new Promise((resolve) => q.on('job', (j) => j.id === id && j.status === 'printed' && resolve(j)));
}

const TICKET = Buffer.from([0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 46, 0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2, 0x0a, 0x1d, 0x56, 0x00]);

describe('printer links', () => {
  it('prints over a serial line and reads the status back on it', async () => {
    const pair = await ptyPair(tempDir(), 'printer');
    cleanup.push(() => pair.kill());
    // The printer's end: keeps what is not a status request, answers DLE EOT n with a clean status.
    const printer = await openSerial(pair.device, 9600);
    cleanup.push(() => closeLine(printer));
    const received: number[] = [];
    let pending: number[] = [];
    printer.on('data', (chunk: Buffer) => {
      pending.push(...chunk);
      for (;;) {
        const at = pending.findIndex((b, i) => b === 0x10 && pending[i + 1] === 0x04 && pending[i + 2] !== undefined);
        if (at < 0) break;
        received.push(...pending.slice(0, at));
        printer.write(Buffer.from([statusAnswer(pending[at + 2]!, CLEAN)]));
        pending = pending.slice(at + 3);
      }
    });
    const queue = new PrintQueue(serialLink(pair.hub, 9600), { statusTimeoutMs: 500 });
    cleanup.push(() => queue.close());
    const done = printed(queue, 't1');
    queue.enqueue('t1', TICKET);
    await done;
    await until(() => received.length + pending.length >= TICKET.length, 2000, 'the ticket bytes');
    expect(Buffer.from([...received, ...pending]).equals(TICKET)).toBe(true);
  });

  it('writes a ticket to a USB printer device file and counts it printed, with no status to read', async () => {
    const file = join(tempDir(), 'lp0');
    writeFileSync(file, '');
    const queue = new PrintQueue(usbFileLink(file));
    cleanup.push(() => queue.close());
    const done = printed(queue, 't1');
    queue.enqueue('t1', TICKET);
    await done;
    expect(readFileSync(file).equals(TICKET)).toBe(true);
  });

  it('reads a missing USB device file as offline', async () => {
    const queue = new PrintQueue(usbFileLink(join(tempDir(), 'no-such-lp')), { retryEveryMs: 10_000 });
    cleanup.push(() => queue.close());
    const waiting = new Promise<JobState>((resolve) => queue.on('job', (j) => j.status === 'waiting' && resolve(j)));
    queue.enqueue('t1', TICKET);
    expect(await waiting).toMatchObject({ problem: 'offline' });
  });

  it('hands a ticket to the spooler in raw mode', async () => {
    const dir = tempDir();
    const out = join(dir, 'spooled');
    const lp = join(dir, 'lp');
    // A stand-in for CUPS's lp: records its arguments and what it was given.
    writeFileSync(lp, `#!/bin/sh\necho "$@" > ${out}.args\ncat > ${out}\n`);
    chmodSync(lp, 0o755);
    const queue = new PrintQueue(spoolerLink('kiosk-printer', lp));
    cleanup.push(() => queue.close());
    const done = printed(queue, 't1');
    queue.enqueue('t1', TICKET);
    await done;
    expect(readFileSync(out).equals(TICKET)).toBe(true);
    expect(readFileSync(`${out}.args`, 'utf8').trim()).toBe('-d kiosk-printer -o raw');
  });
});
