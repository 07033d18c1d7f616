import { afterEach, describe, expect, it } from 'vitest';
import type { BusDriver } from '../../../hardware/serial/busTypes.js';
import { DeviceSimulator } from '../../../hardware/serial/deviceSimulator.js';
import { qsystemDriver } from '../../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import { DeskBusBridge } from '../../../main/hub/deskBusBridge.js';
import type { CallView } from '../../../sync/protocol/hub.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, testConfig, TestClock, TOKENS, type TestHub } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until, type PtyPair } from './socatPair.js';

const tempDir = useTempDir();
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** What a display shows for a number: QSystem displays have three digits. */
function shown(driver: BusDriver, n: number): string {
  return driver.name === 'talon' ? String(n) : String(Number(String(n).slice(-3)));
}

async function floorWithBus(driver: BusDriver, addresses = [1, 2, 3]) {
  const dir = tempDir();
  let pair: PtyPair = await ptyPair(dir);
  const config = testConfig(
    {
      desks: [1, 2, 3].map((n) => ({ number: n, services: n === 3 ? ['THEORY_EXAM'] : ['DL_EXCHANGE', 'THEORY_EXAM'], token: TOKENS.desk(n), bus: { address: n } })),
      deskBus: { path: pair.hub, baudRate: 9600, driver: driver.name },
    },
    dir,
  );
  const bridge = new DeskBusBridge(config, { bus: { ackTimeoutMs: 80, attempts: 3, reopenEveryMs: 50 } });
  const bookings = [booking(1056, '10:00'), booking(1057, '10:10'), booking(1058, '10:20')];
  const hub: TestHub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { others: [bridge] });
  let sim = await new DeviceSimulator({ path: pair.device, driver, addresses, resendEveryMs: 100 }).start();
  cleanup.push(async () => {
    await hub.stop();
    await sim.close();
    await pair.kill();
  });
  const kiosk = hub.client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (const b of bookings) expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
  await until(() => hub.hub.devices.list().some((d) => d.id === 'deskBus:0' && d.state === 'ok'), 5000, 'the bus open');
  return {
    hub,
    bridge,
    get sim() {
      return sim;
    },
    get pair() {
      return pair;
    },
    /** Pulls the adapter out: socat dies and its ptys go. */
    unplug: async () => {
      await sim.close();
      await pair.kill();
    },
    plugIn: async () => {
      pair = await ptyPair(dir);
      sim = await new DeviceSimulator({ path: pair.device, driver, addresses, resendEveryMs: 100 }).start();
    },
    device: (id: string) => hub.hub.devices.list().find((d) => d.id === id),
  };
}

for (const driver of [talonDriver, qsystemDriver]) {
  describe(`the ${driver.name} desk bus over a socat pty pair`, () => {
    it('shows a call on the called desk’s display, blinking, and on no other', async () => {
      const f = await floorWithBus(driver);
      const desk = f.hub.client('desk', TOKENS.desk(2));
      await connected(desk);
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true, call: { number: 1056, desk: 2 } });
      await until(() => f.sim.displays.get(2)?.text === shown(driver, 1056), 3000, 'the number on display 2');
      expect(f.sim.displays.get(2)!.blinks).toBe(3);
      expect(f.sim.displays.get(1)!.text).toBe('');
      expect(f.sim.displays.get(3)!.text).toBe('');
    });

    it('calls the next number when the keypad’s next key is pressed, once even if the press is sent twice', async () => {
      const f = await floorWithBus(driver);
      const board = f.hub.client('board');
      await connected(board);
      const calls: CallView[] = [];
      board.on('called', (c: CallView) => calls.push(c));
      f.sim.duplicatePresses = true;
      expect(await f.sim.press(1, 'next')).toBe(true);
      await until(() => f.sim.displays.get(1)?.text === shown(driver, 1056), 3000, 'the called number on display 1');
      await until(() => calls.length >= 1, 3000, 'a call on the board');
      expect(calls[0]).toMatchObject({ number: 1056, desk: 1 });
      expect(await f.sim.press(1, 'recall')).toBe(true);
      await until(() => calls.length >= 2, 3000, 'the recall on the board');
      expect(calls.map((c) => [c.number, c.recall])).toEqual([[1056, false], [1056, true]]);
      expect(f.hub.hub.floor.state().visits.get([...f.hub.hub.floor.state().visits.values()].find((v) => v.number === 1057)!.bookingId)?.state).toBe('checked_in');
    });

    it('skips random noise on the line and still works on the next frame', async () => {
      const f = await floorWithBus(driver);
      const noise = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 73 + 11) % 256));
      f.sim.noise(noise);
      const desk = f.hub.client('desk', TOKENS.desk(1));
      await connected(desk);
      await until(() => f.bridge.buses[0]!.skipped > 0, 3000, 'the noise read and skipped');
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true });
      await until(() => f.sim.displays.get(1)?.text === shown(driver, 1056), 3000, 'the number after the noise');
      expect(await f.sim.press(1, 'finish')).toBe(true);
      await until(() => f.sim.displays.get(1)?.text === '', 3000, 'the display cleared after finish');
    });

    it('reports a device that never acks as down', async () => {
      const f = await floorWithBus(driver, [1, 2]);
      const desk = f.hub.client('desk', TOKENS.desk(3));
      await connected(desk);
      await ask(desk, 'callNext', { commandId: cmdId() });
      await until(() => f.device('display:0:3')?.state === 'down', 3000, 'display 3 reported down');
      expect(f.device('display:0:3')!.detail).toMatch(/NO_ACK/);
    });

    it('notices the adapter unplugged and reconnects when the line is back', async () => {
      const f = await floorWithBus(driver);
      await f.unplug();
      await until(() => f.device('deskBus:0')?.state === 'down', 5000, 'the bus reported down');
      await f.plugIn();
      await until(() => f.device('deskBus:0')?.state === 'ok', 5000, 'the bus back');
      const desk = f.hub.client('desk', TOKENS.desk(2));
      await connected(desk);
      await ask(desk, 'callNext', { commandId: cmdId() });
      await until(() => f.sim.displays.get(2)?.text === shown(driver, 1056), 3000, 'a call shown after the reconnect');
    });

    it('shows the pause on a paused desk and the alert mark on every display during an alert', async () => {
      const f = await floorWithBus(driver);
      const desk = f.hub.client('desk', TOKENS.desk(3));
      const admin = f.hub.client('admin', TOKENS.admin);
      await Promise.all([connected(desk), connected(admin)]);
      expect(await ask(desk, 'pause', { commandId: cmdId() })).toMatchObject({ ok: true });
      const pause = driver.name === 'talon' ? 'ПАУЗА' : '---';
      await until(() => f.sim.displays.get(3)?.text === pause, 3000, 'the pause shown');
      expect(await ask(admin, 'alert', { commandId: cmdId(), active: true })).toMatchObject({ ok: true });
      if (driver.name === 'talon') await until(() => [1, 2, 3].every((a) => f.sim.displays.get(a)?.alert), 3000, 'the alert mark everywhere');
      else await until(() => [1, 2, 3].every((a) => f.sim.displays.get(a)?.text === 'AAA'), 3000, 'the alert mark everywhere');
    });
  });
}
