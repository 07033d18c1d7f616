/**
 * The hub's own process: Electron's utility process (utilityProcess.fork from hubFork.ts), the way
 * Actual Budget runs its server. The store's synchronous writes and the hub's sockets are here, off
 * the thread that runs the windows and IPC; a hub that breaks ends this process and the main
 * process starts a new one (hubSupervisor.ts). Nothing here imports Electron: the parent port is
 * `process.parentPort`, which Electron adds to a utility process.
 */
import { ConfigError } from '../config/load.js';
import type { TalonConfig } from '../config/schema.js';
import { startCentreHub } from './centreHub.js';
import { HUB_EXIT_CONFIG, toHubSchema, type FromHub } from './hubMessages.js';
import type { CentreHub } from './centreHub.js';

export interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: FromHub): void;
}

export interface HubProcessOptions {
  port: ParentPort;
  exit: (code: number) => void;
  start?: typeof startCentreHub;
}

/** Waits for `start`, answers `listening` (or `failed` and exits), and on `stop` closes and exits 0. */
export function serveHubProcess(options: HubProcessOptions): void {
  const { port, exit } = options;
  const start = options.start ?? startCentreHub;
  const log = (line: string) => port.postMessage({ type: 'log', line });
  let hub: CentreHub | null = null;
  let starting = false;

  port.on('message', ({ data }) => {
    const parsed = toHubSchema.safeParse(data);
    if (!parsed.success) {
      log('hub process: ignored a message it does not know');
      return;
    }
    const message = parsed.data;
    if (message.type === 'stop') {
      const running = hub;
      hub = null;
      void (running ? running.close() : Promise.resolve()).then(
        () => exit(0),
        () => exit(1),
      );
      return;
    }
    if (starting || hub) return;
    starting = true;
    start(message.config as unknown as TalonConfig, { demo: message.demo, log }).then(
      (started) => {
        hub = started;
        port.postMessage({ type: 'listening', url: started.url });
      },
      (error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        port.postMessage({ type: 'failed', message: text });
        // A store that cannot be opened is a set-up problem: starting again will not help.
        exit(error instanceof ConfigError || isSetupError(error) ? HUB_EXIT_CONFIG : 1);
      },
    );
  });
}

function isSetupError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EPERM';
}

/** When run as the utility process's entry. */
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (parentPort) serveHubProcess({ port: parentPort, exit: (code) => process.exit(code) });
