/**
 * The hub's fan-out: after a commit, each role is told what changed for it. Calls, alerts and a
 * desk's own state go at once; waiting counts (`stats`, `queue`) and the desks' lists are coalesced
 * into one send per `statsEveryMs`. Each socket's snapshot is cut for whom it serves: a desk's adds
 * its own desk, a shelter's its place, and an anonymous board's is the hall's projection (no booking
 * ids, codes or visit times: `boardSnapshot`).
 */
import type { Namespace as IoNamespace, Socket } from 'socket.io';
import type { Millis } from '../core/types.js';
import type { TalonConfig } from '../config/schema.js';
import { NAMESPACES, type Namespace, type Snapshot } from '../../sync/protocol/hub.js';
import type { Disposable } from './disposable.js';
import type { HubExtensions } from './extensions.js';
import type { FloorChange, FloorService } from './floorService.js';
import type { SocketData } from './gateway.js';
import type { Pending, Scheduler } from './scheduler.js';
import { alertView, boardSnapshot, callView, ownDeskView, snapshot, statsView } from './views.js';

export interface BroadcasterOptions {
  nsps: Record<Namespace, IoNamespace>;
  floor: FloorService;
  config: TalonConfig;
  ext: HubExtensions;
  now: () => Millis;
  scheduler: Scheduler;
  statsEveryMs: number;
}

/**
 * How long, in real time, a built snapshot serves the sockets that connect: the same-day offers it
 * holds also move without a floor change (the pool central delegates).
 */
const SNAPSHOT_MAX_AGE_MS = 1000;

export class Broadcaster implements Disposable {
  private statsPending: Pending | null = null;
  /** The last shared snapshot and the board's cut of it, until the floor changes: a storm of connecting boards builds it once. */
  private cached: { built: number; shared: Snapshot; board: Snapshot } | null = null;
  private readonly onChange = (change: FloorChange) => {
    this.cached = null;
    this.changed(change);
  };
  private readonly onReloaded = () => {
    this.cached = null;
    this.resnapshotAll();
  };

  constructor(private readonly o: BroadcasterOptions) {
    o.floor.on('change', this.onChange);
    o.floor.on('reloaded', this.onReloaded);
    o.floor.on('dayChanged', this.onReloaded);
  }

  /** The snapshot everyone shares before it is cut for a socket. */
  shared(): Snapshot {
    return this.current().shared;
  }

  private current(): { shared: Snapshot; board: Snapshot } {
    const { floor, config, now, ext } = this.o;
    const t = now();
    const real = performance.now();
    if (this.cached && real - this.cached.built < SNAPSHOT_MAX_AGE_MS) {
      return { shared: { ...this.cached.shared, serverTime: t }, board: { ...this.cached.board, serverTime: t } };
    }
    const shared = snapshot(floor.state(), config, t, undefined, ext.sameDay?.offers(t));
    this.cached = { built: real, shared, board: boardSnapshot(shared) };
    return this.cached;
  }

  /** Builds the next snapshot afresh: after a command, whose effect (a same-day seat taken) may not be a floor change. */
  invalidate(): void {
    this.cached = null;
  }

  snapshotFor(socket: Socket, shared?: Snapshot): Snapshot {
    const { actor } = socket.data as SocketData;
    if (actor.role === 'board') {
      const board = shared ? boardSnapshot(shared) : this.current().board;
      return actor.place ? { ...board, place: actor.place } : board;
    }
    shared ??= this.shared();
    if (actor.place) return { ...shared, place: actor.place };
    return actor.desk === undefined ? shared : { ...shared, desk: ownDeskView(this.o.floor.state(), actor.desk) };
  }

  resnapshotAll(): void {
    this.cached = null;
    const { shared, board } = this.current();
    for (const ns of NAMESPACES) {
      for (const socket of this.o.nsps[ns].sockets.values()) {
        const { actor } = socket.data as SocketData;
        socket.emit('snapshot', actor.role === 'board' && !actor.place ? board : this.snapshotFor(socket, shared));
      }
    }
  }

  private changed({ patch }: FloorChange): void {
    const { nsps, floor } = this.o;
    const state = floor.state();
    for (const call of patch.calls) {
      const view = callView(call);
      nsps.board.emit('called', view);
      nsps.desk.emit('called', view);
    }
    if (patch.alert || patch.suspended.length) {
      if (patch.alert) for (const ns of NAMESPACES) nsps[ns].emit('alert', alertView(state));
      this.resnapshotAll();
      return;
    }
    if (patch.visits.length || patch.desks.length) {
      this.scheduleStats();
      const desks = new Set<number>(patch.desks.map((d) => d.number));
      for (const v of patch.visits) {
        if (v.desk !== null) desks.add(v.desk);
        if (v.targetDesk !== null) desks.add(v.targetDesk);
      }
      for (const d of desks) nsps.desk.to(`desk:${d}`).emit('desk', ownDeskView(state, d));
    }
  }

  private scheduleStats(): void {
    this.statsPending ??= this.o.scheduler.after('stats', this.o.statsEveryMs, () => this.sendStats());
  }

  /** One send of the waiting counts for a burst of changes, and each console's own list. */
  sendStats(): void {
    this.statsPending = null;
    this.cached = null;
    const { nsps, floor, config, ext, now } = this.o;
    const state = floor.state();
    const stats = statsView(state, ext.sameDay?.offers(now()));
    nsps.board.emit('stats', stats);
    nsps.admin.emit('stats', stats);
    nsps.kiosk.emit('stats', stats);
    nsps.desk.emit('queue', stats.waiting);
    // Each console's list of who it may call changes with every check-in, not only with its own desk.
    for (const d of config.desks) nsps.desk.to(`desk:${d.number}`).emit('desk', ownDeskView(state, d.number));
  }

  dispose(): void {
    this.statsPending?.cancel();
    this.statsPending = null;
    this.o.floor.off('change', this.onChange);
    this.o.floor.off('reloaded', this.onReloaded);
    this.o.floor.off('dayChanged', this.onReloaded);
  }
}
