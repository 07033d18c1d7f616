import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAlert } from '../../../main/core/alert.js';
import type { AlertType } from '../../../main/core/alertTypes.js';
import { AlertsInUaBridge } from '../../../main/hub/alertsInUaBridge.js';
import { UkraineAlarmBridge } from '../../../main/hub/ukraineAlarmBridge.js';
import type { DeviceView, ThreatView } from '../../../sync/protocol/hub.js';
import { startAlertsInUaFake, startUkraineAlarmFake } from '../../helpers/alertFakes.js';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, next, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const LOCATION = { hromada: '1301', raion: '1060', oblast: '14' };

async function hubWithAlertsInUa(freezeTypes: AlertType[] = ['air_raid']) {
  const dir = tempDir();
  const fake = await startAlertsInUaFake();
  const tokenFile = join(dir, 'alerts.token');
  writeFileSync(tokenFile, `${fake.token}\n`);
  const settings = { tokenFile, location: LOCATION, pollEveryMs: 20_000, baseUrl: fake.url, timeoutMs: 10_000 };
  const bridge = new AlertsInUaBridge(settings, freezeTypes, { autoStart: false });
  const t = await startTestHub(dir, new TestClock(at('09:30')), [booking(1000, '10:00')], undefined, { others: [bridge] });
  return { t, fake, settings, poll: () => bridge.poller!.poll(), stop: async () => (await t.stop(), await fake.close()) };
}

async function hubWithUkraineAlarm(webhook = false, publicUrl?: string) {
  const dir = tempDir();
  const fake = await startUkraineAlarmFake();
  const tokenFile = join(dir, 'ua.key');
  const secretFile = join(dir, 'ua.webhook');
  writeFileSync(tokenFile, `${fake.token}\n`);
  writeFileSync(secretFile, 'hook-secret-42\n');
  const settings = { tokenFile, location: LOCATION, pollEveryMs: 10_000, baseUrl: fake.url, timeoutMs: 10_000, ...(webhook && { webhook: { secretFile, ...(publicUrl && { publicUrl }) } }) };
  const bridge = new UkraineAlarmBridge(settings, ['air_raid'], { autoStart: false });
  const t = await startTestHub(dir, new TestClock(at('09:30')), [booking(1000, '10:00')], undefined, { others: [bridge] });
  return { t, fake, bridge, settings, poll: () => bridge.poller!.poll(), stop: async () => (await t.stop(), await fake.close()) };
}

const device = (list: DeviceView[], id: string) => list.find((d) => d.id === id);

describe('alerts.in.ua through the hub', () => {
  it('freezes the floor while an air-raid alert is declared for the centre’s raion and lifts it when it ends', async () => {
    const { t, fake, poll, stop } = await hubWithAlertsInUa();
    try {
      const desk = t.client('desk', TOKENS.desk(1));
      await connected(desk);
      fake.declare('1060', 'air_raid');
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'alertsInUa' });
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
      expect(device(t.hub.devices.list(), 'alerts:alertsInUa')).toMatchObject({ state: 'ok', detail: 'air_raid (raion 1060)' });
      // Unchanged: the service answers 304 and the alert holds.
      await poll();
      expect(fake.requests.at(-1)!.ifModifiedSince).toBeDefined();
      expect(t.hub.floor.state().alert.active).toBe(true);
      fake.clear();
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(false);
      expect(fake.requests.every((r) => r.auth === `Bearer ${fake.token}`)).toBe(true);
    } finally {
      await stop();
    }
  });

  it('a failing source shows as a device problem and never ends the alert by itself', async () => {
    const { t, fake, settings, poll, stop } = await hubWithAlertsInUa();
    try {
      fake.declare('14', 'air_raid', 'oblast');
      await poll();
      for (const [mode, state, detail] of [
        ['error', 'down', 'HTTP_ERROR: HTTP 500'],
        ['rate_limited', 'degraded', 'RATE_LIMITED: HTTP 429'],
        ['hang', 'down', 'TIMEOUT: no answer within 300 ms'],
        ['unauthorized', 'down', 'UNAUTHORIZED: HTTP 401'],
      ] as const) {
        fake.mode = mode === 'unauthorized' ? 'ok' : mode;
        if (mode === 'unauthorized') fake.token = 'rotated-token';
        // Only the hang waits for the timeout; answers get a generous one, so load cannot fail them.
        settings.timeoutMs = mode === 'hang' ? 300 : 10_000;
        await poll();
        expect(t.hub.floor.state().alert.active).toBe(true);
        expect(device(t.hub.devices.list(), 'alerts:alertsInUa')).toMatchObject({ state, detail });
      }
    } finally {
      await stop();
    }
  });

  it('a shelling alert shows on the admin page and does not freeze by default', async () => {
    const { t, fake, poll, stop } = await hubWithAlertsInUa();
    try {
      const admin = t.client('admin', TOKENS.admin);
      expect(await next<ThreatView[]>(admin, 'threats')).toEqual([]);
      const shown = next<ThreatView[]>(admin, 'threats');
      fake.declare('1060', 'artillery_shelling');
      await poll();
      expect(await shown).toEqual([{ type: 'artillery_shelling', source: 'alertsInUa', location: 'raion 1060', since: expect.any(Number), freezes: false }]);
      expect(t.hub.floor.state().alert.active).toBe(false);
      const desk = t.client('desk', TOKENS.desk(1));
      await connected(desk);
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'QUEUE_EMPTY' } });
    } finally {
      await stop();
    }
  });

  it('freezes for shelling too when the config lists it among alerts.freezeTypes', async () => {
    const { t, fake, poll, stop } = await hubWithAlertsInUa(['air_raid', 'artillery_shelling']);
    try {
      fake.declare('1301', 'artillery_shelling', 'hromada');
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'alertsInUa' });
      expect(t.hub.alerts.threats()).toMatchObject([{ type: 'artillery_shelling', freezes: true }]);
    } finally {
      await stop();
    }
  });
});

