/**
 * The hub inside a packaged app's main process. Its modules are imported here, late, because the
 * store loads better-sqlite3's native binding: in development the hub runs in plain Node instead
 * (npm start) and Electron must never load a binding built for Node's ABI.
 */
import type { TalonConfig } from '../config/schema.js';
import type { StartedHub } from './hubSupervisor.js';
import { openLogger, teeToLines } from '../ops/logger.js';

export async function startCentreHub(config: TalonConfig, options: { demo: boolean; log: (line: string) => void }): Promise<StartedHub> {
  const [{ startCentre }, { describeDemoDay, seedDemoDay }] = await Promise.all([import('../hub/centre.js'), import('../hub/demoDay.js')]);
  // The packaged app logs where `talon serve` does: <data.dir>/logs (main/ops/logger.ts).
  const logger = await openLogger({ dataDir: config.data.dir, centre: config.centre.id });
  const centre = await startCentre(config, {
    log: teeToLines(logger.log, options.log),
    ...(options.demo && { prepare: (store) => options.log(describeDemoDay(seedDemoDay(store, config, Date.now()))) }),
  });
  return { url: centre.hub.url, close: () => centre.close().finally(() => logger.close()) };
}
