import { describe, expect, it } from 'vitest';
import { personValue, printTrouble } from '../../../renderer/kiosk/screens.js';

describe('kiosk screens', () => {
  it('tells of printer trouble when printing failed or waits on a problem, not while it prints normally', () => {
    const view = (status: 'printing' | 'printed' | 'waiting' | 'failed' | 'none', problem: 'paper_out' | null = null) => ({ bookingId: 'b', status, problem });
    expect(printTrouble(view('failed'), 'ok')).toBe(true);
    expect(printTrouble(view('waiting', 'paper_out'), 'paper_out')).toBe(true);
    expect(printTrouble(view('printing'), 'cover_open')).toBe(true);
    expect(printTrouble(view('printing'), 'ok')).toBe(false);
    expect(printTrouble(view('printed'), 'paper_out')).toBe(false);
    expect(printTrouble(view('none'), 'none')).toBe(false);
  });

  it('writes a phone number as +380 and nine digits', () => {
    expect(personValue('phone', '501234567')).toBe('+380501234567');
    expect(personValue('taxId', '1234567890')).toBe('1234567890');
  });
});
