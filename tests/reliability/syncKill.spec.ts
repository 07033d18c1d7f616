/**
 * A real hub process (`talon serve`) synced with a real central server, SIGKILLed after central took
 * a batch of its events but before the hub heard back: the restarted hub resumes the push from its
 * outbox, central answers `duplicate` for what it had, and ends with every event of the hub once.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { startCentral } from '../../sync/central/server.js';
import { ADMIN_TOKEN, bookingsNow, KIOSK_TOKEN, noonZone, startHubProcess, writeConfig } from '../helpers/hubProcess.js';
import { useTempDir } from '../helpers/tmp.js';
import { centreDef, TERMINAL_TOKEN, until } from '../integration/sync/fixture.js';
import { silentLog } from '../../main/core/log.js';

const tempDir = useTempDir('talon-sync-kill-');
const SERVICES = ['DL_EXCHANGE', 'THEORY_EXAM'];

function outbox(file: string): { total: string[]; pending: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      total: db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[],
      pending: db.prepare('SELECT count(*) FROM outbox WHERE delivered_at IS NULL').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('a hub killed in the middle of a push', () => {
  it('resumes after restart without repeats', async () => {
    const dir = tempDir();
    const timezone = noonZone(Date.now());
    const bookings = bookingsNow(timezone, 60, SERVICES);
    const central = await startCentral({
      file: join(dir, 'central.db'),
      log: silentLog,
      setup: (c) => {
        c.addCentre({ ...centreDef(), timezone });
        c.seedBookings(bookings);
      },
    });
    const config = writeConfig({ dir, desks: 2, services: SERVICES, timezone });
    writeFileSync(join(dir, 'central.token'), TERMINAL_TOKEN);
    appendFileSync(config, `central: { url: "${central.url}", tokenFile: ${JSON.stringify(join(dir, 'central.token'))}, pollEveryMs: 200, retryMinMs: 50, retryMaxMs: 200 }\n`);
    const eventsAtCentral = () => central.central.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    const hubDb = join(dir, 'talon.db');

    let hub = await startHubProcess(config);
    try {
      await until(async () => ((await (await fetch(`${hub.url}/health?details`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { link: { state: string } }).link.state === 'online', 15_000);
      const checkIns = async (from: number, to: number, url: string) => {
        const kiosk = connect(`${url}/kiosk`, { auth: { token: KIOSK_TOKEN }, transports: ['websocket'] });
        for (let i = from; i < to; i++) {
          const ack = (await kiosk.timeout(5000).emitWithAck('checkIn', { commandId: `kill-${i}-xxxxxxxx`, code: bookings[i]!.code })) as { ok: boolean };
          expect(ack.ok).toBe(true);
        }
        kiosk.close();
      };
      await checkIns(0, 20, hub.url);
      await until(() => eventsAtCentral() === 20, 15_000);

      // Central takes the next events but its answers never reach the hub; then the hub is killed.
      central.fault = 'dropAnswer';
      await checkIns(20, 40, hub.url);
      await until(() => eventsAtCentral() === 40, 15_000);
      hub.child.kill('SIGKILL');
      await new Promise((r) => hub.child.once('exit', r));
      central.fault = null;
      expect(outbox(hubDb).pending).toBeGreaterThan(0);

      hub = await startHubProcess(config);
      await checkIns(40, 60, hub.url);
      await until(() => outbox(hubDb).pending === 0, 15_000);
      const ids = outbox(hubDb).total.sort();
      expect(ids).toHaveLength(60);
      expect((central.central.db.prepare('SELECT id FROM events').pluck().all() as string[]).sort()).toEqual(ids);
    } finally {
      hub.child.kill('SIGKILL');
      await central.close();
    }
  }, 60_000);
});
