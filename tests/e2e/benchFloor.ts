/**
 * A floor for the browser benchmarks (bench/clickToPaint.ts, bench/boardMemory.ts): a real hub in
 * this process on loopback, `n` visitors checked in, and headless Chromium with the built pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureRendererBuilt } from '../../main/hub/rendererBuild.js';
import { startHub, type RunningHub } from '../../main/hub/server.js';
import { openStore, type Store } from '../../main/store/index.js';
import { at, booking } from '../helpers/floor.js';
import { ask, cmdId, connected, TestClock, testConfig, TOKENS } from '../helpers/hub.js';
import { io, type Socket } from 'socket.io-client';
import { launchChromium } from './browser.js';
import { silentLog } from '../../main/core/log.js';

export interface BenchFloor {
  hub: RunningHub;
  browser: Browser;
  sockets: Socket[];
  client(ns: string, token?: string): Socket;
  close(): Promise<void>;
}

export async function benchFloor(visitors: number): Promise<BenchFloor> {
  await ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-browser-'));
  const clock = new TestClock(at('09:30'));
  const config = testConfig({}, dir);
  const store: Store = openStore(join(dir, 'talon.db'), clock.now());
  store.upsertBookings(Array.from({ length: visitors }, (_, i) => booking(1000 + i, '09:40', { code: `BENCH${String(i).padStart(6, '0')}` })));
  const hub = await startHub({ config, store, now: clock.now, log: silentLog, port: 0, host: '127.0.0.1', sweepEveryMs: 0 });
  const sockets: Socket[] = [];
  const client = (ns: string, token?: string) => {
    const s = io(`${hub.url}/${ns}`, { auth: token ? { token } : {}, transports: ['websocket'] });
    sockets.push(s);
    return s;
  };
  const kiosk = client('kiosk', TOKENS.kiosk);
  await connected(kiosk);
  for (let i = 0; i < visitors; i++) {
    const ack = await ask<{ ok: boolean }>(kiosk, 'checkIn', { commandId: cmdId(), code: `BENCH${String(i).padStart(6, '0')}` });
    if (!ack.ok) throw new Error(`check-in ${i} failed: ${JSON.stringify(ack)}`);
  }
  const browser = await launchChromium();
  return {
    hub,
    browser,
    sockets,
    client,
    async close() {
      await browser.close();
      for (const s of sockets) s.close();
      await hub.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
