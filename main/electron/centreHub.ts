/**
 * A centre's hub as the hub's utility process runs it (hubProcess.ts): the demo's day seeded when
 * asked. Its modules are imported late, because the store loads better-sqlite3's native binding,
 * which only the hub's process needs.
 */
import type { TalonConfig } from '../config/schema.js';
import { openLogger, teeToLines } from '../ops/logger.js';

export interface CentreHub {
  url: string;
  close(): Promise<void>;
}

export async function startCentreHub(config: TalonConfig, options: { demo: boolean; log: (line: string) => void }): Promise<CentreHub> {
  const [{ startCentre }, { describeDemoDay, seedDemoDay }] = await Promise.all([import('../hub/centre.js'), import('../hub/demoDay.js')]);
  // The packaged app logs where `talon serve` does: <data.dir>/logs (main/ops/logger.ts).
  const logger = await openLogger({ dataDir: config.data.dir, centre: config.centre.id });
  const centre = await startCentre(config, {
    log: teeToLines(logger.log, options.log),
    ...(options.demo && { prepare: (store) => options.log(describeDemoDay(seedDemoDay(store, config, Date.now()))) }),
  });
  return { url: centre.hub.url, close: () => centre.close().finally(() => logger.close()) };
}
