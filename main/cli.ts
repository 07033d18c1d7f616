/**
 * The `talon` command. `start` runs the centre (Electron where it can start, else the same hub
 * headless); `serve` runs the hub headless; `import-bookings` loads a day when central is unreachable.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BookingFileError, readBookingFile } from './config/bookingFile.js';
import { DEMO_TOKENS, demoConfig } from './config/demo.js';
import { ConfigError, loadConfig } from './config/load.js';
import { configSchema, type TalonConfig } from './config/schema.js';
import { CENTRAL_USAGE, centralCommand, runCentral } from './commands/central.js';
import type { RunningCentral } from '../sync/central/server.js';
import { startCentre, storeFile, type RunningCentre } from './hub/centre.js';
import { ensureRendererBuilt } from './hub/rendererBuild.js';
import { describeDemoCodes, describeDemoDay, pickDemoCodes } from './hub/demoDay.js';
import { demoBookingsOn } from '../sync/central/demoSeed.js';
import { addDays } from '../sync/central/calendar.js';
import { localDate } from './core/clock.js';
import type { RunningHub } from './hub/server.js';
import { MigrationError, openStore } from './store/index.js';
import { busSim, BusSimUsageError } from './commands/busSim.js';
import { startDemoBus, type DemoBus } from './commands/demoBus.js';
import { printTest } from './commands/printTest.js';
import { hashPin } from './commands/hashPin.js';
import { newToken } from './config/tokens.js';
import { SIMULATE_USAGE, simulateDayCommand, SimUsageError } from './commands/simulateDay.js';
import { isLogLevel, openLogger, type OpenLogger } from './ops/logger.js';
import { uncaughtPoint } from './hub/crashPoint.js';
import { talonVersion } from './ops/version.js';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './commands/backup.js';
import { DOCTOR_USAGE, doctorCommand } from './commands/doctor.js';
import { EVENTS_USAGE, eventsCommand } from './commands/events.js';
import { stackOf, type Log, type LogLevel } from './core/log.js';

/** The demo terminal's token at the demo's in-process central (public, like the demo's other tokens). */
export const DEMO_TERMINAL_TOKEN = 'demo-terminal-8041';

const USAGE = `talon — on-site queue terminal

Usage:
  talon start [--config FILE] [--headless] [--port N] [--log-level L]
                                                        run the centre (Electron if it can start, else headless)
  talon serve [--config FILE] [--port N] [--log-level L]
                                                        run the hub headless; logs go to <data.dir>/logs
  talon import-bookings FILE [--config FILE]            load bookings from a JSON file (central's booking shape)
  talon print-test [--config FILE]                      print a sample ticket on the configured printer
  talon bus-sim --path PTY [--addresses 1-6] [--driver talon|qsystem] [--baud 9600] [--contact ADDR]
                                                        desk displays and keypads on the far end of a serial line;
                                                        with --contact, a dry-contact module (type "contact on"/"contact off")
${CENTRAL_USAGE}
  talon hash-pin < PIN                                  the app.exitPin value for a technician's exit PIN
  talon token new                                       print a new random 128-bit token (docs/security.md)
${SIMULATE_USAGE}
${BACKUP_USAGE}
${DOCTOR_USAGE}
${EVENTS_USAGE}
  talon --version                                       print the version
  talon help

Without --config, TALON_CONFIG or ./talon.yaml is used; with none of them, the built-in demo centre.`;

export interface Loaded {
  config: TalonConfig;
  configPath: string | null;
  demo: boolean;
}

/** The config named, or the one in the usual places, or the demo centre. */
export function resolveConfig(explicit: string | undefined, cwd = process.cwd(), env = process.env): Loaded {
  const named = explicit ?? env.TALON_CONFIG;
  if (named) return { config: loadConfig(resolve(cwd, named)), configPath: resolve(cwd, named), demo: false };
  const local = join(cwd, 'talon.yaml');
  if (existsSync(local)) return { config: loadConfig(local), configPath: local, demo: false };
  return { config: demoConfig(join(cwd, '.talon-data', 'demo')), configPath: null, demo: true };
}

function printDemoTokens(url: string): void {
  console.log('Demo centre tokens (public, loopback only):');
  console.log(`  kiosk  ${DEMO_TOKENS.kiosk}`);
  console.log(`  admin  ${DEMO_TOKENS.admin}`);
  for (const d of DEMO_TOKENS.desks) console.log(`  desk ${d.desk} ${d.token}`);
  console.log(`Try: curl ${url}/health`);
}

/**
 * The demo centre syncs with an in-process reference central server on loopback: today's bookings
 * come from central's slots and seeded citizens, the kiosk's same-day pool and licences from central.
 */
