/**
 * The print queue: tickets go out one at a time, status is read before and after each (on a two-way
 * link), and a ticket counts as printed only when the status after it is clean. A ticket that met
 * paper out, an open cover or a dead link stays queued and is sent again once the printer is back.
 */
import { EventEmitter } from 'node:events';
import { LinkError, type PrinterLink } from './transports/link.js';
import { blocks, CLEAN, problemOf, readStatus, STATUS_REQUESTS, statusRequest, type PrinterProblem, type PrinterStatus } from './status.js';

export type JobStatus = 'printing' | 'printed' | 'waiting' | 'failed';
export interface JobState {
  id: string;
  status: JobStatus;
  problem: PrinterProblem | null;
}
export interface QueueState {
  state: 'ok' | PrinterProblem;
  queued: number;
}

export interface PrintQueueOptions {
  /** How long to wait for each DLE EOT answer. */
  statusTimeoutMs?: number;
  /** How often a blocked queue checks whether the printer is back. */
  retryEveryMs?: number;
  /** How often an idle queue reads status, so the kiosk learns of paper out before the next ticket. */
  pollEveryMs?: number;
  /** Jobs remembered after they printed, for a retried check-in asking how it went. */
  remember?: number;
}

export class PrintQueue extends EventEmitter<{ job: [JobState]; printer: [QueueState] }> {
  private readonly jobs: { id: string; bytes: Buffer }[] = [];
  private readonly states = new Map<string, JobState>();
  private printer: QueueState = { state: 'ok', queued: 0 };
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly statusTimeoutMs: number;
  private readonly retryEveryMs: number;
  private readonly remember: number;

  constructor(readonly link: PrinterLink, options: PrintQueueOptions = {}) {
    super();
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.retryEveryMs = options.retryEveryMs ?? 2000;
    this.remember = options.remember ?? 500;
    if (options.pollEveryMs && link.twoWay) {
      this.pollTimer = setInterval(() => {
        if (!this.running && this.jobs.length === 0) void this.poll();
      }, options.pollEveryMs);
      this.pollTimer.unref();
    }
  }

  /** Queues a ticket's bytes; a job already queued or printed under the id is not queued again. */
  enqueue(id: string, bytes: Buffer): JobState {
    const known = this.states.get(id);
    if (known && known.status !== 'failed') return known;
    this.jobs.push({ id, bytes });
    this.setJob({ id, status: this.blocked() ? 'waiting' : 'printing', problem: this.blocked() ? (this.printer.state as PrinterProblem) : null });
    this.setPrinter(this.printer.state);
    void this.pump();
    return this.states.get(id)!;
  }

  /** Sends a ticket again even if it printed before (a reprint asked for by a person). */
  reprint(id: string, bytes: Buffer): JobState {
    this.states.delete(id);
    return this.enqueue(id, bytes);
  }

  job(id: string): JobState | null {
    return this.states.get(id) ?? null;
  }

  state(): QueueState {
    return this.printer;
  }

  /** Reads the status now; an unreachable printer reads as offline. */
  async readStatus(): Promise<{ status: PrinterStatus; problem: PrinterProblem | null }> {
    if (!this.link.twoWay) return { status: CLEAN, problem: null };
    try {
      const answers: number[] = [];
      for (const n of STATUS_REQUESTS) answers.push(await this.link.ask(statusRequest(n), this.statusTimeoutMs));
      const read = readStatus(answers as [number, number, number, number]);
      if (!read.ok) return { status: { ...CLEAN, offline: true }, problem: 'offline' };
      return { status: read.status, problem: problemOf(read.status) };
    } catch (err) {
      if (err instanceof LinkError) return { status: { ...CLEAN, offline: true }, problem: 'offline' };
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.link.close();
  }

  private blocked(): boolean {
    return this.printer.state !== 'ok' && blocks(this.printer.state);
  }

  private setJob(state: JobState): void {
    this.states.delete(state.id);
    this.states.set(state.id, state);
    // Forget the oldest finished jobs; Map keeps insertion order.
    for (const [id, s] of this.states) {
      if (this.states.size <= this.remember) break;
      if (s.status === 'printed' || s.status === 'failed') this.states.delete(id);
    }
    this.emit('job', state);
  }

  private setPrinter(state: QueueState['state']): void {
    const next = { state, queued: this.jobs.length };
    if (next.state === this.printer.state && next.queued === this.printer.queued) return;
    this.printer = next;
    this.emit('printer', next);
  }

  private async poll(): Promise<void> {
    if (this.closed) return;
    const { problem } = await this.readStatus();
    if (!this.closed) this.setPrinter(problem ?? 'ok');
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      while (this.jobs.length && !this.closed) {
        const job = this.jobs[0]!;
        const before = await this.readStatus();
        if (this.closed) return;
        if (blocks(before.problem)) return this.wait(before.problem!);
        this.setJob({ id: job.id, status: 'printing', problem: null });
        try {
          await this.link.send(job.bytes);
        } catch (err) {
          if (err instanceof LinkError) return this.wait('offline');
          throw err;
        }
        const after = await this.readStatus();
        if (this.closed) return;
        if (blocks(after.problem)) return this.wait(after.problem!);
        this.jobs.shift();
        this.setJob({ id: job.id, status: 'printed', problem: null });
        this.setPrinter(after.problem ?? 'ok');
      }
    } finally {
      this.running = false;
    }
  }

  /** Marks every queued ticket as waiting on `problem` and looks again later. */
  private wait(problem: PrinterProblem): void {
    this.setPrinter(problem);
    for (const job of this.jobs) {
      const s = this.states.get(job.id);
      if (s?.status !== 'waiting' || s.problem !== problem) this.setJob({ id: job.id, status: 'waiting', problem });
    }
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.pump();
    }, this.retryEveryMs);
    this.retryTimer.unref();
  }
}
