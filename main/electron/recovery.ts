/**
 * Keeps a window showing its page without anyone at the keyboard: a crashed or killed renderer is
 * reloaded, a hung one is killed and so reloaded, a failed load (the hub not up yet, or restarting)
 * is retried. Each retry waits longer than the last, up to a cap; a window that stays up resets it.
 */
import { createBackoff, type Backoff, type BackoffPolicy } from './backoff.js';
import type { WebContents } from './electronApi.js';

export interface RecoveryPolicy {
  crash: BackoffPolicy;
  load: BackoffPolicy;
  /** How long a page may stay unresponsive before its renderer is killed. */
  hangGraceMs: number;
  /** How long a window must stay up after loading (or reporting ready) to count as healthy again. */
  stableAfterMs: number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  crash: { firstMs: 1_000, maxMs: 30_000, factor: 2 },
  load: { firstMs: 500, maxMs: 10_000, factor: 2 },
  hangGraceMs: 10_000,
  stableAfterMs: 60_000,
};

/** Chromium's net::ERR_ABORTED: the load was superseded (by our own reload, say), not failed. */
const ERR_ABORTED = -3;

export interface WindowRecovery {
  /** The page said it is ready: start counting towards healthy. */
  markReady(): void;
}

export function superviseContents(options: {
  contents: WebContents;
  /** Loads the window's hub page afresh (not a reload: the hub's URL may have changed). */
  load: () => void;
  label: string;
  log: (line: string) => void;
  policy?: RecoveryPolicy;
}): WindowRecovery {
  const { contents, load, label, log } = options;
  const policy = options.policy ?? DEFAULT_RECOVERY;
  const crashes = createBackoff(policy.crash);
  const failedLoads = createBackoff(policy.load);
  let retry: NodeJS.Timeout | undefined;
  let hang: NodeJS.Timeout | undefined;
  let stable: NodeJS.Timeout | undefined;

  // One retry at a time: a failure while a retry is pending is already being handled.
  const scheduleLoad = (backoff: Backoff, why: string) => {
    clearTimeout(stable);
    if (retry !== undefined) return;
    const delay = backoff.next();
    log(`${label}: ${why}; loading again in ${delay} ms`);
    retry = setTimeout(() => {
      retry = undefined;
      if (!contents.isDestroyed()) load();
    }, delay);
  };

  const armStable = () => {
    clearTimeout(stable);
    stable = setTimeout(() => {
      crashes.reset();
      failedLoads.reset();
    }, policy.stableAfterMs);
  };

  contents.on('render-process-gone', (_event, details) => {
    clearTimeout(hang);
    hang = undefined;
    scheduleLoad(crashes, `renderer gone (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => {
    if (hang !== undefined) return;
    hang = setTimeout(() => {
      hang = undefined;
      if (contents.isDestroyed()) return;
      log(`${label}: unresponsive for ${policy.hangGraceMs} ms; killing its renderer`);
      contents.forcefullyCrashRenderer();
    }, policy.hangGraceMs);
  });
  contents.on('responsive', () => {
    clearTimeout(hang);
    hang = undefined;
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    scheduleLoad(failedLoads, `could not load ${validatedURL} (${errorDescription || errorCode})`);
  });
  contents.on('did-finish-load', armStable);
  contents.on('destroyed', () => {
    for (const timer of [retry, hang, stable]) clearTimeout(timer);
  });

  return { markReady: armStable };
}
