/** A desk display that dies while its desk is idle: pinged, over a real socat pty pair, and shown down. */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceSimulator } from '../../../hardware/serial/deviceSimulator.js';
import { DeskBus } from '../../../hardware/serial/deskBus.js';
import { qsystemDriver } from '../../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import { DeskBusBridge } from '../../../main/hub/deskBusBridge.js';
import { at } from '../../helpers/floor.js';
import { startTestHub, testConfig, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until } from './socatPair.js';

const tempDir = useTempDir();
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('idle desk devices', () => {
  for (const driver of [talonDriver, qsystemDriver]) {
    it(`shows a ${driver.name} display that died while its desk was idle as down, and up again when it answers`, async () => {
      const dir = tempDir();
      const pair = await ptyPair(dir);
      const config = testConfig(
        {
          desks: [1, 2].map((n) => ({ number: n, services: ['DL_EXCHANGE'], token: TOKENS.desk(n), bus: { address: n } })),
          deskBus: { path: pair.hub, baudRate: 9600, driver: driver.name },
        },
        dir,
      );
      const sim = await new DeviceSimulator({ path: pair.device, driver, addresses: [1, 2] }).start();
      const bridge = new DeskBusBridge(config, { bus: { ackTimeoutMs: 60, attempts: 2, pingIdleEveryMs: 150 } });
      const hub = await startTestHub(dir, new TestClock(at('09:30')), [], config, { others: [bridge] });
      cleanup.push(async () => {
        await hub.stop();
        await sim.close();
        await pair.kill();
      });
      const state = (address: number) => hub.hub.devices.list().find((d) => d.id === `display:0:${address}`)?.state;
      await until(() => state(1) === 'ok' && state(2) === 'ok', 5000, 'both displays answering');

      // Nobody calls: only the idle ping can notice.
      sim.silent.add(2);
      await until(() => state(2) === 'down', 5000, 'the dead display shown down');
      expect(state(1)).toBe('ok');
      expect(hub.hub.devices.list().find((d) => d.id === 'display:0:2')!.detail).toMatch(/no ack/);

      sim.silent.delete(2);
      await until(() => state(2) === 'ok', 5000, 'the display back');
    });
  }

  it('pings an idle device, and not one it heard from lately', async () => {
    const dir = tempDir();
    const pair = await ptyPair(dir);
    const sim = await new DeviceSimulator({ path: pair.device, driver: talonDriver, addresses: [1] }).start();
    const pings: number[] = [];
    sim.on('display', (address, _state, command) => {
      if (command.kind === 'ping') pings.push(address);
    });
    const watched = new DeskBus({ path: pair.hub, driver: talonDriver, watch: [1], pingIdleEveryMs: 100 });
    cleanup.push(async () => {
      await watched.close();
      await sim.close();
      await pair.kill();
    });
    await watched.start();
    await until(() => pings.length >= 2, 5000, 'two idle pings');
    // Kept busy with commands, the device is not pinged on top of them.
    const before = pings.length;
    for (let i = 0; i < 10; i++) expect(await watched.send(1, { kind: 'number', number: 1000 + i, blink: 0 })).toMatchObject({ ok: true });
    expect(pings.length - before).toBeLessThanOrEqual(1);
  });
});
