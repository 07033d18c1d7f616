/**
 * The hub's sync with central (DESIGN §6), offline-first: each round pushes the outbox, pulls the
 * bookings changed after the stored cursor page by page, and refreshes central's alert, the terminal
 * pool and the licences. A failed step leaves the rest of the round and the floor untouched; the
 * outbox is durable, so delivery is at least once across restarts, and central drops repeats by id.
 */
import { silentLog, type Log } from '../../main/core/log.js';
import type { Booking } from '../../main/core/types.js';
import type { Store } from '../../main/store/index.js';
import type { PageResult, SyncStore } from '../../main/store/syncStore.js';
import type { AlertAnswer, WireEvent } from '../protocol/central.js';
import { Backoff } from './backoff.js';
import { CentralError, type CentralApi, type Timed } from './centralApi.js';
import { LinkTracker } from './linkState.js';
import type { SkewClock } from './skewClock.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SyncHooks {
  /** After a pulled page changed bookings (the hub reloads its floor). */
  pulled?(result: PageResult): void;
  alert?(answer: AlertAnswer): void;
  pool?(): void;
  licences?(): void;
  /** After each round: the link's state, counts or clock may have moved. */
  round?(report: RoundReport): void;
}

export interface SyncClientOptions {
  api: CentralApi;
  store: Store;
  sync: SyncStore;
  centre: string;
  terminal: string;
  clock: SkewClock;
  pageSize?: number;
  pushBatch?: number;
  /** The wait between rounds while central answers. */
  pollEveryMs?: number;
  /** After a floor change the outbox is pushed this soon rather than at the next poll. */
  pushDelayMs?: number;
  backoff?: Backoff;
  timers?: Timers;
  log?: Log;
  hooks?: SyncHooks;
}

export interface RoundReport {
  ok: string[];
  failed: { step: string; error: CentralError }[];
  pushed: { accepted: number; duplicate: number; rejected: number };
  pulled: number;
  /** Steps that had nothing to ask central (an empty outbox): they say nothing about the link. */
  idle: string[];
}

type Step = 'push' | 'pull' | 'alert' | 'pool' | 'licences';
const STEPS: Step[] = ['push', 'pull', 'alert', 'pool', 'licences'];

