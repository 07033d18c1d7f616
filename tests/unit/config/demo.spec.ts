import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TOKENS, demoBookings, demoConfig } from '../../../main/config/demo.js';
import { configSchema } from '../../../main/config/schema.js';
import { bookingSchema } from '../../../sync/protocol/booking.js';
import { localDate, zonedInstant } from '../../../main/core/clock.js';
import type { Booking } from '../../../main/core/types.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talon-demo-'));
const config = demoConfig(dataDir);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const KYIV = 'Europe/Kyiv';
/** 2025-03-12 11:30 in Kyiv (UTC+2), a Wednesday morning. */
const NOW = zonedInstant('2025-03-12', '11:30', KYIV);
const bookings = demoBookings(config, NOW, 7);
const today = bookings.filter((b) => b.date === '2025-03-12');
const tomorrow = bookings.filter((b) => b.date === '2025-03-13');

const at = (b: Booking) => zonedInstant(b.date, b.time, KYIV);
const byNumber = (list: Booking[]) => [...list].sort((a, b) => a.number - b.number);

describe('demoConfig', () => {
  it('passes the config schema unchanged', () => {
    expect(configSchema.parse(config)).toEqual(config);
  });

  it('describes centre 8041 in Kyiv that freezes during alerts and says where its shelter is', () => {
    expect(config.centre).toMatchObject({ id: '8041', name: 'ТСЦ МВС № 8041 (демо)', timezone: KYIV, worksDuringAlert: false });
    expect(config.centre.shelter?.uk).toMatch(/^Укриття в підвалі/);
    expect(config.centre.shelter?.en).toMatch(/^The shelter is in the basement/);
    expect(config.services.map((s) => s.code)).toEqual(['THEORY_EXAM', 'PRACTICAL_EXAM', 'VEHICLE_REG', 'DL_EXCHANGE', 'DL_PICKUP']);
    expect(config.services.every((s) => s.uk.length > 0 && s.en.length > 0)).toBe(true);
  });

  it('listens on loopback only, so its public tokens stay off the LAN', () => {
    expect(config.hub.host).toBe('127.0.0.1');
    expect(config.hub.port).toBe(7300);
  });

  it('gives six desks, the kiosk and the admin the tokens DEMO_TOKENS lists', () => {
    expect(config.desks.map((d) => [d.number, d.token])).toEqual([
      [1, 'demo-desk-1'],
      [2, 'demo-desk-2'],
      [3, 'demo-desk-3'],
      [4, 'demo-desk-4'],
      [5, 'demo-desk-5'],
      [6, 'demo-desk-6'],
    ]);
    expect(DEMO_TOKENS.desks.map((d) => d.token)).toEqual(config.desks.map((d) => d.token));
    expect(config.hub.kioskTokens).toEqual([DEMO_TOKENS.kiosk]);
    expect(config.hub.adminTokens).toEqual([DEMO_TOKENS.admin]);
  });

  it('serves every service at some desk and keeps its data in the given directory', () => {
    const served = new Set(config.desks.flatMap((d) => d.services));
    expect([...served].sort()).toEqual(config.services.map((s) => s.code).sort());
    expect(config.data.dir).toBe(dataDir);
  });
});

