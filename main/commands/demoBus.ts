/**
 * The demo centre's desk hardware: a socat pseudo-terminal pair, the bus simulator (displays and
 * keypads) on one end and the hub's desk bus on the other. Only where socat is installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceSimulator } from '../../hardware/serial/deviceSimulator.js';
import { startBusSim } from './busSim.js';

export interface DemoBus {
  hubPath: string;
  sim: DeviceSimulator;
  close(): Promise<void>;
}

export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

function waitForPair(child: ChildProcess, paths: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`socat did not make the ptys: ${stderr.trim()}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('starting data transfer loop') && paths.every((p) => existsSync(p))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited (${code}): ${stderr.trim()}`));
    });
  });
}

/** Starts the pair and the simulator; null when socat is missing. */
export async function startDemoBus(dir: string, addresses: number[], log: (l: string) => void = console.log): Promise<DemoBus | null> {
  if (!socatAvailable()) return null;
  mkdirSync(dir, { recursive: true });
  const hubPath = join(dir, 'bus-hub');
  const devicePath = join(dir, 'bus-devices');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hubPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = () => socat.exitCode === null && socat.signalCode === null && socat.kill('SIGTERM');
  process.once('exit', kill);
  try {
    await waitForPair(socat, [hubPath, devicePath], 5000);
  } catch (err) {
    kill();
    throw err;
  }
  const sim = await startBusSim({ path: devicePath, addresses, driver: 'talon', log });
  log(`Demo desk bus: displays and keypads ${addresses.join(', ')} on a socat pty pair (${hubPath} ↔ ${devicePath})`);
  return {
    hubPath,
    sim,
    close: async () => {
      await sim.close();
      kill();
    },
  };
}
