import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertsInUaPoller, readAlertsInUa } from '../../../hardware/alerts/alertsInUa.js';
import { startAlertsServer, type AlertsServer } from '../../helpers/alertsInUaServer.js';

let server: AlertsServer;
beforeEach(async () => {
  server = await startAlertsServer();
});
afterEach(async () => {
  await server.close();
});

const read = () => readAlertsInUa({ token: 'secret-token', locationUid: 31, baseUrl: server.url });

describe('alerts.in.ua status', () => {
  it('asks for the configured location with the bearer token and reads A, P and N', async () => {
    for (const status of ['A', 'P', 'N'] as const) {
      server.answer = { status: 200, body: JSON.stringify(status) };
      expect(await read()).toEqual({ ok: true, status });
    }
    expect(server.requests[0]).toEqual({ path: '/v1/iot/active_air_raid_alerts/31.json', auth: 'Bearer secret-token' });
  });

  it('turns every failure into a coded value', async () => {
    const cases: [number, string, string][] = [
      [401, '"Unauthorized"', 'UNAUTHORIZED'],
      [429, '"Too many"', 'RATE_LIMITED'],
      [503, '', 'HTTP_ERROR'],
      [200, 'not json', 'BAD_ANSWER'],
      [200, '"X"', 'BAD_ANSWER'],
      [200, '{"alerts":[]}', 'BAD_ANSWER'],
    ];
    for (const [status, body, code] of cases) {
      server.answer = { status, body };
      expect(await read()).toMatchObject({ ok: false, error: { code } });
    }
    await server.close();
    expect(await read()).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    server = await startAlertsServer();
  });

  it('backs off after a failure and returns to its pace after an answer', async () => {
    const delays: number[] = [];
    const poller = new AlertsInUaPoller({
      token: 't', locationUid: 31, baseUrl: server.url, everyMs: 20_000, maxBackoffMs: 60_000,
      setTimer: (_fn, ms) => {
        delays.push(ms);
        return { cancel: () => undefined };
      },
    });
    server.answer = { status: 429, body: '""' };
    await poller.poll();
    await poller.poll();
    await poller.poll();
    server.answer = { status: 200, body: '"N"' };
    await poller.poll();
    poller.stop();
    expect(delays).toEqual([40_000, 60_000, 60_000, 20_000]);
  });
});