describe('the "Повітряна тривога" API through the hub', () => {
  it('freezes the floor while an air-raid alert is declared for the centre’s hromada and lifts it when it ends', async () => {
    const { t, fake, poll, stop } = await hubWithUkraineAlarm();
    try {
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(false);
      fake.declare('1301', 'AIR', 'Community');
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'ukraineAlarm' });
      expect(device(t.hub.devices.list(), 'alerts:ukraineAlarm')).toMatchObject({ state: 'ok', detail: 'air_raid (hromada 1301)' });
      fake.clear('1301');
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(false);
    } finally {
      await stop();
    }
  });

  it('a failing source shows as a device problem and never ends the alert by itself', async () => {
    const { t, fake, settings, poll, stop } = await hubWithUkraineAlarm();
    try {
      fake.declare('14', 'AIR', 'State');
      await poll();
      fake.mode = 'hang';
      settings.timeoutMs = 300;
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(true);
      expect(device(t.hub.devices.list(), 'alerts:ukraineAlarm')).toMatchObject({ state: 'down', detail: 'TIMEOUT: no answer within 300 ms' });
      fake.mode = 'ok';
      settings.timeoutMs = 10_000;
      fake.token = 'revoked';
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(true);
      expect(device(t.hub.devices.list(), 'alerts:ukraineAlarm')).toMatchObject({ state: 'down', detail: 'UNAUTHORIZED: HTTP 401' });
    } finally {
      await stop();
    }
  });

  it('a shelling alert shows on the admin page and does not freeze by default', async () => {
    const { t, fake, poll, stop } = await hubWithUkraineAlarm();
    try {
      fake.declare('1060', 'ARTILLERY');
      await poll();
      expect(t.hub.alerts.threats()).toEqual([{ type: 'artillery_shelling', source: 'ukraineAlarm', location: 'raion 1060', since: expect.any(Number), freezes: false }]);
      expect(t.hub.floor.state().alert.active).toBe(false);
    } finally {
      await stop();
    }
  });

  it('reads the API at once when its webhook calls the hub, and answers 404 to a wrong secret', async () => {
    const { t, fake, stop } = await hubWithUkraineAlarm(true);
    try {
      const hook = `${t.hub.url}/hooks/ukrainealarm/hook-secret-42`;
      fake.webhooks.push(hook, `${t.hub.url}/hooks/ukrainealarm/guessed`);
      fake.declare('1060', 'AIR');
      const frozen = new Promise<void>((resolve) => t.hub.floor.on('change', (c) => c.patch.alert && resolve()));
      expect(await fake.notify({ regionId: '1060', regionType: 'District', alarmType: 'AIR', status: 'Activate', createdAt: '2026-03-10T07:45:00Z' })).toEqual([202, 404]);
      await frozen;
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'ukraineAlarm' });
      const bad = await fetch(hook, { method: 'POST', body: '"not an object"' });
      expect(bad.status).toBe(400);
      expect((await fetch(hook)).status).toBe(405);
    } finally {
      await stop();
    }
  });
});

describe('the webhook subscription', () => {
  it('subscribes the hub’s public webhook address with the API at start-up', async () => {
    const { fake, stop } = await hubWithUkraineAlarm(true, 'http://talon-8041.example:7300/');
    try {
      const call = await fake.waitFor((r) => r.method === 'POST' && r.path === '/api/v3/webhook');
      expect(JSON.parse(call.body)).toEqual({ webHookUrl: 'http://talon-8041.example:7300/hooks/ukrainealarm/hook-secret-42' });
      expect(call.auth).toBe(fake.token);
    } finally {
      await stop();
    }
  });
});

describe('how sources combine', () => {
  it('never ends an alert the admin switched on by hand', async () => {
    const { t, fake, poll, stop } = await hubWithAlertsInUa();
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      fake.declare('1060');
      await poll();
      fake.clear();
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'manual' });
    } finally {
      await stop();
    }
  });

  it('keeps the alert while any automatic source still reports one', async () => {
    const { t, fake, poll, stop } = await hubWithAlertsInUa();
    try {
      t.hub.alerts.report('central', true);
      fake.declare('1060');
      await poll();
      fake.clear();
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'central' });
      expect(t.hub.alerts.reporting()).toEqual(['central']);
      t.hub.alerts.report('central', false);
      expect(t.hub.floor.state().alert.active).toBe(false);
    } finally {
      await stop();
    }
  });

  it('after a restart keeps an alert another source started until that source says it is over', async () => {
    const { t, poll, stop } = await hubWithAlertsInUa();
    try {
      // The alert central started before the restart is in the store; central has not reported since.
      t.hub.floor.run((s, now) => setAlert(s, true, 'central', now));
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'central' });
      t.hub.alerts.report('central', false);
      expect(t.hub.floor.state().alert.active).toBe(false);
    } finally {
      await stop();
    }
  });
});
