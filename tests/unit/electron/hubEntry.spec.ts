import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { HUB_ENTRY } from '../../../main/electron/hubFork.js';
import type { FromHub } from '../../../main/electron/hubMessages.js';
import { useTempDir } from '../../helpers/tmp.js';

const PARENT_PORT = fileURLToPath(new URL('./fixtures/parentPort.cjs', import.meta.url));
const tempDir = useTempDir('talon-hub-entry-');

/** hubEntry.cjs in a process of its own, as utilityProcess.fork starts it, with a Node stand-in for the parent port. */
function forkHubEntry() {
  const child = fork(HUB_ENTRY, [], { execArgv: ['--require', PARENT_PORT], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const messages: FromHub[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.on('message', (message: FromHub) => {
      messages.push(message);
      if (message.type === 'listening') resolve(message.url);
    });
    void exited.then((code) => reject(new Error(`the hub process ended with ${code}: ${JSON.stringify(messages)}`)));
  });
  listening.catch(() => undefined);
  return { child, messages, exited, listening };
}

describe("the hub process's entry", () => {
  it('runs the hub in its own process from the source tree, and ends with 0 once asked to stop', async () => {
    const hub = forkHubEntry();
    const demo = demoConfig(join(tempDir(), 'demo'));

    hub.child.send({ type: 'start', config: { ...demo, hub: { ...demo.hub, host: '127.0.0.1', port: 0 } }, demo: true });
    const url = await hub.listening;
    const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean };
    hub.child.send({ type: 'stop' });

    expect(health.ok).toBe(true);
    expect(hub.child.pid).not.toBe(process.pid);
    await expect(hub.exited).resolves.toBe(0);
  }, 60_000);
});
