import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERTS_IN_UA_MIN_MS, AlertsInUaClient } from '../../../hardware/alerts/alertsInUa.js';
import { SourcePoller, type LocationId } from '../../../hardware/alerts/source.js';
import { startAlertsInUaFake, type AlertsInUaFake } from '../../helpers/alertFakes.js';

const HERE: LocationId[] = [
  { level: 'hromada', id: '1301' },
  { level: 'raion', id: '1060' },
  { level: 'oblast', id: '14' },
];

let fake: AlertsInUaFake;
beforeEach(async () => {
  fake = await startAlertsInUaFake();
});
afterEach(async () => {
  await fake.close();
});

const client = (over: Partial<ConstructorParameters<typeof AlertsInUaClient>[0]> = {}) =>
  new AlertsInUaClient({ token: fake.token, locations: HERE, baseUrl: fake.url, timeoutMs: 10_000, ...over });

describe('alerts.in.ua', () => {
  it('lists the alerts declared for the centre’s hromada, raion or oblast, by type, and no others', async () => {
    fake.declare('1060', 'air_raid');
    fake.declare('14', 'artillery_shelling', 'oblast');
    fake.declare('999', 'air_raid');
    fake.declare('1301', 'flood');
    const reading = await client().read();
    expect(reading).toEqual({
      ok: true,
      unchanged: false,
      alerts: [
        { type: 'air_raid', location: 'raion 1060', since: expect.any(Number) },
        { type: 'artillery_shelling', location: 'oblast 14', since: expect.any(Number) },
      ],
    });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/alerts/active.json', auth: `Bearer ${fake.token}` });
  });

  it('asks with If-Modified-Since and keeps the last list when the service answers 304', async () => {
    fake.declare('1060');
    const c = client();
    await c.read();
    const again = await c.read();
    expect(again).toMatchObject({ ok: true, unchanged: true, alerts: [{ type: 'air_raid' }] });
    // The Last-Modified of the first answer (the fake's list moved one second with the alert).
    expect(fake.requests[1]!.ifModifiedSince).toBe(new Date('2026-03-10T07:00:01Z').toUTCString());
    fake.clear();
    expect(await c.read()).toEqual({ ok: true, unchanged: false, alerts: [] });
  });

  it('turns a wrong token, a rate limit, a failure, garbage and a hang into coded values', async () => {
    expect(await client({ token: 'wrong' }).read()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    fake.mode = 'rate_limited';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterMs: 60_000 } });
    fake.mode = 'error';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR', detail: 'HTTP 500' } });
    fake.mode = 'garbage';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'BAD_ANSWER' } });
    fake.mode = 'hang';
    // Only the hang waits for the timeout; the other answers get a generous one, so load cannot fail them.
    expect(await client({ timeoutMs: 300 }).read()).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(await client({ baseUrl: 'http://127.0.0.1:1' }).read()).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
  });

  it('never polls faster than every 15 s, whatever it is configured to or told by failures', async () => {
    const delays: number[] = [];
    const c = client();
    const poller = new SourcePoller(() => c.read(), {
      everyMs: 5000,
      minMs: ALERTS_IN_UA_MIN_MS,
      maxBackoffMs: 60_000,
      setTimer: (_fn: () => void, ms: number) => {
        delays.push(ms);
        return { cancel: () => undefined };
      },
    });
    await poller.poll();
    fake.mode = 'error';
    await poller.poll();
    await poller.poll();
    fake.mode = 'rate_limited';
    await poller.poll();
    fake.mode = 'ok';
    await poller.poll();
    poller.stop();
    expect(delays).toEqual([15_000, 30_000, 60_000, 60_000, 15_000]);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(15_000);
  });
});
