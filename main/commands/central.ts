/**
 * `talon central`: the reference central booking server (sync/central) as its own process, and the
 * in-process one the demo centre syncs with. The centre it serves is described by a hub's config
 * (centre, services, desks, the terminal's token), so one file sets up both sides.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { localDate } from '../core/clock.js';
import type { Log } from '../core/log.js';
import { consoleLog } from '../ops/logger.js';
import type { TalonConfig } from '../config/schema.js';
import type { CentreDef } from '../../sync/central/central.js';
import { seedDemoCitizens } from '../../sync/central/demoSeed.js';
import { seedLicences } from '../../sync/central/licences.js';
import { licenceSeeds } from '../../sync/central/seeds/004_licences.js';
import { startCentral, type RunningCentral } from '../../sync/central/server.js';

/** Slot lengths of the usual services, in minutes; anything else gets 15. */
const MINUTES: Record<string, number> = { THEORY_EXAM: 20, PRACTICAL_EXAM: 30, VEHICLE_REG: 20, DL_EXCHANGE: 15, DL_PICKUP: 10 };

export function centreDefFrom(config: TalonConfig, terminalToken: string): CentreDef {
  return {
    id: config.centre.id,
    name: config.centre.name,
    timezone: config.centre.timezone,
    services: config.services.map((s) => ({ code: s.code, uk: s.uk, en: s.en, minutes: MINUTES[s.code] ?? 15, exam: s.code.endsWith('_EXAM') })),
    desks: config.desks.map((d) => ({ number: d.number, services: [...d.services] })),
    terminals: { [config.central?.terminal ?? 'hub-1']: terminalToken },
  };
}

export interface CentralRun {
  config: TalonConfig;
  terminalToken: string;
  file: string;
  host?: string;
  port?: number;
  adminToken?: string;
  /** Demo: seed licences and today's citizen bookings around now. */
  demo?: boolean;
  log?: Log;
  /** Demo: how many of today's bookings were made now, or kept from an earlier start. */
  seeded?: (counts: { generated: number; kept: number }) => void;
}

export function runCentral(o: CentralRun): Promise<RunningCentral> {
  return startCentral({
    file: o.file,
    ...(o.host && { host: o.host }),
    ...(o.port !== undefined && { port: o.port }),
    ...(o.adminToken && { adminToken: o.adminToken }),
    ...(o.log && { log: o.log }),
    setup: (central) => {
      const def = centreDefFrom(o.config, o.terminalToken);
      // A demo is tried at any hour of any day: its centre works round the clock, lunch included.
      if (o.demo) def.hours = new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, { open: '00:00', close: '23:59', lunchFrom: '13:00', lunchTo: '13:45' }]));
      central.addCentre(def);
      if (o.demo) {
        seedLicences(central, licenceSeeds(o.config.centre.id));
        const now = Date.now();
        const made = seedDemoCitizens(central, o.config.centre.id, now);
        o.seeded?.({ generated: made, kept: made ? 0 : central.db.prepare('SELECT count(*) FROM bookings WHERE centre = ? AND date = ?').pluck().get(o.config.centre.id, localDate(now, o.config.centre.timezone)) as number });
      }
    },
  });
}

export const CENTRAL_USAGE = '  talon central [--config FILE] [--db FILE] [--host H] [--port N] [--demo]   run the reference central booking server';

/** The command: `talon central`. Resolves when the server listens; it runs until SIGINT/SIGTERM. */
export async function centralCommand(args: string[], resolveConfig: (explicit: string | undefined) => { config: TalonConfig; demo: boolean }): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { config: { type: 'string' }, db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, demo: { type: 'boolean' } },
  });
  const { config, demo } = resolveConfig(values.config);
  const tokenFile = config.central?.tokenFile ?? join(config.data.dir, 'central.token');
  mkdirSync(dirname(tokenFile), { recursive: true });
  mkdirSync(config.data.dir, { recursive: true });
  const token = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : `terminal-${config.centre.id}-${Math.random().toString(36).slice(2, 14)}`;
  if (!existsSync(tokenFile)) writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  const adminFile = join(config.data.dir, 'central-admin.token');
  const adminToken = existsSync(adminFile) ? readFileSync(adminFile, 'utf8').trim() : `admin-${Math.random().toString(36).slice(2, 18)}`;
  if (!existsSync(adminFile)) writeFileSync(adminFile, `${adminToken}\n`, { mode: 0o600 });
  const port = values.port === undefined ? 7400 : Number(values.port);
  const central = await runCentral({
    config,
    terminalToken: token,
    file: values.db ?? join(config.data.dir, 'central.db'),
    host: values.host ?? '127.0.0.1',
    port,
    adminToken,
    demo: values.demo ?? demo,
    log: consoleLog(),
  });
  console.log(`READY ${central.url}`);
  console.log(`  terminal token in ${tokenFile}, admin token in ${adminFile}`);
  const stop = async (signal: string) => {
    console.log(`central: ${signal}, stopping`);
    await central.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
