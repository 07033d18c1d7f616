/**
 * The centre's screens as real socket.io clients of the simulated hub: one kiosk, one console per
 * desk, the admin (the manual alert switch) and a hall board that records every call it is shown.
 * They reconnect by themselves after a power cut; `ready()` waits for each one's fresh snapshot.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { CallView } from '../../sync/protocol/hub.js';

export interface AckBody {
  ok: boolean;
  replayed?: boolean;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

export class SimClient {
  readonly socket: Socket;
  private snapshots = 0;
  private waiters: (() => void)[] = [];

  constructor(url: string, ns: string, token: string | null) {
    this.socket = connect(`${url}/${ns}`, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    this.socket.on('snapshot', () => {
      this.snapshots++;
      for (const w of this.waiters.splice(0)) w();
    });
    this.socket.on('disconnect', () => {
      this.snapshots = 0;
    });
  }

  /** Resolves once connected and given a snapshot (after a restart: the new hub's). */
  ready(): Promise<void> {
    if (this.socket.connected && this.snapshots > 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  async ask(event: string, payload: object): Promise<AckBody> {
    return (await this.socket.timeout(10_000).emitWithAck(event, payload)) as AckBody;
  }

  close(): void {
    this.socket.close();
  }
}

export interface SimTokens {
  kiosk: string;
  admin: string;
  desk: (n: number) => string;
}

export class SimFloorClients {
  readonly kiosk: SimClient;
  readonly admin: SimClient;
  readonly board: SimClient;
  readonly desks = new Map<number, SimClient>();
  /** Every `called` the board received, in order. */
  readonly boardCalls: CallView[] = [];

  constructor(url: string, tokens: SimTokens, desks: number[]) {
    this.kiosk = new SimClient(url, 'kiosk', tokens.kiosk);
    this.admin = new SimClient(url, 'admin', tokens.admin);
    this.board = new SimClient(url, 'board', null);
    for (const d of desks) this.desks.set(d, new SimClient(url, 'desk', tokens.desk(d)));
    this.board.socket.on('called', (c: CallView) => this.boardCalls.push(c));
  }

  all(): SimClient[] {
    return [this.kiosk, this.admin, this.board, ...this.desks.values()];
  }

  ready(): Promise<void> {
    return Promise.all(this.all().map((c) => c.ready())).then(() => undefined);
  }

  close(): void {
    for (const c of this.all()) c.close();
  }
}
