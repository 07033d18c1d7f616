import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocationId } from '../../../hardware/alerts/source.js';
import { UkraineAlarmClient } from '../../../hardware/alerts/ukraineAlarm.js';
import { startUkraineAlarmFake, type UkraineAlarmFake } from '../../helpers/alertFakes.js';

const HERE: LocationId[] = [
  { level: 'hromada', id: '1301' },
  { level: 'raion', id: '1060' },
  { level: 'oblast', id: '14' },
];

let fake: UkraineAlarmFake;
beforeEach(async () => {
  fake = await startUkraineAlarmFake();
});
afterEach(async () => {
  await fake.close();
});

const client = (over: Partial<ConstructorParameters<typeof UkraineAlarmClient>[0]> = {}) =>
  new UkraineAlarmClient({ token: fake.token, locations: HERE, baseUrl: fake.url, timeoutMs: 10_000, ...over });

describe('the "Повітряна тривога" API', () => {
  it('reads the status counter, then each of the centre’s regions, with the key as it is', async () => {
    fake.declare('1060', 'AIR');
    fake.declare('14', 'ARTILLERY', 'State');
    fake.declare('1301', 'INFO', 'Community');
    const reading = await client().read();
    expect(reading).toEqual({
      ok: true,
      unchanged: false,
      alerts: [
        { type: 'air_raid', location: 'raion 1060', since: Date.parse('2026-03-10T07:45:00Z') },
        { type: 'artillery_shelling', location: 'oblast 14', since: Date.parse('2026-03-10T07:45:00Z') },
      ],
    });
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v3/alerts/status', '/api/v3/alerts/1301', '/api/v3/alerts/1060', '/api/v3/alerts/14']);
    expect(fake.requests.every((r) => r.auth === fake.token)).toBe(true);
  });

  it('reads only the counter while it does not move, and the regions again when it does or when forced', async () => {
    const c = client();
    await c.read();
    fake.requests.length = 0;
    expect(await c.read()).toEqual({ ok: true, unchanged: true, alerts: [] });
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v3/alerts/status']);
    fake.declare('1301', 'AIR', 'Community');
    expect(await c.read()).toMatchObject({ ok: true, unchanged: false, alerts: [{ type: 'air_raid', location: 'hromada 1301' }] });
    fake.requests.length = 0;
    await c.read(true);
    expect(fake.requests).toHaveLength(4);
  });

  it('turns a wrong key, a rate limit, a failure, garbage and a hang into coded values', async () => {
    expect(await client({ token: 'wrong' }).read()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    fake.mode = 'rate_limited';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    fake.mode = 'error';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR' } });
    fake.mode = 'garbage';
    expect(await client().read()).toMatchObject({ ok: false, error: { code: 'BAD_ANSWER' } });
    fake.mode = 'hang';
    // Only the hang waits for the timeout; the other answers get a generous one, so load cannot fail them.
    expect(await client({ timeoutMs: 300 }).read()).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('subscribes its webhook URL', async () => {
    expect(await client().subscribe('http://hub.example:7300/hooks/ukrainealarm/s3cret')).toEqual({ ok: true });
    expect(fake.webhooks).toEqual(['http://hub.example:7300/hooks/ukrainealarm/s3cret']);
  });
});