async function demoCentral(config: TalonConfig, log: Log): Promise<{ config: TalonConfig; central: RunningCentral; token: string }> {
  const token = DEMO_TERMINAL_TOKEN;
  const central = await runCentral({
    config, terminalToken: token, file: join(config.data.dir, 'central.db'), demo: true, log,
    seeded: (counts) => console.log(describeDemoDay(counts)),
  });
  const tokenFile = join(config.data.dir, 'central.token');
  const withCentral: TalonConfig = {
    ...config,
    central: configSchema.shape.central.unwrap().parse({ url: central.url, tokenFile }),
    alerts: { ...config.alerts, sources: [...new Set([...config.alerts.sources, 'central' as const])] },
  };
  return { config: withCentral, central, token };
}

async function runCentre(loaded: Loaded, port: number | undefined, logger: OpenLogger): Promise<RunningCentre> {
  let { config } = loaded;
  let central: RunningCentral | null = null;
  let token: string | undefined;
  if (loaded.demo) ({ config, central, token } = await demoCentral(config, logger.log));
  if (central) {
    const now = Date.now();
    const today = localDate(now, config.centre.timezone);
    for (const line of describeDemoCodes(pickDemoCodes(demoBookingsOn(central.central, config.centre.id, [today, addDays(today, 1)]), config, now))) console.log(line);
  }
  let demoBus: DemoBus | null = null;
  if (loaded.demo) {
    // The demo's desks get displays and keypads: the bus simulator on the far end of a socat pty pair.
    const addresses = config.desks.flatMap((d) => (d.bus ? [d.bus.address] : []));
    demoBus = await startDemoBus(config.data.dir, addresses).catch((err: unknown) => {
      console.log(`Demo desk bus not started: ${(err as Error).message}`);
      return null;
    });
    if (demoBus) config = { ...config, deskBus: { path: demoBus.hubPath, baudRate: 9600, driver: 'talon' } };
    else console.log('Demo desk bus: socat is not installed, so the desks have no displays or keypads');
    console.log(`Demo printer: a virtual printer on loopback; its tickets are PNGs in ${join(config.data.dir, 'tickets')}`);
  }
  const centre = await startCentre(config, {
    log: logger.log,
    ...(port === undefined ? {} : { port }),
    ...(token && { central: { token } }),
  });
  const stop = async (signal: string) => {
    logger.log.info({ component: 'talon', signal }, 'stopping');
    await centre.close();
    await central?.close();
    await demoBus?.close();
    await logger.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return centre;
}

function printUrls(hub: RunningHub): void {
  console.log(`READY ${hub.url}`);
  for (const page of ['kiosk', 'board', 'desk', 'admin']) console.log(`  ${page.padEnd(6)} ${hub.url}/${page}`);
  console.log(`  health ${hub.url}/health`);
}

/** What `talon serve` exits with after an error nothing else caught (EX_SOFTWARE), so a supervisor restarts it. */
export const LAST_RESORT_EXIT = 70;

/**
 * `talon serve`'s last resort: an exception or a rejection nothing caught leaves the hub in a state
 * no one knows, so it is logged once, with its stack, and the process exits non-zero for the
 * supervisor (systemd, the Electron shell) to start it afresh, rather than going on.
 */
function lastResort(logger: OpenLogger): void {
  let dying = false;
  const die = (kind: string) => (err: unknown) => {
    if (dying) return;
    dying = true;
    const stack = stackOf(err);
    process.stderr.write(`talon serve: ${kind}, exiting ${LAST_RESORT_EXIT}: ${stack}\n`);
    try {
      logger.log.fatal({ component: 'talon', kind, err: stack }, 'an error nothing caught; exiting so the supervisor restarts the hub');
    } catch {
      // The line on stderr is the record then.
    }
    setTimeout(() => process.exit(LAST_RESORT_EXIT), 1000).unref();
    void logger.close().finally(() => process.exit(LAST_RESORT_EXIT));
  };
  process.on('uncaughtException', die('uncaughtException'));
  process.on('unhandledRejection', die('unhandledRejection'));
}

async function start(args: string[], allowElectron: boolean): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { config: { type: 'string' }, headless: { type: 'boolean' }, port: { type: 'string' }, 'log-level': { type: 'string' } },
  });
  const loaded = resolveConfig(values.config);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port ${values.port} is not a port number`);
  const level = values['log-level'] ?? process.env.TALON_LOG_LEVEL ?? 'info';
  if (!isLogLevel(level)) throw new UsageError(`--log-level ${level} is not one of trace, debug, info, warn, error, fatal`);
  const logger = await openLogger({ dataDir: loaded.config.data.dir, level: level as LogLevel, centre: loaded.config.centre.id });
  if (!allowElectron) lastResort(logger);
  logger.log.info({ component: 'talon', version: talonVersion(), pid: process.pid, demo: loaded.demo }, 'starting');
  // In a checkout the pages are built from renderer/ when missing or stale; a packaged app ships them built.
  await ensureRendererBuilt(logger.log);
  const { hub } = await runCentre(loaded, port, logger);
  printUrls(hub);
  if (!allowElectron) uncaughtPoint();
  if (loaded.demo) printDemoTokens(hub.url);
  if (!allowElectron || values.headless) return;
  const { findElectron, launchElectron } = await import('./electron/launch.js');
  const found = findElectron();
  if (!found.ok) {
    console.log(`Electron cannot start here (${found.reason}); the hub runs headless at ${hub.url}.`);
    return;
  }
  const child = launchElectron({ binary: found.binary, hubUrl: hub.url, configPath: loaded.configPath, log: (l) => console.log(l) });
  // The windows go with the hub they show.
  process.once('exit', () => child.kill());
  child.on('exit', (code) => {
    if (code === 0) process.kill(process.pid, 'SIGTERM');
    else console.log(`Electron exited with code ${code}; the hub keeps running headless at ${hub.url}.`);
  });
}

function importBookings(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import-bookings takes one FILE');
  const bookings = readBookingFile(resolve(file));
  const { config } = resolveConfig(values.config);
  const foreign = bookings.filter((b) => b.centre !== config.centre.id);
  const store = openStore(storeFile(config));
  try {
    const counts = store.upsertBookings(bookings);
    console.log(`imported ${bookings.length} bookings into ${storeFile(config)}: ${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged`);
    if (foreign.length) console.log(`note: ${foreign.length} of them belong to another centre than ${config.centre.id}; check-in will refuse them`);
  } finally {
    store.close();
  }
}

class UsageError extends Error {
  override name = 'UsageError';
}

const COMMANDS = ['start', 'serve', 'import-bookings', 'print-test', 'bus-sim', 'central', 'token', 'help'];

/** `talon COMMAND --help`: that command's lines of the usage (with their continuation lines). */
export function helpFor(command: string): string {
  const lines = USAGE.split('\n');
  const own: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(`  talon ${command}`)) continue;
    own.push(lines[i]!);
    while (lines[i + 1]?.startsWith('      ')) own.push(lines[++i]!);
  }
  return `Usage:\n${own.join('\n')}\n\n${lines[lines.length - 1]}`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Every subcommand answers --help before parsing its own options (which would refuse the flag).
  if (command && COMMANDS.includes(command) && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(helpFor(command));
    return 0;
  }
  try {
    switch (command) {
      case 'start':
        await start(rest, true);
        return 0;
      case 'serve':
        await start(rest, false);
        return 0;
      case 'import-bookings':
        importBookings(rest);
        return 0;
      case 'print-test': {
        const { values } = parseArgs({ args: rest, options: { config: { type: 'string' } } });
        return await printTest(resolveConfig(values.config).config);
      }
      case 'bus-sim':
        return await busSim(rest);
      case 'simulate-day':
        return await simulateDayCommand(rest);
      case 'doctor':
        return await doctorCommand(rest, (explicit) => resolveConfig(explicit));
      case 'events':
        return await eventsCommand(rest, (explicit) => resolveConfig(explicit));
      case 'backup':
        return await backupCommand(rest, (explicit) => resolveConfig(explicit));
      case 'restore':
        return await restoreCommand(rest, (explicit) => resolveConfig(explicit));
      case 'central':
        await centralCommand(rest, (explicit) => resolveConfig(explicit));
        return 0;
      case 'hash-pin':
        return await hashPin(process.stdin, (line) => console.log(line));
      case 'token':
        if (rest.length !== 1 || rest[0] !== 'new') throw new UsageError('token takes one subcommand: talon token new');
        console.log(newToken());
        return 0;
      case undefined:
      case '--version':
      case '-v':
      case 'version':
        console.log(talonVersion());
        return 0;
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BookingFileError || err instanceof MigrationError) {
      console.error(`talon: ${err.message}`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof BusSimUsageError || err instanceof SimUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`talon: ${(err as Error).message}\n\n${USAGE}`);
      return 64;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`talon: the port is already in use (${(err as Error).message}); is another hub running?`);
      return 3;
    }
    throw err;
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]).replace(/\.ts$/, '') === resolve(new URL(import.meta.url).pathname).replace(/\.ts$/, '');
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
