/**
 * The hub under a virtual clock, for `talon simulate-day` only. The simulator forks this module with
 * an IPC channel; the hub's `now` is the last instant the simulator sent, and each `{ t }` message is
 * acknowledged after the no-show sweep ran at that instant, so the simulator knows the hub's clock
 * has moved before it sends the next command over socket.io. Nothing else imports this file, it is
 * outside tsconfig.build.json (so not in the packaged app), and it refuses to run unless it was
 * forked by the simulator (IPC channel and TALON_SIM_CLOCK=ipc): `talon serve` keeps the real clock.
 */
import { z } from 'zod';
import { loadConfig } from '../config/load.js';
import { startCentre } from '../hub/centre.js';
import { quiet } from './quiet.js';

const clockMessage = z.strictObject({ t: z.number().int().min(0).max(8.64e15) });
export type ClockMessage = z.infer<typeof clockMessage>;

/** Parses one IPC message from the simulator; anything else is refused. */
export function readClockMessage(raw: unknown): ClockMessage | null {
  const r = clockMessage.safeParse(raw);
  return r.success ? r.data : null;
}

async function main(): Promise<void> {
  if (typeof process.send !== 'function' || process.env.TALON_SIM_CLOCK !== 'ipc') {
    console.error('virtualHub: the virtual clock runs only under `talon simulate-day`; use `talon serve` for a real hub');
    process.exit(64);
  }
  const [configPath, portText, startText] = process.argv.slice(2);
  let t = Number(startText);
  if (!configPath || !Number.isInteger(Number(portText)) || !Number.isFinite(t)) {
    console.error('virtualHub: usage: virtualHub CONFIG PORT START_MS');
    process.exit(64);
  }
  const config = loadConfig(configPath);
  const centre = await startCentre(config, { now: () => t, port: Number(portText), log: quiet });
  process.on('message', (raw) => {
    const m = readClockMessage(raw);
    if (!m) return;
    // Time never runs backwards, whatever arrives.
    t = Math.max(t, m.t);
    const marked = centre.hub.sweep();
    process.send!({ ack: m.t, marked });
  });
  const stop = () => {
    void centre.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  console.log(`READY ${centre.hub.url}`);
}

const invokedDirectly = process.argv[1] && /virtualHub\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) void main();
