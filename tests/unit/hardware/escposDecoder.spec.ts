import { describe, expect, it } from 'vitest';
import { encodeTicket } from '../../../hardware/printer/escpos.js';
import { layoutTicket, type TicketContent } from '../../../hardware/printer/ticketLayout.js';
import { DecodeError, EscPosDecoder } from '../../../hardware/printer/virtual/decoder.js';
import { epsonEscT } from '../../../hardware/printer/virtual/server.js';

const content: TicketContent = {
  centre: 'ТСЦ МВС № 8041',
  service: { uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
  number: 1056,
  priority: false,
  time: '10:40',
  desks: [3],
  code: 'K7M2QX9P',
  printedAt: { date: '2026-11-21', time: '10:05' },
  reprint: false,
};

describe('the ESC/POS decoder', () => {
  it('reads a ticket back whole even when it arrives one byte at a time', () => {
    const bytes = encodeTicket(layoutTicket(content, 48), { codepage: 'wpc1251', escT: 46, columns: 48 });
    const decoder = new EscPosDecoder(epsonEscT());
    const events = [...bytes].flatMap((b) => decoder.feed(Buffer.from([b])));
    expect(events).toHaveLength(1);
    const ticket = events[0]!.kind === 'ticket' ? events[0]!.ticket : null;
    expect(ticket!.lines).toContain('1056');
    expect(ticket!.qr).toEqual(['K7M2QX9P']);
    expect(ticket!.bytes.equals(bytes.subarray(0, ticket!.bytes.length))).toBe(true);
  });

  it('prints the number big and centred', () => {
    const bytes = encodeTicket(layoutTicket(content, 48), { codepage: 'wpc1251', escT: 46, columns: 48 });
    const [event] = new EscPosDecoder(epsonEscT()).feed(bytes);
    const big = event!.kind === 'ticket' ? event!.ticket.items.find((i) => i.kind === 'text' && i.line.text === '1056') : null;
    expect(big).toMatchObject({ line: { align: 'center', width: 4, height: 4, bold: true } });
  });

  it('refuses a command it does not know', () => {
    const decoder = new EscPosDecoder(epsonEscT());
    expect(() => decoder.feed(Buffer.from([0x1b, 0x40, 0x1b, 0x99, 0x00]))).toThrow(DecodeError);
  });

  it('refuses an ESC t number the printer does not know', () => {
    expect(() => new EscPosDecoder(epsonEscT()).feed(Buffer.from([0x1b, 0x74, 23]))).toThrow(/ESC t 23/);
  });

  it('refuses text above 0x7F before a code page is chosen', () => {
    expect(() => new EscPosDecoder(epsonEscT()).feed(Buffer.from([0x1b, 0x40, 0xc0]))).toThrow(/before any ESC t/);
  });

  it('answers a status request found between tickets without taking it into a ticket', () => {
    const decoder = new EscPosDecoder(epsonEscT());
    expect(decoder.feed(Buffer.from([0x10, 0x04, 0x04]))).toEqual([{ kind: 'status', n: 4 }]);
    expect(() => decoder.feed(Buffer.from([0x10, 0x04, 0x09]))).toThrow(DecodeError);
  });
});
