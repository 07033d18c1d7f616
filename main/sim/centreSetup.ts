/**
 * The simulated centre on both sides: its config file for the hub (desks, tokens, the link to the
 * in-process central on loopback) and its definition at the reference central server, with the
 * day's bookings seeded there as if citizens had booked online.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { configSchema, type ConfigInput } from '../config/schema.js';
import { Central, type CentreDef } from '../../sync/central/central.js';
import { openCentralDb } from '../../sync/central/db.js';
import type { WireBooking } from '../../sync/protocol/booking.js';
import { SIM_SERVICES, SimUsageError, type SimOptions } from './options.js';
import { deskServices, type DayPlan, type Seat } from './plan.js';

export const CENTRE = '8041';
export const TIMEZONE = 'Europe/Kyiv';
export const TERMINAL_TOKEN = 'sim-terminal-token-8041';
export const TOKENS = {
  kiosk: 'sim-kiosk-token-1',
  admin: 'sim-admin-token-1',
  desk: (n: number) => `sim-desk-token-${n}`,
};

export function centreDef(o: SimOptions): CentreDef {
  return {
    id: CENTRE,
    name: 'ТСЦ МВС № 8041 (симуляція)',
    timezone: TIMEZONE,
    services: SIM_SERVICES.map((s) => ({ code: s.code, uk: s.uk, en: s.en, minutes: s.minutes, exam: s.code.endsWith('_EXAM') })),
    desks: Array.from({ length: o.desks }, (_, i) => ({ number: i + 1, services: deskServices(i + 1, o.desks) })),
    terminals: { 'hub-1': TERMINAL_TOKEN },
  };
}

/** Every seat central opens on the day (a slot of capacity 3 is three seats), pool seats excepted. */
export function seatsOfDay(o: SimOptions, now: number): Seat[] {
  const central = new Central(openCentralDb(':memory:'), () => now);
  try {
    central.addCentre(centreDef(o));
    const rows = central.sql('SELECT service, time, capacity FROM slots WHERE centre = ? AND date = ? ORDER BY time, service').all(CENTRE, o.date) as {
      service: string; time: string; capacity: number;
    }[];
    return rows.flatMap((r) => Array.from({ length: r.capacity }, () => ({ service: r.service, time: r.time })));
  } finally {
    central.db.close();
  }
}

export const bookingId = (index: number) => `SIM-${String(index).padStart(4, '0')}`;
export const bookingCode = (index: number) => `SIMC${String(index).padStart(5, '0')}`;

/** Writes the day's bookings into central, numbered in slot order as central numbers a day. */
export function seedBookings(central: Central, o: SimOptions, plan: DayPlan): WireBooking[] {
  const bookings: WireBooking[] = plan.people.map((p) => ({
    id: bookingId(p.index), code: bookingCode(p.index), centre: CENTRE, service: p.service, date: o.date, time: p.time,
    number: central.takeNumber(CENTRE, o.date, p.priority), priority: p.priority ? 'military' : null,
    channel: p.index % 3 === 0 ? 'app' : 'online', status: 'active', version: 1,
  }));
  central.seedBookings(bookings.map((b, i) => ({ ...b, person: `taxId:${String(3000000000 + i)}` })));
  return bookings;
}

/** Whether the config schema knows `desks[].shelter` (desks standing in the shelter). */
export function shelterSupported(): boolean {
  const probe = {
    centre: { id: CENTRE, name: 'probe' },
    services: [{ code: 'A', uk: 'a', en: 'a' }],
    desks: [{ number: 1, services: ['A'], token: 'probe-token-1', shelter: true }],
  };
  return configSchema.safeParse(probe).success;
}

export function configFor(o: SimOptions, dir: string, port: number, centralUrl: string): string {
  if (o.shelterDesks > 0 && !shelterSupported()) {
    throw new SimUsageError('--shelter-desks: this build\'s config has no desks[].shelter yet');
  }
  const tokenFile = join(dir, 'central.token');
  writeFileSync(tokenFile, `${TERMINAL_TOKEN}\n`);
  const input: ConfigInput = {
    centre: { id: CENTRE, name: 'ТСЦ МВС № 8041 (симуляція)', timezone: TIMEZONE, worksDuringAlert: false },
    services: SIM_SERVICES.map((s) => ({ code: s.code, uk: s.uk, en: s.en })),
    desks: Array.from({ length: o.desks }, (_, i) => ({
      number: i + 1, services: deskServices(i + 1, o.desks), token: TOKENS.desk(i + 1),
      ...(i < o.shelterDesks ? { shelter: true } : {}),
    })),
    checkIn: { earliestMinutes: 60, latestMinutes: 15, reprints: 1 },
    hub: { host: '127.0.0.1', port, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin] },
    // The virtual clocks of hub and central agree by construction; a round trip spans several virtual
    // minutes, which must not read as a wrong local clock.
    central: { url: centralUrl, tokenFile, pollEveryMs: 200, retryMinMs: 50, retryMaxMs: 400, clockSkewBoundMs: 7 * 24 * 3600_000 },
    alerts: { sources: ['manual'] },
    data: { dir },
  };
  // Validated here, so a refusal names the field before any process starts.
  configSchema.parse(input);
  const path = join(dir, 'talon.yaml');
  writeFileSync(path, stringify(input));
  return path;
}

/** A free loopback port, kept by the hub across its restarts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
