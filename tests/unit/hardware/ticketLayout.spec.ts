import { describe, expect, it } from 'vitest';
import { layoutTicket, wrap, type TicketContent, type TicketLine } from '../../../hardware/printer/ticketLayout.js';
import { encodeText } from '../../../hardware/printer/codepages.js';
import { busesOf } from '../../../main/hub/deskBusBridge.js';
import { testConfig } from '../../helpers/hub.js';

const base: TicketContent = {
  centre: 'ТСЦ МВС № 8041',
  service: { uk: 'Реєстрація транспортного засобу', en: 'Vehicle registration' },
  number: 1056,
  priority: false,
  time: '10:40',
  desks: [],
  code: 'K7M2QX9P',
  printedAt: { date: '2026-11-21', time: '10:05' },
  reprint: false,
};
const texts = (lines: TicketLine[]) => lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));

describe('the ticket layout', () => {
  it('wraps at spaces and cuts only a word longer than the line', () => {
    expect(wrap('Реєстрація транспортного засобу', 20)).toEqual(['Реєстрація', 'транспортного засобу']);
    expect(wrap('ААААААААААББ', 10)).toEqual(['АААААААААА', 'ББ']);
  });

  it('fits every line in the paper width at its size', () => {
    for (const columns of [32, 48]) {
      for (const l of layoutTicket({ ...base, desks: [1, 2, 3, 4, 5, 6] }, columns)) {
        if (l.kind === 'text') expect([...l.text].length * l.width, l.text).toBeLessThanOrEqual(columns);
      }
    }
  });

  it('says where to wait: the board, one desk or several', () => {
    expect(texts(layoutTicket(base, 48))).toContain('Очікуйте виклику на табло');
    expect(texts(layoutTicket({ ...base, desks: [3] }, 48))).toContain('Очікуйте виклику: робоче місце 3');
    expect(texts(layoutTicket({ ...base, desks: [3, 4] }, 48))).toContain('Очікуйте виклику: робочі місця 3, 4');
  });

  it('prints the booking time, and none on a licence pickup ticket (which has no booking)', () => {
    expect(texts(layoutTicket(base, 48)).some((l) => l.startsWith('Запис на '))).toBe(true);
    expect(texts(layoutTicket({ ...base, time: '' }, 48)).some((l) => l.startsWith('Запис на'))).toBe(false);
  });

  it('marks a priority ticket and a reprint', () => {
    const lines = texts(layoutTicket({ ...base, number: 7, priority: true, reprint: true }, 48));
    expect(lines).toEqual(expect.arrayContaining(['П-7', 'Пріоритетна черга', 'Повторно надруковано 21.11.2026 10:05']));
  });

  it('says how many are ahead and the expected wait, when the hub knows them', () => {
    expect(texts(layoutTicket({ ...base, wait: { peopleAhead: 4, minutes: 12 } }, 48))).toContain('Перед вами: 4 · очікування ≈ 12 хв');
    expect(texts(layoutTicket({ ...base, wait: { peopleAhead: 0, minutes: 0 } }, 48))).toContain('Перед вами нікого: вас скоро викличуть');
    expect(texts(layoutTicket({ ...base, wait: null }, 48)).some((l) => l.startsWith('Перед вами'))).toBe(false);
    expect(texts(layoutTicket({ ...base, wait: { peopleAhead: 4, minutes: 12 } }, 48)).join(' ')).toContain('4 ahead of you, about 12 min; wait for your number');
    for (const l of layoutTicket({ ...base, wait: { peopleAhead: 123, minutes: 999 } }, 32)) {
      if (l.kind === 'text') expect([...l.text].length * l.width).toBeLessThanOrEqual(32);
    }
  });

  it('prints the wait in every code page, the ≈ as a tilde where a page lacks it', () => {
    expect(encodeText('≈ 12 хв', 'cp866').subarray(0, 1).toString('latin1')).toBe('~');
  });

  it('ends with a cut and carries the booking code as a QR', () => {
    const lines = layoutTicket(base, 48);
    expect(lines.at(-1)).toEqual({ kind: 'cut' });
    expect(lines.filter((l) => l.kind === 'qr')).toEqual([{ kind: 'qr', data: 'K7M2QX9P', cellSize: 6 }]);
  });

  it('refuses a booking code that is not printable ASCII, so the QR length is its byte count', () => {
    expect(() => layoutTicket({ ...base, code: 'КОД' }, 48)).toThrow(/printable ASCII/);
  });
});

describe('desk bus configuration', () => {
  it('takes one bus or a list of them, each with its driver', () => {
    expect(busesOf(testConfig({ deskBus: { path: '/dev/ttyUSB0' } }))).toEqual([{ path: '/dev/ttyUSB0', baudRate: 9600, driver: 'talon' }]);
    expect(busesOf(testConfig({ deskBus: [{ path: '/dev/ttyUSB0' }, { path: '/dev/ttyUSB1', driver: 'qsystem' }] })).map((b) => b.driver)).toEqual(['talon', 'qsystem']);
    expect(busesOf(testConfig())).toEqual([]);
  });
});
