/**
 * The busContact alert source end to end: a contact module (the simulator) on the far end of a real
 * socat pty pair, a real hub with the desk bus bridge, and real socket.io clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactReport } from '../../../hardware/serial/deskBus.js';
import { DeviceSimulator } from '../../../hardware/serial/deviceSimulator.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import type { TalonConfig } from '../../../main/config/schema.js';
import { BUS_CONTACT_DEVICE } from '../../../main/hub/busContact.js';
import { DeskBusBridge } from '../../../main/hub/deskBusBridge.js';
import type { AlertView } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, testConfig, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until, type PtyPair } from './socatPair.js';

const CONTACT = 90;
const tempDir = useTempDir();
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const BOOKINGS = [booking(1056, '10:00'), booking(1057, '10:10')];

function contactConfig(dir: string, busPath: string, closedMeans: 'alert' | 'clear', pollEveryMs: number): TalonConfig {
  return testConfig(
    {
      desks: [1, 2].map((n) => ({ number: n, services: ['DL_EXCHANGE', 'THEORY_EXAM'], token: TOKENS.desk(n), bus: { address: n } })),
      deskBus: { path: busPath, baudRate: 9600, driver: 'talon' },
      alerts: { sources: ['manual', 'busContact'], busContact: { address: CONTACT, line: 0, closedMeans, pollEveryMs } },
    },
    dir,
  );
}

/**
 * A centre whose bus has displays 1–2 and a contact module at 90. The module is on the line before
 * the hub starts, so what the hub knows of it at first comes from its own query.
 */
async function centreWithContact(options: { closed?: boolean; closedMeans?: 'alert' | 'clear'; pollEveryMs?: number } = {}) {
  const dir = tempDir();
  let pair: PtyPair = await ptyPair(dir);
  const config = contactConfig(dir, pair.hub, options.closedMeans ?? 'alert', options.pollEveryMs ?? 100);
  const newSim = (closed: boolean) =>
    new DeviceSimulator({ path: pair.device, driver: talonDriver, addresses: [1, 2], contacts: { [CONTACT]: closed }, resendEveryMs: 100 }).start();
  let sim = await newSim(options.closed ?? false);
  let bridge: DeskBusBridge;
  let hub: TestHub;
  const startHub = async (bookings = BOOKINGS) => {
    bridge = new DeskBusBridge(config, { bus: { ackTimeoutMs: 80, attempts: 3, reopenEveryMs: 50 } });
    hub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { others: [bridge] });
  };
  await startHub();
  cleanup.push(async () => {
    await hub.stop();
    await sim.close();
    await pair.kill();
  });
  const kiosk = hub!.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (const b of BOOKINGS) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
  const f = {
    get hub() {
      return hub;
    },
    get bridge() {
      return bridge;
    },
    get sim() {
      return sim;
    },
    device: () => hub.hub.devices.list().find((d) => d.id === BUS_CONTACT_DEVICE),
    alert: () => hub.hub.floor.state().alert,
    /** Pulls the adapter out: socat dies and its ptys go. */
    unplug: async () => {
      await sim.close();
      await pair.kill();
    },
    /** A new pair at the same paths, with the module's contact as it is now. */
    plugIn: async (closed: boolean) => {
      pair = await ptyPair(dir);
      sim = await newSim(closed);
    },
    /** Stops the hub (the floor stays in its file), runs `meanwhile`, and starts a new one on the same bus. */
    restartHub: async (meanwhile: () => void) => {
      await hub.stop();
      meanwhile();
      await startHub([]);
    },
    /** Every contact report the hub reads from now on. */
    reports: () => {
      const seen: ContactReport[] = [];
      bridge.buses[0]!.on('contact', (r) => seen.push(r));
      return seen;
    },
    /** How many queries to the module have gone unanswered from now on. */
    unansweredQueries: () => {
      const count = { n: 0 };
      bridge.buses[0]!.on('sent', ({ address, command, result }) => {
        if (address === CONTACT && command.kind === 'query' && !result.ok) count.n++;
      });
      return count;
    },
  };
  await until(() => f.device()?.state === 'ok', 5000, 'the contact module heard');
  return f;
}