export class SyncClient {
  readonly link = new LinkTracker();
  private readonly backoff: Backoff;
  private readonly timers: Timers;
  private readonly log: Log;
  private timer: unknown = null;
  private running: Promise<RoundReport> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly o: SyncClientOptions) {
    this.backoff = o.backoff ?? new Backoff({ minMs: 1000, maxMs: 60_000 });
    this.timers = o.timers ?? realTimers;
    this.log = o.log ?? silentLog;
  }

  private timed<T extends { serverTime: number }>(t: Timed<T>): T {
    this.o.clock.observe(t.data.serverTime, t.sentAt, t.receivedAt);
    return t.data;
  }

  /** Pulls every page after the stored cursor; each page and its cursor commit together. */
  async pull(): Promise<PageResult> {
    const total: PageResult = { changed: 0, dates: new Set(), conflicts: [] };
    for (let pages = 0; pages < 10_000; pages++) {
      const after = this.o.sync.cursor();
      const page = this.timed(await this.o.api.pull(after, this.o.pageSize ?? 1000));
      const mine = page.bookings.filter((b) => b.centre === this.o.centre);
      if (mine.length !== page.bookings.length) this.log.warn({ foreign: page.bookings.length - mine.length }, 'central sent bookings of other centres; ignored');
      const result = this.o.sync.applyPage(mine as Booking[], page.cursor, this.o.clock.now());
      total.changed += result.changed;
      for (const d of result.dates) total.dates.add(d);
      total.conflicts.push(...result.conflicts);
      if (result.changed) this.o.hooks?.pulled?.(result);
      if (!page.more) break;
      if (page.cursor === after) throw new CentralError('CENTRAL_MALFORMED', 'GET /bookings: says more but the cursor did not move', true);
    }
    this.link.lastPullAt = this.o.clock.now();
    return total;
  }

  /**
   * Pushes the outbox in seq order until it is empty. Ids central accepted or already had are
   * delivered; refused ones are kept aside with their code (shown on the admin page), never dropped;
   * ids the answer does not name stay in the outbox for the next try.
   */
  async push(): Promise<RoundReport['pushed'] & { calls: number }> {
    const counts = { accepted: 0, duplicate: 0, rejected: 0, calls: 0 };
    for (;;) {
      const batch = this.o.store.pendingEvents(this.o.pushBatch ?? 500);
      if (batch.length === 0) break;
      counts.calls++;
      const events: WireEvent[] = batch.map((e) => ({ id: e.id, seq: e.seq, type: e.type, at: e.at, booking: e.booking, data: e.data }));
      const answer = this.timed(await this.o.api.push({ terminal: this.o.terminal, events }));
      const sent = new Map(batch.map((e) => [e.id, e]));
      const delivered = [...answer.accepted, ...answer.duplicate].filter((id) => sent.has(id));
      const rejected = answer.rejected.filter((r) => sent.has(r.id)).map((r) => ({ event: sent.get(r.id)!, code: r.code }));
      this.o.sync.settle(delivered, rejected, this.o.clock.now());
      for (const r of rejected) this.log.warn({ type: r.event.type, eventId: r.event.id, seq: r.event.seq, code: r.code }, 'central refused an event; kept for the admin');
      counts.accepted += answer.accepted.filter((id) => sent.has(id)).length;
      counts.duplicate += answer.duplicate.filter((id) => sent.has(id)).length;
      counts.rejected += rejected.length;
      if (delivered.length + rejected.length === 0) {
        throw new CentralError('CENTRAL_MALFORMED', 'POST /events: the answer names none of the events sent', true);
      }
      this.link.lastPushAt = this.o.clock.now();
    }
    return counts;
  }

  async alert(): Promise<AlertAnswer> {
    const answer = this.timed(await this.o.api.alert());
    this.o.hooks?.alert?.(answer);
    return answer;
  }

  async pool(): Promise<void> {
    const answer = this.timed(await this.o.api.pool());
    this.o.sync.replacePool(answer.slots, answer.days);
    this.o.hooks?.pool?.();
  }

  async licences(): Promise<void> {
    const answer = this.timed(await this.o.api.licences());
    this.o.sync.replaceLicences(answer.licences);
    this.o.hooks?.licences?.();
  }

  /** One round of every step; one round at a time (a call during a round runs another after it). */
  round(): Promise<RoundReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runRound().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runRound(): Promise<RoundReport> {
    const report: RoundReport = { ok: [], failed: [], pushed: { accepted: 0, duplicate: 0, rejected: 0 }, pulled: 0, idle: [] };
    for (const step of STEPS) {
      try {
        if (step === 'push') {
          const { calls, ...pushed } = await this.push();
          report.pushed = pushed;
          if (calls === 0) {
            report.idle.push(step);
            continue;
          }
        } else if (step === 'pull') report.pulled = (await this.pull()).changed;
        else await this[step]();
        report.ok.push(step);
      } catch (err) {
        const error = err instanceof CentralError ? err : new CentralError('CENTRAL_MALFORMED', `${step}: ${(err as Error).message}`, true);
        report.failed.push({ step, error });
        this.log.warn({ step, code: error.code, detail: error.message }, 'a sync step failed');
        // Unreachable is unreachable for every step; do not wait out four more timeouts.
        if (error.code === 'CENTRAL_UNREACHABLE') break;
      }
    }
    const failed = report.failed.length + (report.failed.some((f) => f.error.code === 'CENTRAL_UNREACHABLE') ? STEPS.length - report.ok.length - report.failed.length - report.idle.length : 0);
    const changed = this.link.round(report.ok.length, failed, this.o.clock.now(), report.failed[0]?.error.message ?? null, this.o.clock.suspect);
    // Each round at debug; a change of the link's state once at info (or warn when it got worse).
    const outcome = { ok: report.ok, failed: report.failed.map((f) => f.step), pushed: report.pushed, pulled: report.pulled, link: this.link.state };
    if (changed) this.log[this.link.state === 'online' ? 'info' : 'warn'](outcome, `the link to central is ${this.link.state}`);
    else this.log.debug(outcome, 'a sync round');
    this.o.hooks?.round?.(report);
    return report;
  }

  /** Runs rounds until stopped: every pollEveryMs while central answers, with backoff while it does not. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * A floor change: push soon instead of at the next poll. It only ever brings the next round
   * forward: a stream of changes must not keep postponing it (and the pull with it).
   */
  kick(): void {
    if (this.stopped) return;
    const delay = this.o.pushDelayMs ?? 200;
    if (this.timer !== null && this.dueAt <= performance.now() + delay) return;
    this.schedule(delay);
  }

  private dueAt = 0;

  private schedule(ms: number): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.dueAt = performance.now() + ms;
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.loop();
    }, ms);
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    const report = await this.round();
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.schedule(0);
      return;
    }
    const wait = report.ok.length === 0 ? this.backoff.fail() : (this.backoff.succeed(), this.o.pollEveryMs ?? 10_000);
    if (this.timer === null) this.schedule(wait);
  }

  /** Stops the loop and waits for a round in flight, so the store can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
