import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setAlert } from '../../../main/core/alert.js';
import { AlertsInUaBridge } from '../../../main/hub/alertsInUaBridge.js';
import { at, booking } from '../../helpers/floor.js';
import { startAlertsServer } from '../../helpers/alertsInUaServer.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

async function hubWithAlertsInUa(partial: 'alert' | 'ignore' = 'alert') {
  const dir = tempDir();
  const server = await startAlertsServer();
  const tokenFile = join(dir, 'alerts.token');
  writeFileSync(tokenFile, 'alerts-secret\n');
  const bridge = new AlertsInUaBridge({ tokenFile, locationUid: 31, partial, pollEveryMs: 20_000, baseUrl: server.url }, { autoStart: false });
  const t = await startTestHub(dir, new TestClock(at('09:30')), [booking(1000, '10:00')], undefined, { others: [bridge] });
  return { t, server, poll: () => bridge.poller!.poll(), stop: async () => (await t.stop(), await server.close()) };
}

describe('automatic alert sources', () => {
  it('freezes the floor while alerts.in.ua reports an alert for the location and lifts it on "N"', async () => {
    const { t, server, poll, stop } = await hubWithAlertsInUa();
    try {
      const desk = t.client('desk', TOKENS.desk(1));
      await connected(desk);
      server.answer = { status: 200, body: '"A"' };
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'alertsInUa' });
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: false, error: { code: 'ALERT_ACTIVE' } });
      expect(t.hub.devices.list()).toEqual([expect.objectContaining({ id: 'alerts:alertsInUa', state: 'ok', detail: 'alert' })]);
      server.answer = { status: 200, body: '"N"' };
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(false);
      expect(server.requests.every((r) => r.auth === 'Bearer alerts-secret')).toBe(true);
    } finally {
      await stop();
    }
  });

  it('keeps the floor as it is when alerts.in.ua does not answer, and shows the source as down', async () => {
    const { t, server, poll, stop } = await hubWithAlertsInUa();
    try {
      server.answer = { status: 200, body: '"A"' };
      await poll();
      server.answer = { status: 500, body: '' };
      await poll();
      expect(t.hub.floor.state().alert.active).toBe(true);
      expect(t.hub.devices.list()[0]).toMatchObject({ state: 'down', detail: 'HTTP_ERROR: HTTP 500' });
    } finally {
      await stop();
    }
  });

  it('counts an alert in part of the location only when the config says so', async () => {
    for (const [partial, expected] of [['alert', true], ['ignore', false]] as const) {
      const { t, server, poll, stop } = await hubWithAlertsInUa(partial);
      try {
        server.answer = { status: 200, body: '"P"' };
        await poll();
        expect(t.hub.floor.state().alert.active).toBe(expected);
      } finally {
        await stop();
      }
    }
  });

  it('never ends an alert the admin switched on by hand', async () => {
    const { t, server, poll, stop } = await hubWithAlertsInUa();
    try {
      const admin = t.client('admin', TOKENS.admin);
      await connected(admin);
      await ask(admin, 'alert', { commandId: cmdId(), active: true });
      server.answer = { status: 200, body: '"A"' };
      await poll();
      server.answer = { status: 200, body: '"N"' };
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'manual' });
    } finally {
      await stop();
    }
  });

  it('keeps the alert while any automatic source still reports one', async () => {
    const { t, server, poll, stop } = await hubWithAlertsInUa();
    try {
      t.hub.alerts.report('central', true);
      server.answer = { status: 200, body: '"A"' };
      await poll();
      server.answer = { status: 200, body: '"N"' };
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
    const { t, server, poll, stop } = await hubWithAlertsInUa();
    try {
      // The alert central started before the restart is in the store; central has not reported since.
      t.hub.floor.run((s, now) => setAlert(s, true, 'central', now));
      server.answer = { status: 200, body: '"N"' };
      await poll();
      expect(t.hub.floor.state().alert).toMatchObject({ active: true, source: 'central' });
      t.hub.alerts.report('central', false);
      expect(t.hub.floor.state().alert.active).toBe(false);
    } finally {
      await stop();
    }
  });
});
