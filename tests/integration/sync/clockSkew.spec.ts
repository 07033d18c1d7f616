/**
 * The hub against a reference central whose clock is off (docs/sync.md, "Clock"): within the
 * correction bound the hub follows central; past it (+3 days) it keeps its own clock, the admin page
 * shows a `clock` problem, the link reads degraded, and the floor keeps serving.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { DeviceView } from '../../../sync/protocol/hub.js';
import { at } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { hubConfig, startSyncedHub, startTestCentral, until } from './fixture.js';

const tempDir = useTempDir('talon-clock-skew-');
const DAY = '2026-03-10';
const MIN = 60_000;

/** The hub's test clock, and central's running `skew` ahead of it. */
async function skewedPair(skewMs: number, config: (c: ReturnType<typeof hubConfig>) => void = () => undefined) {
  const clock = new TestClock(at('09:30', DAY));
  const centralClock = Object.assign(new TestClock(0), { now: () => clock.now() + skewMs });
  const dir = tempDir();
  const central = await startTestCentral(centralClock);
  const c = hubConfig(dir, central.url);
  config(c);
  const hub = await startSyncedHub(c, clock);
  const admin = hub.client('admin', TOKENS.admin);
  await connected(admin);
  return {
    clock, central, hub, admin,
    stop: async () => {
      await hub.stop();
      await central.close();
    },
  };
}

async function devices(admin: Socket): Promise<DeviceView[]> {
  return ((await ask(admin, 'devices', {})) as { devices: DeviceView[] }).devices;
}

describe('a central whose clock is off', () => {
  it('+3 days: the hub keeps its own clock, shows the clock problem, reads degraded and keeps serving', async () => {
    const p = await skewedPair(3 * 24 * 60 * MIN);
    try {
      const pushed = next<DeviceView[]>(p.admin, 'devices');
      await p.hub.link.round();
      // The admin page is told, not only answered when it asks.
      await pushed;
      await until(async () => (await devices(p.admin)).some((d) => d.id === 'clock'));
      expect((await devices(p.admin)).find((d) => d.id === 'clock')).toMatchObject({
        kind: 'clock', state: 'down', detail: 'off by +3 d, past the bound of 60 min: the hub keeps its own clock',
      });
      expect(p.hub.link.view()).toMatchObject({ state: 'degraded', clockSuspect: true, clockSkewMs: 3 * 24 * 60 * MIN });
      expect(p.hub.link.clock.now()).toBe(p.clock.now());
      expect(p.hub.centre.hub.floor.state().day).toBe(DAY);
      // Serving goes on, on the hub's own time: a desk's pause is stamped with it.
      const desk = p.hub.client('desk', TOKENS.desk(1));
      await connected(desk);
      expect(await ask(desk, 'pause', { commandId: cmdId(), reason: 'lunch' })).toMatchObject({ ok: true, desk: { status: 'paused', since: p.clock.now() } });
      // Another round with the same skew changes nothing (no flapping between rounds).
      await p.hub.link.round();
      expect(p.hub.link.view().state).toBe('degraded');
      expect(p.hub.link.clock.now()).toBe(p.clock.now());
    } finally {
      await p.stop();
    }
  });

  it('+20 min: corrected to central\'s time, the clock device says so and the link reads degraded', async () => {
    const p = await skewedPair(20 * MIN);
    try {
      await p.hub.link.round();
      expect(p.hub.link.clock.now()).toBe(p.clock.now() + 20 * MIN);
      expect(p.hub.link.view()).toMatchObject({ state: 'degraded', clockSuspect: true });
      await until(async () => (await devices(p.admin)).some((d) => d.id === 'clock'));
      expect((await devices(p.admin)).find((d) => d.id === 'clock')).toMatchObject({ state: 'degraded', detail: "corrected to central's time (+20 min)" });
      // /health shows the same link.
      const health = (await (await fetch(`${p.hub.centre.hub.url}/health?details`, { headers: { authorization: `Bearer ${TOKENS.admin}` } })).json()) as { serverTime: number };
      expect(health.serverTime).toBe(p.clock.now() + 20 * MIN);
    } finally {
      await p.stop();
    }
  });

  it('+30 s: inside the skew bound the machine clock is trusted, the link is online; with a tighter bound it is corrected', async () => {
    const p = await skewedPair(30_000);
    try {
      await p.hub.link.round();
      expect(p.hub.link.clock.now()).toBe(p.clock.now());
      expect(p.hub.link.view()).toMatchObject({ state: 'online', clockSuspect: false, clockSkewMs: 30_000 });
      await until(async () => (await devices(p.admin)).some((d) => d.id === 'clock'));
      expect((await devices(p.admin)).find((d) => d.id === 'clock')).toMatchObject({ state: 'ok', detail: 'in step with central' });
    } finally {
      await p.stop();
    }
    const tight = await skewedPair(30_000, (c) => {
      c.central!.clockSkewBoundMs = 10_000;
    });
    try {
      await tight.hub.link.round();
      expect(tight.hub.link.clock.now()).toBe(tight.clock.now() + 30_000);
      expect(tight.hub.link.view().state).toBe('degraded');
    } finally {
      await tight.stop();
    }
  });
});
