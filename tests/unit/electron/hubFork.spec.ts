import { beforeEach, describe, expect, it } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { HubExited, forkHub } from '../../../main/electron/hubFork.js';
import { app, resetElectronFake, utilityProcess } from '../../fakes/electron.js';

const config = demoConfig('/tmp/talon-fork-demo');

beforeEach(async () => {
  resetElectronFake();
  await app.whenReady();
});

describe('forking the hub', () => {
  it('sends the config over the parent port and resolves with the URL the hub answers', async () => {
    utilityProcess.onFork = (child) => child.simulateMessage({ type: 'listening', url: 'http://127.0.0.1:7300' });
    const log: string[] = [];

    const hub = await forkHub({ utilityProcess, config, demo: true, log: (l) => log.push(l) });

    expect(hub.url).toBe('http://127.0.0.1:7300');
    const [child] = utilityProcess.forked;
    expect(child!.posted).toEqual([{ type: 'start', config: structuredClone(config), demo: true }]);
    expect(child!.args).toEqual([]);
  });

  it('rejects with the exit code and the reason when the hub ends before it listens', async () => {
    utilityProcess.onFork = (child) => {
      child.simulateMessage({ type: 'failed', message: 'listen EADDRINUSE 0.0.0.0:7300' });
      child.simulateExit(1);
    };

    const forked = forkHub({ utilityProcess, config, demo: false, log: () => undefined });

    await expect(forked).rejects.toEqual(new HubExited(1, 'listen EADDRINUSE 0.0.0.0:7300'));
    await expect(forked).rejects.toMatchObject({ code: 1 });
  });

  it('asks the hub to stop, and kills it when it does not end within the grace time', async () => {
    utilityProcess.onFork = (child) => child.simulateMessage({ type: 'listening', url: 'http://127.0.0.1:7300' });
    const hub = await forkHub({ utilityProcess, config, demo: false, log: () => undefined, stopGraceMs: 50 });
    const [child] = utilityProcess.forked;

    await hub.close();

    expect(child!.posted.at(-1)).toEqual({ type: 'stop' });
    expect(child!.kills).toBe(1);
    await expect(hub.exited).resolves.toBe(15);
  });

  it("forwards the hub's log lines and ignores messages it does not know", async () => {
    const log: string[] = [];
    utilityProcess.onFork = (child) => {
      child.simulateMessage({ type: 'log', line: 'hub: listening on http://127.0.0.1:7300' });
      child.simulateMessage({ type: 'exec', command: 'rm -rf /' });
      child.simulateMessage({ type: 'listening', url: 'javascript:alert(1)' });
      child.simulateMessage({ type: 'listening', url: 'http://127.0.0.1:7300' });
    };

    await forkHub({ utilityProcess, config, demo: false, log: (l) => log.push(l) });

    expect(log).toEqual(['hub: listening on http://127.0.0.1:7300', 'hub: ignored a message it does not know', 'hub: ignored a message it does not know']);
  });
});
