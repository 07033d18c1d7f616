import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDate, zonedInstant } from '../../../main/core/clock.js';
import { demoBookings, demoConfig } from '../../../main/config/demo.js';
import { pickDemoCodes, seedDemoDay } from '../../../main/hub/demoDay.js';
import { openStore } from '../../../main/store/index.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('the demo day', () => {
  it('picks codes that are on time, too early, cancelled and for tomorrow by the check-in window', () => {
    const config = demoConfig(tempDir());
    const now = zonedInstant('2026-03-10', '10:00', config.centre.timezone);
    const picked = pickDemoCodes(demoBookings(config, now), config, now);
    const slot = (b: { date: string; time: string }) => zonedInstant(b.date, b.time, config.centre.timezone);
    expect(picked.onTime.length).toBe(3);
    for (const b of picked.onTime) expect(slot(b) - 60 * 60_000 <= now && now <= slot(b) + 15 * 60_000).toBe(true);
    for (const b of picked.tooEarly) expect(slot(b) - 60 * 60_000).toBeGreaterThan(now);
    expect(picked.tooEarly.length).toBe(3);
    expect(picked.cancelled.length).toBeGreaterThan(0);
    expect(picked.cancelled.every((b) => b.status === 'cancelled' && b.date === '2026-03-10')).toBe(true);
    expect(picked.tomorrow.every((b) => b.date === '2026-03-11')).toBe(true);
    expect(picked.tomorrow.length).toBe(3);
  });

  it('generates a new day even though the day before already made a few bookings for it', () => {
    const dir = tempDir();
    const config = demoConfig(dir);
    const store = openStore(join(dir, 'talon.db'));
    const monday = zonedInstant('2026-03-09', '10:00', config.centre.timezone);
    expect(seedDemoDay(store, config, monday).generated).toBeGreaterThan(20);
    const tuesday = monday + 24 * 3600_000;
    expect(store.bookingCount(config.centre.id, localDate(tuesday, config.centre.timezone))).toBe(6);
    expect(seedDemoDay(store, config, tuesday).generated).toBeGreaterThan(20);
    expect(seedDemoDay(store, config, tuesday + 60_000)).toMatchObject({ generated: 0 });
    store.close();
  });
});
