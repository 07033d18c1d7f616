/**
 * Starts the hub in its own process: `utilityProcess.fork` of hubEntry.cjs, named "Talon hub" in
 * app.getAppMetrics(). The config goes over the parent port (hubMessages.ts), never on its
 * command line. Resolves once the hub listens; rejects with the exit code when it ends before that.
 */
import { fileURLToPath } from 'node:url';
import type { TalonConfig } from '../config/schema.js';
import type { UtilityProcess, UtilityProcessStatic } from './electronApi.js';
import { fromHubSchema, type ToHub } from './hubMessages.js';
import type { StartedHub } from './hubSupervisor.js';

/** Next to this module in the source tree and in the build (electron-builder copies it there). */
export const HUB_ENTRY = fileURLToPath(new URL('./hubEntry.cjs', import.meta.url));
export const HUB_SERVICE_NAME = 'Talon hub';

/** A hub process that ended before it listened. */
export class HubExited extends Error {
  constructor(
    readonly code: number,
    readonly reason: string | null,
  ) {
    super(`the hub process ended with exit code ${code}${reason ? `: ${reason}` : ''}`);
    this.name = 'HubExited';
  }
}

export interface ForkHubOptions {
  utilityProcess: UtilityProcessStatic;
  config: TalonConfig;
  demo: boolean;
  log: (line: string) => void;
  entry?: string;
  /** How long a stopping hub may take to close its store before it is killed. */
  stopGraceMs?: number;
}

export function forkHub(options: ForkHubOptions): Promise<StartedHub> {
  const { log } = options;
  const child: UtilityProcess = options.utilityProcess.fork(options.entry ?? HUB_ENTRY, [], {
    serviceName: HUB_SERVICE_NAME,
    stdio: 'inherit',
  });
  const exited = new Promise<number>((resolve) => child.once('exit', resolve));
  let lastFailure: string | null = null;

  return new Promise<StartedHub>((resolve, reject) => {
    child.on('message', (raw: unknown) => {
      const parsed = fromHubSchema.safeParse(raw);
      if (!parsed.success) return log('hub: ignored a message it does not know');
      const message = parsed.data;
      if (message.type === 'log') return log(message.line);
      if (message.type === 'failed') {
        lastFailure = message.message;
        return log(`hub: failed: ${message.message}`);
      }
      resolve({
        url: message.url,
        exited,
        close: async () => {
          send(child, { type: 'stop' });
          const grace = setTimeout(() => child.kill(), options.stopGraceMs ?? 10_000);
          await exited;
          clearTimeout(grace);
        },
      });
    });
    void exited.then((code) => reject(new HubExited(code, lastFailure)));
    send(child, { type: 'start', config: options.config, demo: options.demo });
  });
}

function send(child: UtilityProcess, message: ToHub): void {
  child.postMessage(message);
}