describe('demoBookings', () => {
  it('makes bookings that all pass the booking schema', () => {
    expect(bookings.length).toBeGreaterThan(100);
    for (const b of bookings) expect(bookingSchema.parse(b)).toEqual(b);
  });

  it('dates every booking today in the centre timezone except a few for tomorrow', () => {
    expect(today.length + tomorrow.length).toBe(bookings.length);
    expect(tomorrow.length).toBeGreaterThan(0);
    expect(tomorrow.length).toBeLessThan(10);
    expect(bookings.every((b) => b.centre === '8041')).toBe(true);
  });

  it('places today’s slots from two hours before now to four hours after', () => {
    const times = today.map(at);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 2 * 3600_000);
    expect(Math.min(...times)).toBeLessThan(NOW - 90 * 60_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW + 4 * 3600_000);
    expect(Math.max(...times)).toBeGreaterThan(NOW + 3 * 3600_000);
  });

  it('puts slots on a five-minute grid, as central does', () => {
    expect(bookings.every((b) => Number(b.time.slice(3)) % 5 === 0)).toBe(true);
  });

  it('books only services that some desk offers, and every desk service gets slots', () => {
    const offered = new Set(config.desks.flatMap((d) => d.services));
    expect(today.every((b) => offered.has(b.service))).toBe(true);
    expect(new Set(today.map((b) => b.service))).toEqual(offered);
  });

  it('numbers regular bookings from 1000 upward in slot-time order, per day', () => {
    for (const day of [today, tomorrow]) {
      const regular = byNumber(day.filter((b) => b.priority === null));
      expect(regular.map((b) => b.number)).toEqual(regular.map((_, i) => 1000 + i));
      for (let i = 1; i < regular.length; i++) expect(at(regular[i]!)).toBeGreaterThanOrEqual(at(regular[i - 1]!));
    }
  });

  it('numbers priority bookings from 1 in slot-time order, about one in twenty', () => {
    const priority = byNumber(today.filter((b) => b.priority !== null));
    expect(priority.map((b) => b.number)).toEqual(priority.map((_, i) => 1 + i));
    for (let i = 1; i < priority.length; i++) expect(at(priority[i]!)).toBeGreaterThanOrEqual(at(priority[i - 1]!));
    expect(priority.length / today.length).toBeGreaterThan(0.01);
    expect(priority.length / today.length).toBeLessThan(0.12);
  });

  it('cancels a few bookings and raises their version', () => {
    const cancelled = today.filter((b) => b.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.length / today.length).toBeLessThan(0.1);
    expect(cancelled.every((b) => b.version > 1)).toBe(true);
  });

  it('mixes online, app and terminal bookings', () => {
    const channels = new Set(today.map((b) => b.channel));
    expect(channels).toEqual(new Set(['online', 'app', 'terminal']));
  });

  it('gives unique ids and unique eight-character codes without 0, O, 1 or I', () => {
    expect(new Set(bookings.map((b) => b.id)).size).toBe(bookings.length);
    expect(new Set(bookings.map((b) => b.code)).size).toBe(bookings.length);
    for (const b of bookings) expect(b.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });

  it('returns the same bookings for the same seed and time', () => {
    expect(demoBookings(config, NOW, 7)).toEqual(bookings);
  });

  it('returns other codes for another seed', () => {
    const other = demoBookings(config, NOW, 8);
    expect(other.map((b) => b.code)).not.toEqual(bookings.map((b) => b.code));
  });

  it('keeps late-evening bookings inside today and still adds tomorrow ones', () => {
    const late = zonedInstant('2025-03-12', '23:30', KYIV);
    const list = demoBookings(config, late);
    const todays = list.filter((b) => b.date === '2025-03-12');
    expect(todays.length).toBeGreaterThan(20);
    expect(todays.every((b) => b.time >= '21:30' && b.time <= '23:59')).toBe(true);
    expect(list.filter((b) => b.date !== '2025-03-12').every((b) => b.date === '2025-03-13')).toBe(true);
  });

  it('starts just after midnight at 00:00 rather than on the day before', () => {
    const early = zonedInstant('2025-03-12', '00:20', KYIV);
    const list = demoBookings(config, early, 3);
    expect(list.every((b) => b.date === '2025-03-12' || b.date === '2025-03-13')).toBe(true);
    const firstToday = Math.min(...list.filter((b) => b.date === '2025-03-12').map(at));
    expect(firstToday).toBeGreaterThanOrEqual(zonedInstant('2025-03-12', '00:00', KYIV));
    expect(firstToday).toBeLessThan(zonedInstant('2025-03-12', '00:10', KYIV));
  });

  it("uses the centre's timezone for today, not the machine's", () => {
    // 23:30 UTC is already the next day in Kyiv.
    const utcLate = Date.UTC(2025, 6, 1, 23, 30);
    const list = demoBookings(config, utcLate);
    expect(localDate(utcLate, KYIV)).toBe('2025-07-02');
    expect(list.filter((b) => b.date === '2025-07-02').length).toBeGreaterThan(20);
    expect(list.every((b) => b.date === '2025-07-02' || b.date === '2025-07-03')).toBe(true);
  });
});
