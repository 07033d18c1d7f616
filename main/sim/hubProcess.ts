/**
 * The simulated centre's hub as a real child process (main/sim/virtualHub.ts) on a fixed loopback
 * port and a real SQLite file: started, driven by the virtual clock over IPC, killed with SIGKILL
 * for a power cut, started again on the same port and file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const VIRTUAL_HUB = join(dirname(fileURLToPath(import.meta.url)), 'virtualHub.ts');

export class SimHub {
  private child: ChildProcess | null = null;
  private acks = new Map<number, () => void>();
  url = '';
  starts = 0;

  constructor(
    private readonly configPath: string,
    private readonly port: number,
  ) {
    if (!existsSync(VIRTUAL_HUB)) {
      throw new Error('simulate-day runs from a source checkout: the virtual-clock hub (main/sim/virtualHub.ts) is not shipped in the packaged app');
    }
  }

  get up(): boolean {
    return this.child !== null;
  }

  async start(at: number): Promise<void> {
    const child = fork(VIRTUAL_HUB, [this.configPath, String(this.port), String(at)], {
      // tsx found from this checkout, whatever directory `talon` was started in.
      execArgv: ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, TALON_SIM_CLOCK: 'ipc' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('message', (m: { ack?: number }) => {
      if (typeof m?.ack !== 'number') return;
      this.acks.get(m.ack)?.();
      this.acks.delete(m.ack);
    });
    this.url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^READY (\S+)/.exec(line);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the simulated hub exited (${code}) before it was ready: ${stderr}`)));
    });
    this.child = child;
    this.starts++;
  }

  /** Moves the hub's clock to `t` and waits until it has (and has swept no-shows at `t`). */
  tick(t: number): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the simulated hub died during a clock tick'));
      child.once('exit', onExit);
      this.acks.set(t, () => {
        child.off('exit', onExit);
        resolve();
      });
      child.send({ t });
    });
  }

  /** A power cut: SIGKILL, no chance to flush or close anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.acks.clear();
  }

  /** The end of the day: a clean stop. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
