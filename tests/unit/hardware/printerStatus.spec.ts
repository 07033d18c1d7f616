import { describe, expect, it } from 'vitest';
import { blocks, CLEAN, problemOf, readStatus, statusAnswer, type PrinterStatus } from '../../../hardware/printer/status.js';

const answers = (s: PrinterStatus) => [1, 2, 3, 4].map((n) => statusAnswer(n, s)) as [number, number, number, number];

describe('printer status (DLE EOT)', () => {
  const faults: [string, Partial<PrinterStatus>, string][] = [
    ['paper out', { paperOut: true }, 'paper_out'],
    ['paper near its end', { paperNearEnd: true }, 'paper_near_end'],
    ['the cover open', { coverOpen: true }, 'cover_open'],
    ['offline', { offline: true }, 'offline'],
    ['a cutter error', { cutterError: true }, 'cutter_error'],
  ];
  for (const [name, fault, problem] of faults) {
    it(`reads ${name} back from the four status bytes`, () => {
      const read = readStatus(answers({ ...CLEAN, ...fault }));
      expect(read.ok && problemOf(read.status)).toBe(problem);
    });
  }

  it('reads a clean printer as no problem', () => {
    expect(answers(CLEAN)).toEqual([0x12, 0x12, 0x12, 0x12]);
    const read = readStatus(answers(CLEAN));
    expect(read.ok && problemOf(read.status)).toBeNull();
  });

  it('lets a ticket print with paper near its end but not with any other problem', () => {
    expect(blocks('paper_near_end')).toBe(false);
    expect(['paper_out', 'cover_open', 'offline', 'cutter_error'].every((p) => blocks(p as never))).toBe(true);
  });

  it('refuses a byte that is not a status answer', () => {
    expect(readStatus([0x12, 0x12, 0xff, 0x12])).toEqual({ ok: false, code: 'BAD_STATUS', byte: 0xff });
  });
});
