/** A real reference central server and a real hub on loopback, sharing a test clock. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { configSchema, type TalonConfig } from '../../../main/config/schema.js';
import { startCentre, type RunningCentre } from '../../../main/hub/centre.js';
import type { CentralSyncLink } from '../../../main/hub/centralLink.js';
import type { CentreDef } from '../../../sync/central/central.js';
import { bookOnline } from '../../../sync/central/citizenBooking.js';
import { startCentral, type RunningCentral } from '../../../sync/central/server.js';
import { licenceSeeds } from '../../../sync/central/seeds/004_licences.js';
import { seedLicences } from '../../../sync/central/licences.js';
import type { WireBooking } from '../../../sync/protocol/booking.js';
import { at } from '../../helpers/floor.js';
import { connected, TestClock, TOKENS } from '../../helpers/hub.js';
import { memoryLog, silentLog, type Log, type LogEntry } from '../../../main/core/log.js';

export const CENTRE = '8041';
export const TERMINAL_TOKEN = 'terminal-token-8041';

export function centreDef(): CentreDef {
  return {
    id: CENTRE,
    name: 'ТСЦ МВС № 8041',
    services: [
      { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange", minutes: 15 },
      { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam', minutes: 20, exam: true },
      { code: 'DL_PICKUP', uk: 'Отримання посвідчення', en: 'Licence pickup', minutes: 10 },
    ],
    desks: [
      { number: 1, services: ['DL_EXCHANGE', 'DL_PICKUP'] },
      { number: 2, services: ['DL_EXCHANGE', 'THEORY_EXAM'] },
      { number: 3, services: ['THEORY_EXAM'] },
    ],
    terminals: { 'hub-1': TERMINAL_TOKEN },
  };
}

export function hubConfig(dir: string, centralUrl: string, sources: ('manual' | 'central')[] = ['manual', 'central']): TalonConfig {
  const tokenFile = join(dir, 'central.token');
  writeFileSync(tokenFile, `${TERMINAL_TOKEN}\n`);
  return configSchema.parse({
    centre: { id: CENTRE, name: 'ТСЦ МВС № 8041', timezone: 'Europe/Kyiv', worksDuringAlert: false },
    services: [
      { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
      { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam' },
      { code: 'DL_PICKUP', uk: 'Отримання посвідчення', en: 'Licence pickup' },
    ],
    desks: [1, 2, 3].map((n) => ({
      number: n,
      services: n === 1 ? ['DL_EXCHANGE', 'DL_PICKUP'] : n === 2 ? ['DL_EXCHANGE', 'THEORY_EXAM'] : ['THEORY_EXAM'],
      token: TOKENS.desk(n),
    })),
    hub: { host: '127.0.0.1', port: 0, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin] },
    central: { url: centralUrl, tokenFile, pollEveryMs: 200, retryMinMs: 50, retryMaxMs: 200, pageSize: 50 },
    alerts: { sources },
    data: { dir },
  });
}

export async function startTestCentral(clock: TestClock, file = ':memory:', port = 0, log: Log = silentLog): Promise<RunningCentral> {
  return startCentral({
    file,
    port,
    now: clock.now,
    difficulty: 4,
    adminToken: 'central-admin',
    log,
    setup: (c) => {
      c.addCentre(centreDef());
      seedLicences(c, licenceSeeds(CENTRE));
    },
  });
}

let person = 0;
/** A citizen's online booking through central's rules (no proof of work: the domain call). */
export function citizenBooks(central: RunningCentral, date: string, time: string, service = 'DL_EXCHANGE'): WireBooking {
  person++;
  return bookOnline(central.central, {
    centre: CENTRE, service, date, time, person: { kind: 'taxId', value: String(2000000000 + person) }, priority: null, channel: 'online',
  });
}

export interface TestCentre {
  centre: RunningCentre;
  link: CentralSyncLink;
  logs: LogEntry[];
  client(ns: 'kiosk' | 'desk' | 'admin' | 'board', token?: string): Socket;
  stop(): Promise<void>;
}

/** A hub started as `talon serve` starts it, with the sync loop off: tests run rounds by hand. */
export async function startSyncedHub(config: TalonConfig, clock: TestClock, autoStart = false): Promise<TestCentre> {
  const log = memoryLog();
  const logs = log.entries;
  const centre = await startCentre(config, { now: clock.now, port: 0, log, central: { autoStart, random: () => 0.5 } });
  const link = centre.extensions.link as CentralSyncLink;
  const sockets: Socket[] = [];
  let stopped: Promise<void> | null = null;
  return {
    centre,
    link,
    logs,
    client(ns, token) {
      const s = connect(`${centre.hub.url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'] });
      sockets.push(s);
      return s;
    },
    /** Stops the hub; again (a test that stopped it itself) does nothing more. */
    stop() {
      stopped ??= (async () => {
        for (const s of sockets) s.close();
        await centre.close();
      })();
      return stopped;
    },
  };
}

export interface SyncedFloor<B> {
  clock: TestClock;
  central: RunningCentral;
  hub: TestCentre;
  config: TalonConfig;
  /** What `book` made at central before the hub started. */
  booked: B;
  kiosk: Socket;
  /** Desk 1. */
  desk: Socket;
  admin: Socket;
}

/**
 * The set-up the hub + central tests share: a test clock at 09:30 of `day`, the reference central
 * (`startTestCentral`'s unless `central` starts another; `book` makes its bookings), a hub synced with it (`config` adjusts its configuration) after one
 * round, and a kiosk, desk 1 and an admin connected. Runs `body`, then stops both, failed or not.
 */
export async function withSyncedFloor<B = undefined>(
  dir: string,
  o: { day: string; book?: (central: RunningCentral) => B; config?: (config: TalonConfig) => void; central?: (clock: TestClock) => Promise<RunningCentral> },
  body: (f: SyncedFloor<B>) => Promise<void>,
): Promise<void> {
  const clock = new TestClock(at('09:30', o.day));
  const central = await (o.central ?? startTestCentral)(clock);
  try {
    const booked = o.book?.(central) as B;
    const config = hubConfig(dir, central.url);
    o.config?.(config);
    const hub = await startSyncedHub(config, clock);
    try {
      await hub.link.round();
      const [kiosk, desk, admin] = [hub.client('kiosk', TOKENS.kiosk), hub.client('desk', TOKENS.desk(1)), hub.client('admin', TOKENS.admin)];
      await Promise.all([kiosk, desk, admin].map(connected));
      await body({ clock, central, hub, config, booked, kiosk, desk, admin });
    } finally {
      await hub.stop();
    }
  } finally {
    await central.close();
  }
}

/** Waits until `check` holds, polling; fails after `ms`. For conditions, never to order events. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function centralEvents(central: RunningCentral): { id: string; type: string; outcome: string }[] {
  return central.central.db.prepare('SELECT id, type, outcome FROM events ORDER BY rowid').all() as { id: string; type: string; outcome: string }[];
}
