import { describe, expect, it } from 'vitest';
import { localParts, nextNumber, zonedInstant } from '../../../main/core/index.js';

describe('centre clock', () => {
  it('reads the local date and time of an instant in Kyiv in winter and summer', () => {
    expect(localParts(Date.UTC(2026, 0, 15, 7, 0), 'Europe/Kyiv')).toEqual({ date: '2026-01-15', time: '09:00' });
    expect(localParts(Date.UTC(2026, 6, 15, 6, 0), 'Europe/Kyiv')).toEqual({ date: '2026-07-15', time: '09:00' });
  });

  it('finds the instant of a local time on both sides of the spring change', () => {
    expect(zonedInstant('2026-03-28', '09:00', 'Europe/Kyiv')).toBe(Date.UTC(2026, 2, 28, 7, 0));
    expect(zonedInstant('2026-03-30', '09:00', 'Europe/Kyiv')).toBe(Date.UTC(2026, 2, 30, 6, 0));
  });

  it('reads the local date across midnight', () => {
    expect(localParts(Date.UTC(2026, 0, 15, 22, 30), 'Europe/Kyiv').date).toBe('2026-01-16');
  });
});

describe('numbering', () => {
  it('numbers regular bookings from 1000 and priority ones from 1', () => {
    expect(nextNumber([], false)).toBe(1000);
    expect(nextNumber([], true)).toBe(1);
    expect(nextNumber([1000, 1001, 3], false)).toBe(1002);
    expect(nextNumber([1000, 1001, 3], true)).toBe(4);
  });
});
