import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { HUB_EXIT_CONFIG, type FromHub } from '../../../main/electron/hubMessages.js';
import { serveHubProcess, type ParentPort } from '../../../main/electron/hubProcess.js';
import { STORE_FILE } from '../../../main/hub/centre.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-hub-process-');

/** The utility process's parent port, as Electron gives it: messages arrive wrapped in `{ data }`. */
function parentPort() {
  const listeners: ((message: { data: unknown }) => void)[] = [];
  const received: FromHub[] = [];
  const port: ParentPort = {
    on: (_event, listener) => listeners.push(listener),
    postMessage: (message) => received.push(structuredClone(message)),
  };
  return { port, received, send: (data: unknown) => listeners.forEach((l) => l({ data: structuredClone(data) })) };
}

describe("the hub's utility process", () => {
  it('starts the centre it is sent, answers with its URL, and on stop closes the store and exits 0', async () => {
    const parent = parentPort();
    const exits: number[] = [];
    serveHubProcess({ port: parent.port, exit: (code) => exits.push(code) });
    const dataDir = join(tempDir(), 'demo');
    const demo = demoConfig(dataDir);

    parent.send({ type: 'start', config: { ...demo, hub: { ...demo.hub, host: '127.0.0.1', port: 0 } }, demo: true });
    await vi.waitFor(() => expect(parent.received.some((m) => m.type === 'listening')).toBe(true), { timeout: 20_000 });
    const listening = parent.received.find((m) => m.type === 'listening') as { url: string };

    expect(existsSync(join(dataDir, STORE_FILE))).toBe(true);
    const health = (await (await fetch(`${listening.url}/health?details`, { headers: { authorization: 'Bearer demo-admin' } })).json()) as { ok: boolean; centre: string };
    expect(health).toMatchObject({ ok: true, centre: '8041' });
    expect(parent.received.some((m) => m.type === 'log' && m.line.startsWith('demo:'))).toBe(true);

    parent.send({ type: 'stop' });
    await vi.waitFor(() => expect(exits).toEqual([0]));
    await expect(fetch(`${listening.url}/health`)).rejects.toThrow();
  });

  it('exits with 78 when it cannot open the store where the config says, so it is not retried', async () => {
    const parent = parentPort();
    const exits: number[] = [];
    serveHubProcess({ port: parent.port, exit: (code) => exits.push(code) });
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const demo = demoConfig(join(blocker, 'data'));

    parent.send({ type: 'start', config: { ...demo, hub: { ...demo.hub, port: 0 } }, demo: false });

    await vi.waitFor(() => expect(exits).toEqual([HUB_EXIT_CONFIG]));
    expect(parent.received.find((m) => m.type === 'failed')).toMatchObject({ message: expect.stringMatching(/ENOTDIR|EEXIST/) });
  });

  it('ignores any message it does not know, without starting anything', () => {
    const parent = parentPort();
    const starts: unknown[] = [];
    serveHubProcess({ port: parent.port, exit: () => undefined, start: async (config) => (starts.push(config), { url: 'http://x', close: async () => undefined }) });

    fc.assert(
      fc.property(fc.anything(), (data) => {
        fc.pre(!(typeof data === 'object' && data !== null && 'type' in data));
        parent.send(data);
      }),
    );
    parent.send({ type: 'start', config: 'not an object', demo: true });

    expect(starts).toEqual([]);
    expect(parent.received.every((m) => m.type === 'log')).toBe(true);
  });
});
