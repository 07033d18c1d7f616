/**
 * A real Prometheus (Debian's package) on loopback scraping a real hub, and the shipped alert rules
 * checked by promtool: what a fleet's monitoring would see.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { at, booking } from '../../helpers/floor.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { ask, cmdId, connected, startTestHub, TestClock, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-prometheus-');
const run = promisify(execFile);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** Asks until `check` holds on the answer: Prometheus scrapes on its own schedule. */
async function until<T>(ask: () => Promise<T>, check: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await ask().catch(() => undefined);
    if (v !== undefined && check(v)) return v;
    if (Date.now() > end) throw new Error(`not so within ${ms} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Vector {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('Prometheus scraping a hub', () => {
  it('sees the calls counter move after a callNext', async () => {
    const b = booking(1000, '10:00');
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')), [b]);
    const dir = tempDir();
    const port = await freePort();
    const hubTarget = new URL(t.hub.url).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: talon',
        '    scrape_interval: 1s',
        '    scrape_timeout: 900ms',
        '    authorization:',
        `      credentials: ${TOKENS.admin}`,
        '    static_configs:',
        `      - targets: ['${hubTarget}']`,
        '',
      ].join('\n'),
    );
    const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    children.push(prometheus);
    const api = `http://127.0.0.1:${port}/api/v1`;
    const query = async (q: string) => (await (await fetch(`${api}/query?query=${encodeURIComponent(q)}`)).json()) as Vector;
    try {
      // The target is up, scraped with the admin token.
      await until(() => query('up{job="talon"}'), (v) => v.data.result[0]?.value[1] === '1');
      const kiosk = t.client('kiosk', TOKENS.kiosk);
      const desk = t.client('desk', TOKENS.desk(1));
      await Promise.all([connected(kiosk), connected(desk)]);
      expect(await ask(kiosk, 'checkIn', { commandId: cmdId(), code: b.code })).toMatchObject({ ok: true });
      expect(await ask(desk, 'callNext', { commandId: cmdId() })).toMatchObject({ ok: true });

      const calls = await until(() => query('talon_calls_total{kind="call"}'), (v) => v.data.result[0]?.value[1] === '1');
      expect(calls.data.result[0]!.metric).toMatchObject({ centre: '8041', service: 'DL_EXCHANGE', job: 'talon' });
      const info = await query('talon_info');
      expect(info.data.result[0]!.metric.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      prometheus.kill('SIGTERM');
      await t.stop();
    }
  }, 60_000);

  it('loads the shipped alert rules', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', join(ROOT, 'docs', 'prometheus', 'talon.rules.yml')]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });
});
