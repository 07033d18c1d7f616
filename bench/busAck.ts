/**
 * Call → display ack on the desk bus: a real hub in this process, the desk bus on a socat pty pair,
 * the bus simulator on the other end answering as a 9600-baud line would (it holds each answer for
 * the wire time of the command and its ack, since a pty itself passes bytes at once). Each sample
 * runs from the desk console emitting `callNext` to the hub reading the display's ack. Goal: ≤ 1.5×
 * the frames' wire time. Both drivers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BusDriver } from '../hardware/serial/busTypes.js';
import { DeviceSimulator } from '../hardware/serial/deviceSimulator.js';
import { qsystemDriver } from '../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../hardware/serial/talonFrames.js';
import { DeskBusBridge } from '../main/hub/deskBusBridge.js';
import { at, booking } from '../tests/helpers/floor.js';
import { connected, startTestHub, testConfig, TestClock, TOKENS } from '../tests/helpers/hub.js';
import { ptyPair } from '../tests/integration/hardware/socatPair.js';
import { summarize } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const BAUD = 9600;

async function one(driver: BusDriver): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'talon-bench-bus-'));
  const pair = await ptyPair(dir);
  const config = testConfig(
    { desks: [{ number: 1, services: ['DL_EXCHANGE'], token: TOKENS.desk(1), bus: { address: 1 } }], deskBus: { path: pair.hub, baudRate: BAUD, driver: driver.name } },
    dir,
  );
  const bridge = new DeskBusBridge(config);
  const bookings = Array.from({ length: CALLS }, (_, i) => booking(1000 + i, '10:00'));
  const hub = await startTestHub(dir, new TestClock(at('09:30')), bookings, config, { others: [bridge] });
  const sim = await new DeviceSimulator({ path: pair.device, driver, addresses: [1], wireBaud: BAUD }).start();
  try {
    const kiosk = hub.client('kiosk', TOKENS.kiosk);
    const desk = hub.client('desk', TOKENS.desk(1));
    await Promise.all([connected(kiosk), connected(desk)]);
    for (const b of bookings) await kiosk.emitWithAck('checkIn', { commandId: `bench-bus-ci-${b.number}`, code: b.code });
    const bus = bridge.buses[0]!;
    const samples: number[] = [];
    let wireMs = 0;
    let retried = 0;
    for (let i = 0; i < CALLS; i++) {
      // Each visitor is finished before the next call, so every call is a fresh number on the display.
      if (i > 0) {
        const cleared = new Promise<void>((resolve) => {
          const on = (e: { command: { kind: string } }) => {
            if (e.command.kind !== 'clear') return;
            bus.off('sent', on);
            resolve();
          };
          bus.on('sent', on);
        });
        await desk.emitWithAck('finish', { commandId: `bench-bus-fin-${i}` });
        await cleared;
      }
      const acked = new Promise<number>((resolve, reject) => {
        const on = (e: { address: number; command: { kind: string }; bytes: number; result: { ok: boolean; attempts?: number } }) => {
          if (e.command.kind !== 'number') return;
          bus.off('sent', on);
          if (!e.result.ok) return reject(new Error('no ack'));
          if ((e.result.attempts ?? 1) > 1) retried++;
          wireMs = ((e.bytes + driver.ack(1).length) * 10 * 1000) / BAUD;
          resolve(performance.now());
        };
        bus.on('sent', on);
      });
      const t0 = performance.now();
      desk.emit('callNext', { commandId: `bench-bus-call-${i}` }, () => {});
      samples.push((await acked) - t0);
    }
    const s = summarize(samples);
    return { what: 'desk callNext → the display’s ack read by the hub (ms)', baud: BAUD, wireMs: Math.round(wireMs * 1000) / 1000, ...s, retried, p50OverWire: Math.round((s.p50 / wireMs) * 100) / 100, p99OverWire: Math.round((s.p99 / wireMs) * 100) / 100, goal: '≤ 1.5× wire time' };
  } finally {
    await hub.stop();
    await sim.close();
    await pair.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return { talon: await one(talonDriver), qsystem: await one(qsystemDriver) };
}

if (process.argv[1]?.endsWith('busAck.ts')) console.log(JSON.stringify(await run(), null, 2));
