/**
 * The desk's commands, one at a time and in the order pressed: an operator who types S, F, N before
 * the hub has answered S gets start, finish and next, never a silently dropped N. Each command is
 * checked against the desk as it is when its turn comes (after the answers before it), and one that
 * no longer makes sense is refused with a reason instead of being sent. A retry after no answer
 * reuses the commandId, so the hub never acts twice.
 */
import type { Ack } from '../../sync/protocol/hub.js';
import { newCommandId } from '../shared/commandId.js';

export interface QueuedCommand<C extends string = string> {
  command: C;
  /** The command's own arguments (a transfer target, a ticket number). */
  args: readonly unknown[];
}

export interface CommandQueueHooks<C extends string> {
  send: (job: QueuedCommand<C>, commandId: string) => Promise<Ack>;
  /** null when the command may go now; otherwise why not (shown, and the command is dropped). */
  check: (job: QueuedCommand<C>) => string | null;
  answered: (job: QueuedCommand<C>, ack: Ack) => void;
  refused: (job: QueuedCommand<C>, reason: string) => void;
  /** Called whenever the number of pending commands changes. */
  changed?: (pending: number) => void;
}

/** More than this many presses ahead of the hub is a stuck key or a confused operator. */
export const MAX_PENDING = 4;

export class CommandQueue<C extends string> {
  private readonly jobs: QueuedCommand<C>[] = [];
  private running = false;
  private readonly unanswered = new Map<string, string>();

  constructor(private readonly hooks: CommandQueueHooks<C>) {}

  get pending(): number {
    return this.jobs.length + (this.running ? 1 : 0);
  }

  /** Queues a command; 'full' when too many wait already (the caller says so). */
  push(job: QueuedCommand<C>): 'queued' | 'full' {
    if (this.pending >= MAX_PENDING) return 'full';
    this.jobs.push(job);
    this.hooks.changed?.(this.pending);
    void this.drain();
    return 'queued';
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        const reason = this.hooks.check(job);
        if (reason !== null) {
          this.hooks.refused(job, reason);
          this.hooks.changed?.(this.pending);
          continue;
        }
        const key = `${job.command}:${JSON.stringify(job.args)}`;
        const id = this.unanswered.get(key) ?? newCommandId();
        this.unanswered.set(key, id);
        let ack: Ack;
        try {
          ack = await this.hooks.send(job, id);
        } catch {
          ack = { ok: false, error: { code: 'NO_ANSWER', message: '' } };
        }
        if (ack.ok || ack.error.code !== 'NO_ANSWER') this.unanswered.delete(key);
        this.hooks.answered(job, ack);
        this.hooks.changed?.(this.pending);
      }
    } finally {
      this.running = false;
      this.hooks.changed?.(this.pending);
    }
  }
}
