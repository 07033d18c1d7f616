/**
 * A centre's hub assembled from its config: the store, the extensions the config asks for (printer,
 * desk bus, scanner, central link and same-day pool), and the hub itself. `talon start`/`serve` and
 * the packaged Electron app both start a centre through here.
 */
import { join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import type { Log } from '../core/log.js';
import type { Millis } from '../core/types.js';
import { openStore, type Store } from '../store/index.js';
import type { HubExtension, HubExtensions } from './extensions.js';
import { startHub, type RunningHub } from './server.js';
import { SpeechStatus } from './audioRoute.js';
import { DeskBusBridge } from './deskBusBridge.js';
import { HubPrinter } from './printing.js';
import { ScannerBridge } from './scannerBridge.js';
import { AlertsInUaBridge } from './alertsInUaBridge.js';
import { UkraineAlarmBridge } from './ukraineAlarmBridge.js';
import { CentralSyncLink, type CentralLinkOptions } from './centralLink.js';
import { PoolSameDayDesk } from './sameDayDesk.js';
import { SkewClock } from '../../sync/client/skewClock.js';
import { ProgressRelay } from './liveTicket/progressRelay.js';
import { startDailyBackups, type DailyBackupOptions, type DailyBackups } from '../ops/backups.js';
import { markHubRunning } from '../ops/hubLock.js';
import { consoleLog } from '../ops/logger.js';
import { tokenWarnings } from '../config/tokens.js';

export const STORE_FILE = 'talon.db';

export function storeFile(config: TalonConfig): string {
  return join(config.data.dir, STORE_FILE);
}

export interface CentreOptions {
  log?: Log;
  now?: () => Millis;
  /** Overrides config.hub.port (0 = any free port). */
  port?: number;
  /** Runs on the open store before the hub starts (the demo seeds its day here). */
  prepare?: (store: Store) => void;
  /** Extensions made outside the config, e.g. the demo's simulators. */
  extra?: HubExtension[];
  /** The central link's token and timers when not from config.central.tokenFile (the demo, tests). */
  central?: CentralLinkOptions;
  /** The daily backup's timing (main/ops/backups.ts); false: none. */
  backups?: Pick<DailyBackupOptions, 'firstAfterMs' | 'everyMs'> | false;
}

export interface RunningCentre {
  hub: RunningHub;
  store: Store;
  /** What extensionsFor made from the config (the central link, the same-day desk, …). */
  extensions: HubExtensions;
  backups: DailyBackups | null;
  close(): Promise<void>;
}

/**
 * The extensions the config asks for. Each device and link adds itself here. With `central`, the
 * link and the same-day desk share the sync tables; `clock` is the hub's clock, corrected by central.
 */
/** The hub clock's bounds from config.central (sync/client/skewClock.ts). */
const clockBounds = (c: NonNullable<TalonConfig['central']>) => ({ boundMs: c.clockSkewBoundMs, maxCorrectionMs: c.clockCorrectionMaxMs });

export function extensionsFor(config: TalonConfig, store: Store, clock?: SkewClock, link: CentralLinkOptions = {}): HubExtensions {
  const extensions: HubExtensions = {};
  if (config.central) {
    const central = new CentralSyncLink(config, store, clock ?? new SkewClock(Date.now, clockBounds(config.central)), link);
    extensions.link = central;
    extensions.sameDay = new PoolSameDayDesk(config, central.sync);
  }
  if (config.central) (extensions.others ??= []).push(new ProgressRelay(config, link.token ? { token: link.token } : {}));
  if (config.printer) extensions.printer = new HubPrinter(config.printer, { store });
  const others: HubExtension[] = [...(extensions.others ?? []), new SpeechStatus(config)];
  if (config.deskBus) others.push(new DeskBusBridge(config));
  if (config.scanner) others.push(new ScannerBridge(config.scanner));
  if (config.alerts.alertsInUa && config.alerts.sources.includes('alertsInUa')) others.push(new AlertsInUaBridge(config.alerts.alertsInUa, config.alerts.freezeTypes));
  if (config.alerts.ukraineAlarm && config.alerts.sources.includes('ukraineAlarm')) others.push(new UkraineAlarmBridge(config.alerts.ukraineAlarm, config.alerts.freezeTypes));
  extensions.others = others;
  return extensions;
}

export async function startCentre(config: TalonConfig, options: CentreOptions = {}): Promise<RunningCentre> {
  const store = openStore(storeFile(config));
  try {
    options.prepare?.(store);
    // The rules run on central's time when the local clock is off by more than the bound (docs/sync.md).
    const clock = config.central ? new SkewClock(options.now ?? Date.now, clockBounds(config.central)) : undefined;
    const extensions = extensionsFor(config, store, clock, options.central);
    extensions.others = [...(extensions.others ?? []), ...(options.extra ?? [])];
    const log = options.log ?? consoleLog();
    for (const warning of tokenWarnings(config)) log.warn({ component: 'hub', warning }, `a weak token: ${warning}`);
    const hub = await startHub({
      config,
      store,
      extensions,
      log,
      ...(clock ? { now: clock.now } : options.now && { now: options.now }),
      ...(options.port !== undefined && { port: options.port }),
    });
    const lock = markHubRunning(config.data.dir);
    const backups = options.backups === false ? null : startDailyBackups({ db: store.db, dataDir: config.data.dir, log, ...(options.now && { now: options.now }), ...options.backups });
    let closed = false;
    return {
      hub,
      store,
      extensions,
      backups,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await backups?.close();
          await hub.close();
        } finally {
          store.close();
          lock.release();
        }
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
