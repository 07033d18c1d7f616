/** The broadcaster with a real floor and real sockets, its coalescing timer fired by hand. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_LIMIT_DEFAULTS } from '../../../main/config/schema.js';
import { checkIn } from '../../../main/core/checkIn.js';
import { memoryLog } from '../../../main/core/log.js';
import { Broadcaster } from '../../../main/hub/broadcaster.js';
import { ExtensionHost } from '../../../main/hub/extensionHost.js';
import { FloorService } from '../../../main/hub/floorService.js';
import { SocketGateway } from '../../../main/hub/gateway.js';
import { floorRules } from '../../../main/hub/rules.js';
import { Scheduler, type Timers } from '../../../main/hub/scheduler.js';
import { openStore } from '../../../main/store/index.js';
import type { Snapshot } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { TestClock, testConfig, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('the broadcaster', () => {
  it('sends the waiting counts once for a burst of changes, when its timer fires, and cuts a board its projection', async () => {
    const clock = new TestClock(at('09:30'));
    const dir = tempDir();
    const config = testConfig({}, dir);
    const store = openStore(join(dir, 'talon.db'), clock.now());
    const bookings = [booking(1056, '10:00'), booking(1057, '10:00'), booking(1058, '10:00')];
    store.upsertBookings(bookings);
    const log = memoryLog();
    const floor = new FloorService(store, floorRules(config), clock.now, log);
    let fire: (() => void) | null = null;
    const timers: Timers = { setTimeout: (fn) => ((fire = fn), 1), clearTimeout: () => (fire = null), setInterval: () => 0, clearInterval: () => undefined };
    const scheduler = new Scheduler(log, timers);
    const http = createServer();
    const gateway = new SocketGateway({
      http, config, limits: HUB_LIMIT_DEFAULTS, now: clock.now, log, host: new ExtensionHost(log),
      authenticate: (ns, token) => (ns === 'board' ? { role: 'board', id: 'board' } : ns === 'desk' && token === TOKENS.desk(1) ? { role: 'desk', id: 'desk:1', desk: 1 } : null),
      hubUrl: () => '',
      welcome: (socket) => socket.emit('snapshot', broadcaster.snapshotFor(socket)),
    });
    const broadcaster = new Broadcaster({ nsps: gateway.nsps, floor, config, ext: {}, now: clock.now, scheduler, statsEveryMs: 100 });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const clients: Socket[] = [];
    cleanup.push(async () => {
      for (const c of clients) c.close();
      broadcaster.dispose();
      scheduler.dispose();
      await gateway.dispose();
      store.close();
    });
    const open = (ns: string, token?: string) => {
      const s = connect(`${url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
      clients.push(s);
      return new Promise<[Socket, Snapshot]>((resolve) => s.once('snapshot', (snap: Snapshot) => resolve([s, snap])));
    };
    const [[board], [desk, deskSnap]] = await Promise.all([open('board'), open('desk', TOKENS.desk(1))]);
    expect(deskSnap.desk?.number).toBe(1);
    const stats: unknown[] = [];
    board.on('stats', (s: unknown) => stats.push(s));
    const queues: unknown[] = [];
    desk.on('queue', (q: unknown) => queues.push(q));

    for (const b of bookings) expect(floor.run((s, now) => checkIn(s, store.bookingsByCode(b.code)[0]!, now)).ok).toBe(true);
    expect(fire).not.toBeNull();
    // A round trip to each client: nothing was sent before the timer fired.
    await desk.timeout(2000).emitWithAck('sync', {}).catch(() => undefined);
    expect(stats).toEqual([]);
    const [got] = await Promise.all([new Promise((r) => board.once('stats', r)), new Promise((r) => desk.once('queue', r)), fire!()]);
    expect(got).toMatchObject({ waiting: { DL_EXCHANGE: 3 }, checkedIn: 3 });
    expect(queues).toHaveLength(1);
    expect(stats).toHaveLength(1);

    board.disconnect();
    const [, again] = await open('board');
    expect(JSON.stringify(again)).not.toContain(bookings[0]!.id);
    expect(again.desk).toBeUndefined();
  });
});
