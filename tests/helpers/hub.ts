/** A real hub on an ephemeral loopback port with a real SQLite file, and real socket.io clients. */
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { configSchema, type ConfigInput, type HubLimits, type TalonConfig } from '../../main/config/schema.js';
import { startHub, type RunningHub } from '../../main/hub/server.js';
import { openStore, type Store } from '../../main/store/index.js';
import type { Booking } from '../../main/core/types.js';
import type { HubExtensions } from '../../main/hub/extensions.js';
import type { Namespace, Snapshot } from '../../sync/protocol/hub.js';
import { memoryLog } from '../../main/core/log.js';
import { LOOSE_LIMITS } from './hubProcess.js';

export const TOKENS = {
  kiosk: 'kiosk-token-1',
  admin: 'admin-token-1',
  desk: (n: number) => `desk-token-${n}`,
};

export function testConfig(over: Partial<ConfigInput> = {}, dataDir = '/tmp'): TalonConfig {
  return configSchema.parse({
    centre: { id: '8041', name: 'ТСЦ МВС № 8041', timezone: 'Europe/Kyiv', worksDuringAlert: false },
    services: [
      { code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" },
      { code: 'THEORY_EXAM', uk: 'Теоретичний іспит', en: 'Theory exam' },
    ],
    desks: [1, 2, 3].map((n) => ({ number: n, services: n === 3 ? ['THEORY_EXAM'] : ['DL_EXCHANGE', 'THEORY_EXAM'], token: TOKENS.desk(n) })),
    hub: { host: '127.0.0.1', port: 0, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin] },
    data: { dir: dataDir },
    ...over,
  });
}

/**
 * Limits loose enough that a test sending hundreds of events from one socket is not refused; the
 * limits' own tests (tests/integration/hub/limits.spec.ts) set theirs. The same as a hub process's.
 */
export const TEST_LIMITS: Partial<HubLimits> = LOOSE_LIMITS;

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: number) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestHub {
  hub: RunningHub;
  /** Everything the hub logged. */
  log: ReturnType<typeof memoryLog>;
  store: Store;
  file: string;
  config: TalonConfig;
  clients: Socket[];
  client(ns: Namespace, token?: string, lang?: 'uk' | 'en'): Socket;
  stop(): Promise<void>;
}

export async function startTestHub(
  dir: string,
  clock: TestClock,
  bookings: Booking[] = [],
  config = testConfig({}, dir),
  extensions: HubExtensions = {},
  limits: Partial<HubLimits> = TEST_LIMITS,
): Promise<TestHub> {
  const file = join(dir, 'talon.db');
  const store = openStore(file, clock.now());
  if (bookings.length) store.upsertBookings(bookings);
  const log = memoryLog();
  const hub = await startHub({ config, store, now: clock.now, log, port: 0, host: '127.0.0.1', sweepEveryMs: 0, statsEveryMs: 10, extensions, limits });
  const clients: Socket[] = [];
  return {
    hub,
    log,
    store,
    file,
    config,
    clients,
    client(ns, token, lang) {
      const socket = connect(`${hub.url}/${ns}`, {
        auth: { ...(token ? { token } : {}), ...(lang ? { lang } : {}) },
        transports: ['websocket'],
        reconnectionDelay: 50,
        reconnectionDelayMax: 200,
      });
      clients.push(socket);
      return socket;
    },
    async stop() {
      for (const c of clients) c.close();
      await hub.close();
      store.close();
    },
  };
}

/** The next `event` the socket receives. */
export function next<T = unknown>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Connects and resolves with the snapshot the hub sends on connect. */
export async function connected(socket: Socket): Promise<Snapshot> {
  return next<Snapshot>(socket, 'snapshot');
}

let ids = 0;
export function cmdId(): string {
  ids++;
  return `cmd-${process.pid}-${ids}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Emits with an ack and resolves with the ack. */
export function ask<T = Record<string, unknown>>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return payload === undefined ? socket.timeout(5000).emitWithAck(event) : socket.timeout(5000).emitWithAck(event, payload);
}
