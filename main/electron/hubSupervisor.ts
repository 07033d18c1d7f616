/**
 * Keeps the hub's process running in a packaged app. It is supervised by how it ends: a hub that
 * ends on its own (a crash, an uncaught error, a port still held) is started again with back-off;
 * exit code HUB_EXIT_CONFIG (the store cannot be opened where the config says) is not retried and
 * is reported instead. The main process never runs or restarts a hub inside itself.
 */
import { createBackoff, type BackoffPolicy } from './backoff.js';
import { HUB_EXIT_CONFIG } from './hubMessages.js';

export interface StartedHub {
  url: string;
  /** Resolves with the exit code when the hub's process ends, for whatever reason. */
  exited: Promise<number>;
  /** Asks the hub to close its sockets and store, and resolves once its process has ended. */
  close(): Promise<void>;
}

export interface HubSupervisor {
  /** Resolves with the hub's URL once it first listens; rejects when it cannot be started at all. */
  readonly started: Promise<string>;
  /** The URL of the hub as last started. */
  url(): string;
  stop(): Promise<void>;
}

export const DEFAULT_HUB_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000, factor: 2 };

/** The error `started` rejects with when the hub's set-up is wrong. */
export class HubSetupError extends Error {
  override name = 'HubSetupError';
}

export function superviseHub(options: {
  start: () => Promise<StartedHub>;
  log: (line: string) => void;
  backoff?: BackoffPolicy;
  /** Uptime after which the hub counts as healthy and the back-off starts over. */
  stableAfterMs?: number;
  /** Called when the hub ended with HUB_EXIT_CONFIG after it had listened. */
  onSetupError?: (error: HubSetupError) => void;
}): HubSupervisor {
  const { start, log } = options;
  const backoff = createBackoff(options.backoff ?? DEFAULT_HUB_BACKOFF);
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let current: StartedHub | undefined;
  let lastUrl = '';
  let stopped = false;
  let everStarted = false;
  let pending: NodeJS.Timeout | undefined;
  let stable: NodeJS.Timeout | undefined;
  let announce: (url: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const started = new Promise<string>((resolve, reject) => {
    announce = resolve;
    fail = reject;
  });
  started.catch(() => undefined);

  const giveUp = (error: HubSetupError) => {
    log(`hub: ${error.message}; not starting it again until the set-up is fixed`);
    if (everStarted) options.onSetupError?.(error);
    else fail(error);
  };

  const attempt = async () => {
    pending = undefined;
    if (stopped) return;
    let hub: StartedHub;
    try {
      hub = await start();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === HUB_EXIT_CONFIG) return giveUp(new HubSetupError(describe(error)));
      schedule(`the hub did not start: ${describe(error)}`);
      return;
    }
    if (stopped) {
      await hub.close().catch(() => undefined);
      return;
    }
    current = hub;
    everStarted = true;
    lastUrl = hub.url;
    announce(hub.url);
    stable = setTimeout(() => backoff.reset(), stableAfterMs);
    void hub.exited.then((code) => {
      if (stopped || current !== hub) return;
      current = undefined;
      clearTimeout(stable);
      if (code === HUB_EXIT_CONFIG) giveUp(new HubSetupError(`the hub process ended with exit code ${code}`));
      else schedule(`the hub process ended with exit code ${code}`);
    });
  };

  const schedule = (why: string) => {
    const delay = backoff.next();
    log(`hub: ${why}; starting it again in ${delay} ms`);
    pending = setTimeout(() => void attempt(), delay);
  };

  void attempt();

  return {
    started,
    url: () => lastUrl,
    async stop() {
      stopped = true;
      clearTimeout(pending);
      clearTimeout(stable);
      const running = current;
      current = undefined;
      await running?.close();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
