/**
 * A real hub in a child process (`talon serve`), for crash tests and benchmarks. Its centre sits in
 * a fixed-offset zone where it is about noon now, so a run never straddles the centre's midnight
 * while the bookings are generated around the current time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { localParts } from '../../main/core/clock.js';
import type { Booking } from '../../main/core/types.js';
import type { HubLimits } from '../../main/config/schema.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export function noonZone(now: number): string {
  const offset = Math.max(-12, Math.min(12, 12 - new Date(now).getUTCHours()));
  // Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

export interface CentreSpec {
  dir: string;
  desks: number;
  services: string[];
  timezone: string;
  /**
   * `hub.limits`: by default loose ones, since the crash tests and benchmarks send far faster than
   * a floor does; 'defaults' keeps the config's own (bench/flood.ts measures those).
   */
  limits?: 'defaults' | Record<string, unknown>;
}

/** Limits no test or benchmark reaches on loopback. */
export const LOOSE_LIMITS: Partial<HubLimits> = {
  perSocket: { perSecond: 100000, burst: 1000000 },
  perAddress: { perSecond: 100000, burst: 1000000 },
  handshakes: { perSecond: 100000, burst: 1000000 },
  handshakesTotal: { perSecond: 100000, burst: 1000000 },
  connectionsPerAddress: 100000,
  handshakeFailures: { perWindow: 100000, windowSeconds: 60 },
};

export const deskToken = (n: number) => `proc-desk-${n}`;
export const KIOSK_TOKEN = 'proc-kiosk-1';
export const ADMIN_TOKEN = 'proc-admin-1';

/** Writes talon.yaml for the centre; desk n serves every service. */
export function writeConfig(spec: CentreSpec): string {
  const yaml = `centre: { id: "8041", name: "Test centre", timezone: ${spec.timezone} }
services:
${spec.services.map((s) => `  - { code: ${s}, uk: "${s}", en: "${s}" }`).join('\n')}
desks:
${Array.from({ length: spec.desks }, (_, i) => `  - { number: ${i + 1}, services: [${spec.services.join(', ')}], token: "${deskToken(i + 1)}" }`).join('\n')}
checkIn: { earliestMinutes: 600, latestMinutes: 600, reprints: 1 }
hub: { host: 127.0.0.1, port: 0, kioskTokens: ["${KIOSK_TOKEN}"], adminTokens: ["${ADMIN_TOKEN}"]${spec.limits === 'defaults' ? '' : `, limits: ${JSON.stringify(spec.limits ?? LOOSE_LIMITS)}`} }
data: { dir: ${JSON.stringify(spec.dir)} }
`;
  const path = join(spec.dir, 'talon.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** Today's bookings at the current minute of the centre, so all of them can check in now. */
export function bookingsNow(timezone: string, count: number, services: string[], priorityEvery = 0): Booking[] {
  const { date, time } = localParts(Date.now(), timezone);
  return Array.from({ length: count }, (_, i) => {
    const priority = priorityEvery > 0 && i % priorityEvery === priorityEvery - 1;
    return {
      id: `P-${i}`,
      code: `CODE${String(i).padStart(6, '0')}`,
      centre: '8041',
      service: services[i % services.length]!,
      date,
      time,
      number: priority ? 1 + Math.floor(i / priorityEvery) : 1000 + i,
      priority: priority ? 'military' : null,
      channel: 'online',
      status: 'active',
      version: 1,
    };
  });
}

function tsxArgs(args: string[]): string[] {
  return ['--import', 'tsx', join(ROOT, 'main', 'cli.ts'), ...args];
}

export async function importBookings(configPath: string, bookings: Booking[], dir: string): Promise<void> {
  const file = join(dir, 'bookings.json');
  writeFileSync(file, JSON.stringify(bookings));
  const child = spawn(process.execPath, tsxArgs(['import-bookings', file, '--config', configPath]), { cwd: ROOT, stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`import-bookings failed (${code}): ${err}`);
}

/** `env` adds to the test's environment, e.g. a crash point (main/hub/crashPoint.ts). */
export function startHubProcess(configPath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; stderr(): string; closed: Promise<number | null> }> {
  const child = spawn(process.execPath, tsxArgs(['serve', '--config', configPath]), {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  // The exit code once the process and its output have ended, whenever the caller asks.
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // Kept from the first byte, so a test reading it after `ready` misses nothing written meanwhile.
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^READY (\S+)/.exec(line);
      if (m) resolve({ child, url: m[1]!, stderr: () => stderr, closed });
    });
    child.once('exit', (code) => reject(new Error(`hub exited (${code}) before it was ready: ${stderr}`)));
  });
}
