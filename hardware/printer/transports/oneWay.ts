/**
 * One-way links: a USB printer device file (/dev/usb/lp0) and the system spooler in raw mode (CUPS
 * `lp -o raw`). Neither gives status back reliably (a read on usblp can block forever), so a ticket
 * counts as printed once the bytes were handed over.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LinkError, type PrinterLink } from './link.js';

export function usbFileLink(path: string): PrinterLink {
  return {
    twoWay: false,
    name: `usb ${path}`,
    async send(bytes) {
      let handle;
      try {
        // Write-only and never create: a missing device file is an unplugged printer, not a new file.
        handle = await open(path, constants.O_WRONLY);
      } catch (err) {
        throw new LinkError('OFFLINE', `usb ${path}: ${(err as Error).message}`);
      }
      try {
        await handle.write(bytes);
      } catch (err) {
        throw new LinkError('DISCONNECTED', `usb ${path}: ${(err as Error).message}`);
      } finally {
        await handle.close();
      }
    },
    ask: () => Promise.reject(new LinkError('NO_ANSWER', 'a USB device file is one-way')),
    close: async () => {},
  };
}

export function spoolerLink(queue: string, command = 'lp'): PrinterLink {
  return {
    twoWay: false,
    name: `spooler ${queue}`,
    send: (bytes) => new Promise<void>((resolve, reject) => {
      const child = spawn(command, ['-d', queue, '-o', 'raw'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (err) => reject(new LinkError('OFFLINE', `${command}: ${err.message}`)));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new LinkError('OFFLINE', `${command} -d ${queue}: ${stderr.trim() || `exit ${code}`}`))));
      child.stdin.end(bytes);
    }),
    ask: () => Promise.reject(new LinkError('NO_ANSWER', 'the spooler is one-way')),
    close: async () => {},
  };
}
