/**
 * A real pseudo-terminal pair from socat, with stable link names so a test can kill the pair (the
 * USB adapter pulled) and make it again at the same paths.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  hub: string;
  device: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

/** Starts socat and resolves once both ptys exist. */
export function ptyPair(dir: string, name = 'bus'): Promise<PtyPair> {
  const hub = join(dir, `${name}-hub`);
  const device = join(dir, `${name}-dev`);
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hub}`, `pty,raw,echo=0,link=${device}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${stderr}`)), 5000);
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      // socat says "starting data transfer loop" once both ends exist.
      if (stderr.includes('starting data transfer loop') && existsSync(hub) && existsSync(device)) {
        clearTimeout(timer);
        resolve({
          hub,
          device,
          process: child,
          kill: () => new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Polls a condition until it holds, up to a bound; never a fixed sleep. */
export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
