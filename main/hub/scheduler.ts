/**
 * The hub's timers in one place (the no-show sweep, forgetting old commands, the daily retention
 * job, coalesced sends): each runs its job inside a guard, so a job that throws is logged with its
 * stack and runs again next time instead of stopping the process; disposing clears them all.
 */
import { stackOf, type Log } from '../core/log.js';
import type { Disposable } from './disposable.js';

/** The timer functions, so a test can drive them. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** A pending one-off job: `cancel` keeps it from running. */
export interface Pending {
  cancel(): void;
}

export class Scheduler implements Disposable {
  private readonly intervals = new Set<unknown>();
  private readonly timeouts = new Set<unknown>();
  private disposed = false;

  constructor(
    private readonly log: Log,
    private readonly timers: Timers = nodeTimers,
  ) {}

  private guarded(name: string, job: () => unknown): () => void {
    return () => {
      try {
        const result = job();
        if (result instanceof Promise) result.catch((err: unknown) => this.failed(name, err));
      } catch (err) {
        this.failed(name, err);
      }
    };
  }

  private failed(name: string, err: unknown): void {
    this.log.error({ job: name, err: stackOf(err) }, 'a scheduled job failed');
  }

  /** Runs `job` every `ms`; `ms <= 0` schedules nothing (a test runs the job by hand). */
  every(name: string, ms: number, job: () => unknown): Pending {
    if (this.disposed || ms <= 0) return { cancel: () => undefined };
    const handle = this.timers.setInterval(this.guarded(name, job), ms);
    this.intervals.add(handle);
    return {
      cancel: () => {
        if (this.intervals.delete(handle)) this.timers.clearInterval(handle);
      },
    };
  }

  /** Runs `job` once after `ms`. */
  after(name: string, ms: number, job: () => unknown): Pending {
    if (this.disposed) return { cancel: () => undefined };
    const run = this.guarded(name, job);
    const handle: unknown = this.timers.setTimeout(() => {
      this.timeouts.delete(handle);
      run();
    }, ms);
    this.timeouts.add(handle);
    return {
      cancel: () => {
        if (this.timeouts.delete(handle)) this.timers.clearTimeout(handle);
      },
    };
  }

  /** How many timers are pending (for tests and the dispose check). */
  get pending(): number {
    return this.intervals.size + this.timeouts.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const h of this.intervals) this.timers.clearInterval(h);
    for (const h of this.timeouts) this.timers.clearTimeout(h);
    this.intervals.clear();
    this.timeouts.clear();
  }
}
