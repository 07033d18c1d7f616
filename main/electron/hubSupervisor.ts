/**
 * Keeps the in-process hub running in a packaged app: a hub that fails to start (the port still
 * held by a dying process, say) is retried with back-off, and `restart` replaces one that broke.
 */
import { createBackoff, type BackoffPolicy } from './backoff.js';

export interface StartedHub {
  url: string;
  close(): Promise<void>;
}

export interface HubSupervisor {
  /** Resolves with the hub's URL once it first listens. */
  readonly started: Promise<string>;
  /** The URL of the hub as last started. */
  url(): string;
  restart(reason: string): void;
  stop(): Promise<void>;
}

export const DEFAULT_HUB_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000, factor: 2 };

export function superviseHub(options: {
  start: () => Promise<StartedHub>;
  log: (line: string) => void;
  backoff?: BackoffPolicy;
  /** Uptime after which the hub counts as healthy and the back-off starts over. */
  stableAfterMs?: number;
}): HubSupervisor {
  const { start, log } = options;
  const backoff = createBackoff(options.backoff ?? DEFAULT_HUB_BACKOFF);
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let current: StartedHub | undefined;
  let lastUrl = '';
  let busy = false;
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;
  let stable: NodeJS.Timeout | undefined;
  let announce: (url: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => {
    announce = resolve;
  });

  const attempt = async () => {
    pending = undefined;
    if (stopped) return;
    try {
      current = await start();
    } catch (error) {
      schedule(`the hub did not start: ${describe(error)}`);
      return;
    }
    if (stopped) {
      await current.close().catch(() => undefined);
      return;
    }
    busy = false;
    lastUrl = current.url;
    announce(current.url);
    stable = setTimeout(() => backoff.reset(), stableAfterMs);
  };

  const schedule = (why: string) => {
    busy = true;
    const delay = backoff.next();
    log(`hub: ${why}; starting it again in ${delay} ms`);
    pending = setTimeout(() => void attempt(), delay);
  };

  busy = true;
  void attempt();

  return {
    started,
    url: () => lastUrl,
    restart(reason) {
      if (stopped || busy) return;
      clearTimeout(stable);
      const broken = current;
      current = undefined;
      schedule(reason);
      broken?.close().catch((error: unknown) => log(`hub: closing the broken hub failed: ${describe(error)}`));
    },
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
