import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { startCentreHub } from '../../../main/electron/centreHub.js';
import { STORE_FILE } from '../../../main/hub/centre.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-centre-hub-');

describe('the in-process hub of a packaged app', () => {
  it('opens the store in the data directory, seeds the demo and serves the hub until closed', async () => {
    const dataDir = join(tempDir(), 'demo-data');
    const demo = demoConfig(dataDir);
    const config = { ...demo, hub: { ...demo.hub, port: 0 } };
    const log: string[] = [];

    const hub = await startCentreHub(config, { demo: true, log: (line) => log.push(line) });
    try {
      expect(existsSync(join(dataDir, STORE_FILE))).toBe(true);
      const health = (await (await fetch(`${hub.url}/health?details`, { headers: { authorization: 'Bearer demo-admin' } })).json()) as { ok: boolean; centre: string };
      expect(health).toMatchObject({ ok: true, centre: '8041' });
      expect(log).toContain(`hub: listening (url=${hub.url})`);
    } finally {
      await hub.close();
    }
    await expect(fetch(`${hub.url}/health`)).rejects.toThrow();
  });

  it("keeps the demo day's bookings when the hub starts again", async () => {
    const demo = demoConfig(join(tempDir(), 'demo-data'));
    const config = { ...demo, hub: { ...demo.hub, port: 0 } };
    const log: string[] = [];

    await (await startCentreHub(config, { demo: true, log: (line) => log.push(line) })).close();
    await (await startCentreHub(config, { demo: true, log: (line) => log.push(line) })).close();

    expect(log.filter((line) => line.startsWith('demo:'))).toEqual([
      expect.stringMatching(/^demo: \d+ bookings generated for today$/),
      expect.stringMatching(/^demo: \d+ bookings of today kept from an earlier start$/),
    ]);
  });
});
