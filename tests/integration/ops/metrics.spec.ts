/** GET /metrics on a real hub: tokens, and the numbers moving with what happens on the floor. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ask, cmdId, connected, startTestHub, testConfig, TestClock, TOKENS } from '../../helpers/hub.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';
import { talonVersion } from '../../../main/ops/version.js';

const tempDir = useTempDir('talon-metrics-');
const METRICS_TOKEN = 'metrics-token-1';

/** The value of one sample in the exposition text; null when the series is absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return null;
}

async function scrape(url: string, token: string | null = TOKENS.admin): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/metrics`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('GET /metrics', () => {
  it('answers a metrics token or the admin token, and nobody else', async () => {
    const config = testConfig({ hub: { host: '127.0.0.1', port: 0, kioskTokens: [TOKENS.kiosk], adminTokens: [TOKENS.admin], metricsTokens: [METRICS_TOKEN] } }, tempDir());
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [], config);
    try {
      expect((await scrape(t.hub.url, null)).status).toBe(401);
      expect((await scrape(t.hub.url, TOKENS.kiosk)).status).toBe(401);
      expect((await scrape(t.hub.url, TOKENS.desk(1))).status).toBe(401);
      const byMetrics = await scrape(t.hub.url, METRICS_TOKEN);
      expect(byMetrics.status).toBe(200);
      expect(byMetrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sample(byMetrics.text, 'talon_info', { centre: '8041', version: talonVersion() })).toBe(1);
      expect((await scrape(t.hub.url, TOKENS.admin)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  it('refuses any garbage in the Authorization header with 401 and stays up', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), async (garbage) => {
          const header = garbage.replace(/[^\x20-\x7e]/g, '');
          const res = await fetch(`${t.hub.url}/metrics`, { headers: { authorization: header } });
          await res.text();
          return header === `Bearer ${TOKENS.admin}` || res.status === 401;
        }),
        { numRuns: 60 },
      );
      expect((await scrape(t.hub.url)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  it('counts commands, refusals by code and calls, and shows queues, desks and the longest wait', async () => {
    const clock = new TestClock(at('09:30'));
    const [b1, b2] = [booking(1000, '10:00'), booking(1001, '10:00')];
    const t = await startTestHub(tempDir(), clock, [b1!, b2!]);
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([connected(kiosk), connected(desk)]);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b1!.code })).toMatchObject({ ok: true });
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b2!.code })).toMatchObject({ ok: true });
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: 'ZZZZ9999' })).toMatchObject({ ok: false });
      clock.advance(90_000);
      const before = (await scrape(t.hub.url)).text;
      expect(sample(before, 'talon_waiting', { service: 'DL_EXCHANGE' })).toBe(2);
      expect(sample(before, 'talon_longest_wait_seconds')).toBe(90);
      expect(sample(before, 'talon_waiting', { service: 'THEORY_EXAM' })).toBe(0);
      expect(sample(before, 'talon_desks', { state: 'idle' })).toBe(3);

      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true });
      const after = (await scrape(t.hub.url)).text;
      expect(sample(after, 'talon_calls_total', { service: 'DL_EXCHANGE', kind: 'call' })).toBe(1);
      expect(sample(after, 'talon_waiting', { service: 'DL_EXCHANGE' })).toBe(1);
      expect(sample(after, 'talon_desks', { state: 'busy' })).toBe(1);
      expect(sample(after, 'talon_desks', { state: 'idle' })).toBe(2);
      expect(sample(after, 'talon_commands_total', { ns: 'kiosk', event: 'checkIn', outcome: 'ok' })).toBe(2);
      expect(sample(after, 'talon_commands_total', { ns: 'kiosk', event: 'checkIn', outcome: 'refused' })).toBe(1);
      expect(sample(after, 'talon_refusals_total', { code: 'UNKNOWN_CODE' })).toBe(1);
      expect(sample(after, 'talon_command_duration_seconds_count', { ns: 'desk', event: 'callNext' })).toBe(1);
      expect(sample(after, 'talon_alert_active')).toBe(0);
      expect(sample(after, 'talon_printer_state', { state: 'none' })).toBe(1);
      expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await t.stop();
    }
  });

  it('keeps made-up event names out of the series', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      await connected(kiosk);
      for (const name of ['x1', 'x2', 'drop table']) await ask(kiosk, name, {});
      const text = (await scrape(t.hub.url)).text;
      expect(sample(text, 'talon_commands_total', { ns: 'kiosk', event: 'other', outcome: 'refused' })).toBe(3);
      expect(text).not.toContain('drop table');
    } finally {
      await t.stop();
    }
  });

  it('exposes every metric the shipped alert rules and dashboard use', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      const text = (await scrape(t.hub.url)).text;
      const exposed = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!));
      const shipped = ['talon.rules.yml', 'talon-grafana.json'].map((f) => readFileSync(join(ROOT, 'docs', 'prometheus', f), 'utf8')).join('\n');
      const used = new Set([...shipped.matchAll(/\b(talon_[a-z_]+?)(_bucket|_count|_sum)?\b/g)].map((m) => m[1]!));
      expect(used.size).toBeGreaterThan(10);
      for (const name of used) expect(exposed, name).toContain(name);
    } finally {
      await t.stop();
    }
  });

  it('puts the version in /health', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    try {
      expect(await (await fetch(`${t.hub.url}/health`)).json()).toMatchObject({ version: talonVersion() });
      expect(talonVersion()).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await t.stop();
    }
  });
});
