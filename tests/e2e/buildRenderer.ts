/**
 * vitest globalSetup: builds the renderer once before the tests when renderer/dist is missing or older
 * than its sources (a few ms when it is fresh). A failed build does not stop other suites; the e2e
 * specs then fail on their own, naming the page that is missing.
 */
import { ensureRendererBuilt } from '../../main/hub/rendererBuild.js';
import { consoleLog } from '../../main/ops/logger.js';

export default async function setup(): Promise<void> {
  try {
    await ensureRendererBuilt(consoleLog());
  } catch (err) {
    console.error(`renderer build failed: ${(err as Error).message}`);
  }
}
