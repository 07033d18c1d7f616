/**
 * Fakes of the two official alert APIs, written from their public documentation, as real HTTP servers
 * on loopback. Each answers like the real one (shapes, 304, 401) and can be told to fail the ways the
 * real one does: 429 with Retry-After, a 500, garbage, or a hang (the request is never answered).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'ok' | 'unauthorized' | 'rate_limited' | 'error' | 'garbage' | 'hang';

export interface FakeRequest {
  method: string;
  path: string;
  auth: string | undefined;
  ifModifiedSince: string | undefined;
  body: string;
}

interface Base {
  url: string;
  mode: FakeMode;
  requests: FakeRequest[];
  /** Resolves with the first request (already received or still to come) that matches. */
  waitFor(match: (r: FakeRequest) => boolean): Promise<FakeRequest>;
  close(): Promise<void>;
}

/** A request log that wakes whoever waits for a matching request. */
function requestLog(): Pick<Base, 'requests' | 'waitFor'> & { record(r: FakeRequest): void } {
  const waiters: { match: (r: FakeRequest) => boolean; resolve: (r: FakeRequest) => void }[] = [];
  const requests: FakeRequest[] = [];
  return {
    requests,
    record(r) {
      requests.push(r);
      for (const w of waiters.splice(0)) {
        if (w.match(r)) w.resolve(r);
        else waiters.push(w);
      }
    },
    waitFor: (match) => {
      const found = requests.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void, record: (r: FakeRequest) => void, mode: () => FakeMode): Promise<{ url: string; close(): Promise<void> }> {
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      record({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, ifModifiedSince: req.headers['if-modified-since'], body });
      switch (mode()) {
        case 'hang':
          hanging.add(res);
          return;
        case 'rate_limited':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' }).end('{"message":"Too many requests"}');
          return;
        case 'error':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops');
          return;
        default:
          handle(req, res, body);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** An alert as alerts.in.ua lists it in /v1/alerts/active.json. */
export interface InUaAlert {
  id: number;
  location_title: string;
  location_type: 'oblast' | 'raion' | 'hromada' | 'city';
  started_at: string;
  finished_at: null;
  updated_at: string;
  alert_type: string;
  location_uid: string;
  location_oblast: string;
  location_oblast_uid: number;
  location_raion?: string;
  notes: string | null;
  calculated: boolean | null;
}

export interface AlertsInUaFake extends Base {
  token: string;
  alerts: InUaAlert[];
  /** Adds an alert for a location uid; the list's Last-Modified moves. */
  declare(locationUid: string, type?: string, locationType?: InUaAlert['location_type']): void;
  clear(locationUid?: string): void;
}

export async function startAlertsInUaFake(token = 'alerts-secret'): Promise<AlertsInUaFake> {
  const log = requestLog();
  let modified = new Date('2026-03-10T07:00:00Z');
  let ids = 1;
  const touch = () => {
    modified = new Date(modified.getTime() + 1000);
  };
  const fake: AlertsInUaFake = {
    url: '',
    mode: 'ok',
    token,
    alerts: [],
    requests: log.requests,
    waitFor: log.waitFor,
    close: async () => undefined,
    declare(locationUid, type = 'air_raid', locationType = 'raion') {
      const at = new Date(modified.getTime()).toISOString();
      fake.alerts.push({
        id: ids++,
        location_title: `Location ${locationUid}`,
        location_type: locationType,
        started_at: at,
        finished_at: null,
        updated_at: at,
        alert_type: type,
        location_uid: locationUid,
        location_oblast: 'Київська область',
        location_oblast_uid: 14,
        notes: null,
        calculated: null,
      });
      touch();
    },
    clear(locationUid) {
      fake.alerts = locationUid === undefined ? [] : fake.alerts.filter((a) => a.location_uid !== locationUid);
      touch();
    },
  };
  const served = await serve(
    (req, res) => {
      if (req.headers.authorization !== `Bearer ${fake.token}`) return json(res, 401, { message: 'Unauthorized' });
      if (req.method !== 'GET' || req.url !== '/v1/alerts/active.json') return json(res, 404, { message: 'Not found' });
      const since = req.headers['if-modified-since'];
      const lastModified = modified.toUTCString();
      if (since && Date.parse(since) >= Date.parse(lastModified)) {
        res.writeHead(304, { 'last-modified': lastModified }).end();
        return;
      }
      json(res, 200, { alerts: fake.alerts, meta: { last_updated_at: modified.toISOString(), type: 'full' }, disclaimer: 'fake' }, { 'last-modified': lastModified });
    },
    log.record,
    () => fake.mode,
  );
  fake.url = served.url;
  fake.close = served.close;
  return fake;
}

/** An active alert as api.ukrainealarm.com v3 lists it under a region. */
export interface UaActiveAlert {
  regionId: string;
  regionType: 'State' | 'District' | 'Community';
  type: string;
  lastUpdate: string;
}

export interface UkraineAlarmFake extends Base {
  token: string;
  lastActionIndex: number;
  /** Region id → its active alerts. */
  active: Map<string, UaActiveAlert[]>;
  webhooks: string[];
  declare(regionId: string, type?: string, regionType?: UaActiveAlert['regionType']): void;
  clear(regionId?: string): void;
  /** Calls every subscribed webhook as the API does on a change; resolves with their HTTP statuses. */
  notify(body: unknown): Promise<number[]>;
}

export async function startUkraineAlarmFake(token = 'ua-key-1:abcdef'): Promise<UkraineAlarmFake> {
  const log = requestLog();
  const fake: UkraineAlarmFake = {
    url: '',
    mode: 'ok',
    token,
    lastActionIndex: 1000,
    active: new Map(),
    webhooks: [],
    requests: log.requests,
    waitFor: log.waitFor,
    close: async () => undefined,
    declare(regionId, type = 'AIR', regionType = 'District') {
      const list = fake.active.get(regionId) ?? [];
      list.push({ regionId, regionType, type, lastUpdate: '2026-03-10T07:45:00Z' });
      fake.active.set(regionId, list);
      fake.lastActionIndex++;
    },
    clear(regionId) {
      if (regionId === undefined) fake.active.clear();
      else fake.active.delete(regionId);
      fake.lastActionIndex++;
    },
    async notify(body) {
      return Promise.all(fake.webhooks.map(async (u) => (await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status));
    },
  };
  const served = await serve(
    (req, res, body) => {
      // The key goes in the Authorization header as it is, with no scheme.
      if (req.headers.authorization !== fake.token) return json(res, 401, { message: 'Unauthorized' });
      const path = req.url ?? '';
      if (req.method === 'POST' && path === '/api/v3/webhook') {
        const hook = (JSON.parse(body || '{}') as { webHookUrl?: string }).webHookUrl;
        if (!hook) return json(res, 400, { message: 'webHookUrl is required' });
        fake.webhooks.push(hook);
        return json(res, 200, { webHookUrl: hook });
      }
      if (req.method !== 'GET') return json(res, 405, { message: 'Method not allowed' });
      if (path === '/api/v3/alerts/status') return json(res, 200, { lastActionIndex: fake.lastActionIndex });
      const m = /^\/api\/v3\/alerts\/([^/?]+)$/.exec(path);
      if (!m) return json(res, 404, { message: 'Not found' });
      const regionId = decodeURIComponent(m[1]!);
      // The region itself and any of its parts with alerts, each with its own active alerts.
      const own = fake.active.get(regionId) ?? [];
      json(res, 200, [
        { regionId, regionType: 'District', regionName: `Регіон ${regionId}`, regionEngName: `Region ${regionId}`, lastUpdate: '2026-03-10T07:45:00Z', activeAlerts: own },
      ]);
    },
    log.record,
    () => fake.mode,
  );
  fake.url = served.url;
  fake.close = served.close;
  return fake;
}
