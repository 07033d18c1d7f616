import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../main/core/log.js';
import { startHub } from '../../../main/hub/server.js';
import { openStore } from '../../../main/store/index.js';
import { at } from '../../helpers/floor.js';
import { startTestHub, TestClock, testConfig } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('starting and stopping the hub', () => {
  it('refuses a port already taken, letting go of what it had made, and the first hub goes on', async () => {
    const clock = new TestClock(at('09:30'));
    const t = await startTestHub(tempDir(), clock);
    const dir = tempDir();
    const store = openStore(join(dir, 'talon.db'), clock.now());
    try {
      await expect(startHub({ config: testConfig({}, dir), store, now: clock.now, log: memoryLog(), host: '127.0.0.1', port: t.hub.port, sweepEveryMs: 0 })).rejects.toThrow(/EADDRINUSE/);
      expect((await fetch(`${t.hub.url}/health`)).status).toBe(200);
    } finally {
      store.close();
      await t.stop();
    }
  });

  it('closes once, and a second close is harmless', async () => {
    const t = await startTestHub(tempDir(), new TestClock(at('09:30')));
    await t.hub.close();
    await t.hub.close();
    await expect(fetch(`${t.hub.url}/health`)).rejects.toThrow();
    t.store.close();
  });
});
