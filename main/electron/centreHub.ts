/**
 * The hub inside a packaged app's main process. Its modules are imported here, late, because the
 * store loads better-sqlite3's native binding: in development the hub runs in plain Node instead
 * (npm start) and Electron must never load a binding built for Node's ABI.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TalonConfig } from '../config/schema.js';
import type { StartedHub } from './hubSupervisor.js';

/** The floor's database, in the configured data directory. */
export const STORE_FILE = 'talon.db';

export async function startCentreHub(config: TalonConfig, options: { demo: boolean; log: (line: string) => void }): Promise<StartedHub> {
  const [{ openStore }, { startHub }] = await Promise.all([import('../store/index.js'), import('../hub/server.js')]);
  mkdirSync(config.data.dir, { recursive: true });
  const store = openStore(join(config.data.dir, STORE_FILE));
  try {
    if (options.demo) {
      const { describeDemoDay, seedDemoDay } = await import('../hub/demoDay.js');
      options.log(describeDemoDay(seedDemoDay(store, config, Date.now())));
    }
    const hub = await startHub({ config, store, log: options.log });
    return {
      url: hub.url,
      close: async () => {
        try {
          await hub.close();
        } finally {
          store.close();
        }
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
