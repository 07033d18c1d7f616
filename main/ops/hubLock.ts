/**
 * Which process runs a hub on a data dir: `data.dir/hub.pid`, written when a centre starts and
 * removed when it stops. `talon restore` refuses while it names a live process; a file left by a
 * crash names a dead one and is ignored.
 */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'hub.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user (the service's).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process running a hub on this data dir, or null. */
export function hubRunningOn(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim().split(/\s+/)[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return alive(pid) ? pid : null;
}

/** Marks this process as the data dir's hub until `release`. */
export function markHubRunning(dataDir: string, pid = process.pid): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, `${pid} ${new Date().toISOString()}\n`);
  return {
    release() {
      try {
        if (Number(readFileSync(file, 'utf8').trim().split(/\s+/)[0]) === pid) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
