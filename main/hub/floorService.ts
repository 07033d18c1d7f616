/**
 * Runs the floor's rules against the store: decide in core, commit in one transaction, then apply
 * to memory and tell listeners. Nothing is announced before the commit (STYLE 6).
 */
import { EventEmitter } from 'node:events';
import { localDate, zonedInstant } from '../core/clock.js';
import type { Decision, FloorEventDraft } from '../core/decision.js';
import { FloorState, type FloorPatch } from '../core/floorState.js';
import type { FloorError } from '../core/errors.js';
import { silentLog, type Log } from '../core/log.js';
import type { FloorRules, Millis } from '../core/types.js';
import type { Store, StoredEvent } from '../store/index.js';

export interface CommandMeta {
  /** The retry key; the same id never acts twice. */
  commandId: string;
  /** Who sent it, e.g. `desk:3`; a command id is bound to its sender and name. */
  actor: string;
  name: string;
}

/** Writes that belong to a decision and commit in its transaction: its ticket's print job (the device outbox). */
export type AlsoWrite<R> = (result: R, now: Millis, state: FloorState) => void;

export type Outcome<R> =
  | { ok: true; result: R; replayed: boolean }
  | { ok: false; error: FloorError | { code: 'COMMAND_REUSED' } };

export interface FloorChange {
  patch: FloorPatch;
  events: StoredEvent[];
}

export class FloorService extends EventEmitter<{ change: [FloorChange]; dayChanged: [string]; reloaded: [] }> {
  private floor: FloorState;

  constructor(
    readonly store: Store,
    readonly rules: FloorRules,
    private readonly now: () => Millis,
    private readonly log: Log = silentLog,
  ) {
    super();
    store.changedElsewhere();
    this.floor = this.load(now());
  }

  /** The floor of today, reloaded when the centre's date has moved on or another process wrote bookings. */
  state(at: Millis = this.now()): FloorState {
    const today = localDate(at, this.rules.timezone);
    if (this.store.changedElsewhere()) {
      this.floor = this.load(at);
      this.emit('reloaded');
    }
    if (today !== this.floor.day) {
      this.floor = this.load(at);
      this.emit('dayChanged', today);
    }
    return this.floor;
  }

  /** Reloads from the store, e.g. after bookings were imported or pulled. */
  reload(): void {
    this.floor = this.load(this.now());
  }

  /**
   * Decides and commits a command. With `meta`, a retry returns the first result and acts no more.
   * A refusal changes nothing and is not remembered, so a retry after the situation changed may act.
   */
  run<R>(decide: (state: FloorState, now: Millis) => Decision<R>, meta?: CommandMeta, also?: AlsoWrite<R>): Outcome<R> {
    if (meta) {
      const previous = this.store.commandResult(meta.commandId);
      if (previous) {
        if (previous.actor !== meta.actor || previous.name !== meta.name) return { ok: false, error: { code: 'COMMAND_REUSED' } };
        return { ok: true, result: previous.result as R, replayed: true };
      }
    }
    const now = this.now();
    const floor = this.state(now);
    const decision = decide(floor, now);
    if (!decision.ok) return decision;
    if (decision.events.length === 0) return { ok: true, result: decision.result, replayed: false };
    const result = decision.result;
    const stored = this.commit(floor, decision.patch, decision.events, meta && { ...meta, result }, now, also && (() => also(result, now, floor)));
    this.announce({ patch: decision.patch, events: stored });
    return { ok: true, result: decision.result, replayed: false };
  }

  /**
   * Tells every listener of a committed change, each on its own: the change stands whatever a
   * listener does, so one that throws (a device bridge, a broadcast) is logged and the rest still run.
   */
  private announce(change: FloorChange): void {
    for (const listener of this.listeners('change')) {
      try {
        listener(change);
      } catch (err) {
        this.log.error({ component: 'floor', err: (err as Error).stack ?? String(err) }, 'a listener of a committed change failed');
      }
    }
  }

  private commit(
    floor: FloorState,
    patch: FloorPatch,
    events: FloorEventDraft[],
    command: (CommandMeta & { result: unknown }) | undefined,
    now: Millis,
    also?: () => void,
  ): StoredEvent[] {
    const stored = this.store.commit(
      floor.day,
      patch,
      events,
      command && { id: command.commandId, actor: command.actor, name: command.name, result: command.result },
      now,
      also,
    );
    floor.applyPatch(patch);
    return stored;
  }

  private load(at: Millis): FloorState {
    const day = localDate(at, this.rules.timezone);
    const dayStart = zonedInstant(day, '00:00', this.rules.timezone);
    return new FloorState(this.store.loadSeed(this.rules, day, dayStart - 24 * 3600_000));
  }
}
