/**
 * Crash points for the reliability tests (docs/architecture.md "Crash tests"): a named point where a
 * real hub process can be killed, to prove what survives. Honoured only when NODE_ENV is `test` and
 * TALON_TEST_CRASH_AT names the point; anywhere else it does nothing, so no config or client can
 * reach it.
 *
 * Points: `check-in-committed` (after a check-in's transaction committed, before its ticket is sent
 * to the printer); `uncaught-after-ready` and `rejected-after-ready` (an exception, or a rejection,
 * that nothing catches, just after `talon serve` is ready: for its last-resort handler).
 */
export type CrashPoint = 'check-in-committed' | 'uncaught-after-ready' | 'rejected-after-ready';

export function crashPoint(point: CrashPoint): void {
  if (process.env.NODE_ENV !== 'test' || process.env.TALON_TEST_CRASH_AT !== point) return;
  // SIGKILL, as a power cut would: no exit handler, no flush, nothing after this line runs.
  process.kill(process.pid, 'SIGKILL');
}

/** After `talon serve` is ready: an error nothing catches, when the test asks for one. */
export function uncaughtPoint(): void {
  if (process.env.NODE_ENV !== 'test') return;
  if (process.env.TALON_TEST_CRASH_AT === 'uncaught-after-ready') {
    setTimeout(() => {
      throw new Error('a test exception nothing catches');
    }, 10);
  }
  if (process.env.TALON_TEST_CRASH_AT === 'rejected-after-ready') void Promise.reject(new Error('a test rejection nothing catches'));
}
