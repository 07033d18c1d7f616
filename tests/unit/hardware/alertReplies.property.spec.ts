/** Garbage at the alert sources' boundaries: whatever an API answers, a reading is a value, never a throw. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_TYPES } from '../../../main/core/alertTypes.js';
import { AlertsInUaClient, alertsFor } from '../../../hardware/alerts/alertsInUa.js';
import type { LocationId, SourceReading } from '../../../hardware/alerts/source.js';
import { regionAlerts, UkraineAlarmClient } from '../../../hardware/alerts/ukraineAlarm.js';

const HERE: LocationId[] = [
  { level: 'hromada', id: '1301' },
  { level: 'raion', id: '1060' },
  { level: 'oblast', id: '14' },
];
const CODES = ['UNAUTHORIZED', 'RATE_LIMITED', 'HTTP_ERROR', 'BAD_ANSWER', 'UNREACHABLE', 'TIMEOUT'];

/** JSON-ish values that look like the real answers often enough to reach the deep branches. */
const field = fc.oneof(fc.constantFrom('1301', '1060', '14', 1301, 14, '', null), fc.string({ maxLength: 8 }), fc.integer());
const alertish = fc.record(
  {
    alert_type: fc.oneof(fc.constantFrom(...ALERT_TYPES, 'flood'), fc.string({ maxLength: 12 }), fc.integer()),
    location_uid: field,
    started_at: fc.oneof(fc.constant('2026-03-10T07:45:00.000Z'), fc.string({ maxLength: 30 }), fc.constant(null)),
    finished_at: fc.oneof(fc.constant(null), fc.string({ maxLength: 30 })),
    regionId: field,
    type: fc.oneof(fc.constantFrom('AIR', 'ARTILLERY', 'URBAN_FIGHTS', 'CHEMICAL', 'NUCLEAR', 'INFO'), fc.string({ maxLength: 12 })),
    lastUpdate: fc.oneof(fc.constant('2026-03-10T07:45:00Z'), fc.string({ maxLength: 30 })),
  },
  { requiredKeys: [] },
);
const answerish = fc.oneof(
  fc.anything(),
  fc.record({ alerts: fc.array(fc.oneof(alertish, fc.anything()), { maxLength: 6 }) }, { requiredKeys: [] }),
  fc.array(fc.record({ regionId: field, activeAlerts: fc.oneof(fc.array(alertish, { maxLength: 4 }), fc.anything()) }, { requiredKeys: [] }), { maxLength: 4 }),
  fc.record({ lastActionIndex: fc.oneof(fc.integer(), fc.string(), fc.double()) }, { requiredKeys: [] }),
);

function wellFormed(alerts: unknown): void {
  expect(Array.isArray(alerts)).toBe(true);
  for (const a of alerts as { type: string; location: string; since: number | null }[]) {
    expect(ALERT_TYPES).toContain(a.type);
    expect(HERE.map((l) => `${l.level} ${l.id}`)).toContain(a.location);
    expect(a.since === null || Number.isFinite(a.since)).toBe(true);
  }
}

function isValue(r: SourceReading): void {
  if (r.ok) wellFormed(r.alerts);
  else expect(CODES).toContain(r.error.code);
}

describe('parsing what the alert APIs answer', () => {
  it('keeps only well-formed alerts for the centre’s locations from any alerts.in.ua answer', () => {
    fc.assert(
      fc.property(answerish, (value) => {
        const alerts = alertsFor(value, HERE);
        if (alerts !== null) wellFormed(alerts);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps only well-formed alerts for the centre’s locations from any ukrainealarm region answer', () => {
    fc.assert(
      fc.property(answerish, (value) => {
        const alerts = regionAlerts(value, HERE);
        if (alerts !== null) wellFormed(alerts);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the clients against a server answering anything', () => {
  let reply = { status: 200, headers: {} as Record<string, string>, body: '' };
  const server = createServer((_req, res) => {
    res.writeHead(reply.status, reply.headers).end(reply.status === 304 ? undefined : reply.body);
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const replies = fc.record({
    status: fc.constantFrom(200, 200, 200, 304, 400, 401, 403, 404, 429, 500, 503),
    headers: fc.record(
      { 'retry-after': fc.oneof(fc.constantFrom('60', '0', '-5', 'soon'), fc.string({ maxLength: 6 }).filter((s) => /^[\x21-\x7e]*$/.test(s))), 'last-modified': fc.constantFrom('Tue, 10 Mar 2026 07:00:01 GMT', 'yesterday') },
      { requiredKeys: [] },
    ),
    body: fc.oneof(answerish.map((v) => JSON.stringify(v) ?? 'null'), fc.string({ maxLength: 80 })),
  });

  it('alerts.in.ua: every reply becomes a reading or a coded error', async () => {
    const client = new AlertsInUaClient({ token: 't', locations: HERE, baseUrl: url, timeoutMs: 10_000 });
    await fc.assert(
      fc.asyncProperty(replies, async (r) => {
        reply = r;
        isValue(await client.read());
      }),
      { numRuns: 120 },
    );
  });

  it('ukrainealarm: every reply becomes a reading or a coded error', async () => {
    const client = new UkraineAlarmClient({ token: 't', locations: HERE, baseUrl: url, timeoutMs: 10_000 });
    await fc.assert(
      fc.asyncProperty(replies, fc.boolean(), async (r, force) => {
        reply = r;
        isValue(await client.read(force));
      }),
      { numRuns: 120 },
    );
  });
});
