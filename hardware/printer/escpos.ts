/**
 * A laid-out ticket → ESC/POS bytes for one printer profile. node-thermal-printer builds the
 * commands it gets right (alignment, size, bold, QR, cut); text goes in already encoded by our own
 * code page tables, and the profile's ESC t goes in raw, because the library's own code page
 * numbers and its silent switching to another page do not match every vendor.
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { encodeText } from './codepages.js';
import type { PrinterProfile } from './profile.js';
import type { TicketLine } from './ticketLayout.js';

/** ESC @: reset modes. */
export const INIT = Buffer.from([0x1b, 0x40]);
/** FS .: leave double-byte (Kanji/Chinese) mode, the default on many clones, or Cyrillic prints as hanzi. */
export const CANCEL_DOUBLE_BYTE = Buffer.from([0x1c, 0x2e]);

export function selectCodepage(escT: number): Buffer {
  return Buffer.from([0x1b, 0x74, escT]);
}

export function encodeTicket(lines: readonly TicketLine[], profile: PrinterProfile): Buffer {
  // No interface: the library only builds the buffer; our links send it.
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, width: profile.columns } as ConstructorParameters<typeof ThermalPrinter>[0]);
  // ESC @ first would put a clone back into double-byte mode, so FS . comes right after it.
  p.append(INIT);
  p.append(CANCEL_DOUBLE_BYTE);
  p.append(selectCodepage(profile.escT));
  for (const line of lines) {
    switch (line.kind) {
      case 'text':
        if (line.align === 'center') p.alignCenter();
        else if (line.align === 'right') p.alignRight();
        else p.alignLeft();
        if (line.bold) p.bold(true);
        if (line.width !== 1 || line.height !== 1) p.setTextSize(line.height - 1, line.width - 1);
        p.append(encodeText(line.text, profile.codepage));
        p.newLine();
        if (line.width !== 1 || line.height !== 1) p.setTextSize(0, 0);
        if (line.bold) p.bold(false);
        break;
      case 'qr':
        p.alignCenter();
        p.printQR(line.data, { cellSize: line.cellSize, correction: 'M', model: 2 });
        p.newLine();
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) p.newLine();
        break;
      case 'cut':
        p.alignLeft();
        p.cut();
        break;
    }
  }
  return Buffer.from(p.getBuffer());
}
