/**
 * A centre's hub assembled from its config: the store, the extensions the config asks for (printer,
 * desk bus, scanner, central link and same-day pool), and the hub itself. `talon start`/`serve` and
 * the packaged Electron app both start a centre through here.
 */
import { join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import type { Millis } from '../core/types.js';
import { openStore, type Store } from '../store/index.js';
import type { HubExtension, HubExtensions } from './extensions.js';
import { startHub, type RunningHub } from './server.js';

export const STORE_FILE = 'talon.db';

export function storeFile(config: TalonConfig): string {
  return join(config.data.dir, STORE_FILE);
}

export interface CentreOptions {
  log?: (line: string) => void;
  now?: () => Millis;
  /** Overrides config.hub.port (0 = any free port). */
  port?: number;
  /** Runs on the open store before the hub starts (the demo seeds its day here). */
  prepare?: (store: Store) => void;
  /** Extensions made outside the config, e.g. the demo's simulators. */
  extra?: HubExtension[];
}

export interface RunningCentre {
  hub: RunningHub;
  store: Store;
  close(): Promise<void>;
}

/** The extensions the config asks for. Each device and link adds itself here. */
export function extensionsFor(_config: TalonConfig, _store: Store): HubExtensions {
  return {};
}

export async function startCentre(config: TalonConfig, options: CentreOptions = {}): Promise<RunningCentre> {
  const store = openStore(storeFile(config));
  try {
    options.prepare?.(store);
    const extensions = extensionsFor(config, store);
    extensions.others = [...(extensions.others ?? []), ...(options.extra ?? [])];
    const hub = await startHub({
      config,
      store,
      extensions,
      ...(options.log && { log: options.log }),
      ...(options.now && { now: options.now }),
      ...(options.port !== undefined && { port: options.port }),
    });
    let closed = false;
    return {
      hub,
      store,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await hub.close();
        } finally {
          store.close();
        }
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