describe('the busContact alert source over a socat pty pair', () => {
  it('freezes the floor when the contact closes and lifts the alert when it opens', async () => {
    const f = await centreWithContact({ pollEveryMs: 60_000 });
    const desk = f.hub.client('desk', TOKENS.desk(1));
    const board = f.hub.client('board');
    await Promise.all([connected(desk), connected(board)]);
    const alerts: AlertView[] = [];
    board.on('alert', (a: AlertView) => alerts.push(a));
    expect(f.alert().active).toBe(false);

    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert');
    expect(f.alert().source).toBe('busContact');
    expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
    await until(() => [1, 2].every((a) => f.sim.displays.get(a)?.alert), 3000, 'the alert mark on every display');
    expect(f.device()).toMatchObject({ state: 'ok', detail: 'closed: alert' });

    expect(await f.sim.setContact(CONTACT, false)).toBe(true);
    await until(() => !f.alert().active, 3000, 'the all-clear');
    expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1056, desk: 1 } });
    await until(() => alerts.length >= 2, 3000, 'both changes on the board');
    expect(alerts.map((a) => a.active)).toEqual([true, false]);
    // The module's answer to a query is its report, which the hub takes as the ack.
    expect(await f.bridge.contact!.poll()).toMatchObject({ ok: true, attempts: 1 });
  });

  it('acts once on a contact report sent again because the hub’s ack was lost', async () => {
    // Polled only when the line opens, so every report after that is one the module sent.
    const f = await centreWithContact({ pollEveryMs: 60_000 });
    const admin = f.hub.client('admin', TOKENS.admin);
    await connected(admin);
    const reports = f.reports();
    f.sim.duplicatePresses = true;
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert');
    // The admin ends it by hand; the same report arriving again must not raise it again.
    expect(await ask(admin, 'alert', { commandId: cmdId(), active: false })).toMatchObject({ ok: true });
    const seq = f.sim.contacts.get(CONTACT)!.seq;
    const heard = reports.length;
    f.sim.noise(talonDriver.contact(CONTACT, true, seq)!);
    await until(() => reports.length > heard, 3000, 'the resent report read');
    expect(reports.at(-1)).toEqual({ address: CONTACT, closed: true, seq, repeat: true });
    // The closing was sent twice at first too, and only one of the copies counted.
    expect(reports.filter((r) => r.seq === seq).map((r) => r.repeat)).toEqual([false, true, true]);
    expect(f.alert().active).toBe(false);
    // A new closing (a new sequence number) is news again.
    expect(await f.sim.setContact(CONTACT, false)).toBe(true);
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert on the next closing');
    expect(f.alert().source).toBe('busContact');
  });

  it('asks the module after a reconnect and learns the state it missed while the line was down', async () => {
    // No periodic poll: the query when the line opens is what tells the hub.
    const f = await centreWithContact({ pollEveryMs: 60_000 });
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert');
    await f.unplug();
    await until(() => f.device()?.state === 'down', 5000, 'the module down with its bus');
    expect(f.device()!.detail).toBe('the bus is down');
    expect(f.alert()).toMatchObject({ active: true, source: 'busContact' });
    // The all-clear came while the adapter was out: the module only has it to tell when asked.
    await f.plugIn(false);
    await until(() => !f.alert().active, 5000, 'the all-clear learned by the query');
    expect(f.device()).toMatchObject({ state: 'ok', detail: 'open: no alert' });
  });

  it('asks the module when the hub starts: a closed contact freezes the floor at once', async () => {
    const f = await centreWithContact({ closed: true, pollEveryMs: 60_000 });
    await until(() => f.alert().active, 3000, 'the alert from the first query');
    expect(f.alert().source).toBe('busContact');
  });

  it('lifts an alert it raised before a hub restart when the contact opened in between', async () => {
    const f = await centreWithContact({ pollEveryMs: 60_000 });
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert');
    // Opened while no hub listens; the report goes unacked, the state stays for the next query.
    let unacked: Promise<boolean> = Promise.resolve(false);
    await f.restartHub(() => {
      unacked = f.sim.setContact(CONTACT, false);
    });
    expect(f.alert()).toMatchObject({ active: true, source: 'busContact' });
    await until(() => !f.alert().active, 5000, 'the all-clear after the restart');
    await unacked;
  });

  it('keeps an alert another source raised when, after a restart, the module first answers open', async () => {
    const f = await centreWithContact({ pollEveryMs: 60_000 });
    f.hub.hub.alerts.report('central', true);
    expect(f.alert()).toMatchObject({ active: true, source: 'central' });
    await f.restartHub(() => undefined);
    // The hub marks the module heard and acts on its answer in the same step.
    await until(() => f.device()?.state === 'ok', 3000, 'the module’s first answer, open');
    expect(f.alert()).toMatchObject({ active: true, source: 'central' });
  });

  it('reports a module that stops answering as down and keeps the alert; its next answer counts', async () => {
    const f = await centreWithContact();
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert');
    f.sim.silent.add(CONTACT);
    await until(() => f.device()?.state === 'down', 3000, 'the module reported down');
    expect(f.device()!.detail).toMatch(/^NO_ACK/);
    // The contact opens while the module is silent: no news is not an all-clear.
    expect(await f.sim.setContact(CONTACT, false)).toBe(false);
    const unanswered = f.unansweredQueries();
    await until(() => unanswered.n >= 2, 3000, 'two more queries unanswered');
    expect(f.alert()).toMatchObject({ active: true, source: 'busContact' });
    expect(f.device()!.state).toBe('down');
    f.sim.silent.delete(CONTACT);
    await until(() => f.device()?.state === 'ok', 3000, 'the module answering again');
    await until(() => !f.alert().active, 3000, 'the all-clear from its answer');
  });

  it('never ends an alert the admin switched on by hand when the contact opens', async () => {
    const f = await centreWithContact();
    const admin = f.hub.client('admin', TOKENS.admin);
    await connected(admin);
    expect(await ask(admin, 'alert', { commandId: cmdId(), active: true })).toMatchObject({ ok: true });
    // setContact resolves once the hub acked the report, and the hub acks before it acts on it.
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    expect(await f.sim.setContact(CONTACT, false)).toBe(true);
    expect(f.alert()).toMatchObject({ active: true, source: 'manual' });
    expect(f.hub.hub.alerts.reporting()).toEqual([]);
  });

  it('reads an open contact as the alert when the relay opens on alert (closedMeans: clear)', async () => {
    const f = await centreWithContact({ closed: true, closedMeans: 'clear' });
    expect(f.alert().active).toBe(false);
    expect(await f.sim.setContact(CONTACT, false)).toBe(true);
    await until(() => f.alert().active, 3000, 'the alert on opening');
    expect(f.device()).toMatchObject({ state: 'ok', detail: 'open: alert' });
    expect(await f.sim.setContact(CONTACT, true)).toBe(true);
    await until(() => !f.alert().active, 3000, 'the all-clear on closing');
  });
});
