/** `talon token new` as a person runs it, and the start-up warnings about weak tokens. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../main/core/log.js';
import { newToken } from '../../../main/config/tokens.js';
import { startCentre } from '../../../main/hub/centre.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { testConfig, TOKENS } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-token-');
const TALON = join(ROOT, 'main', 'bin', 'talon.mjs');

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [TALON, ...args], { env: { ...process.env, TALON_CONFIG: '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('talon token new', () => {
  it('prints a fresh random 128-bit token and exits 0', async () => {
    const [a, b] = await Promise.all([run(['token', 'new']), run(['token', 'new'])]);
    for (const r of [a, b]) {
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^[0-9a-f]{32}\n$/);
    }
    expect(a.out).not.toBe(b.out);
  });

  it('refuses anything else as a usage error', async () => {
    for (const args of [['token'], ['token', 'old'], ['token', 'new', 'extra']]) {
      const r = await run(args);
      expect(r.code).toBe(64);
      expect(r.err).toMatch(/talon token new/);
    }
  });
});

describe('start-up', () => {
  it('warns by key about every weak token, and not about strong ones', async () => {
    const dir = tempDir();
    const log = memoryLog();
    const strong = newToken();
    const config = testConfig({ hub: { host: '127.0.0.1', port: 0, kioskTokens: [strong], adminTokens: [TOKENS.admin] } }, dir);
    const centre = await startCentre(config, { log, port: 0, backups: false });
    try {
      const warned = log.entries.filter((e) => e.level === 'warn' && /weak token/.test(e.msg)).map((e) => String(e.fields.warning).split(':')[0]);
      expect(warned).toEqual(['desks[0].token', 'desks[1].token', 'desks[2].token', 'hub.adminTokens[0]']);
      expect(JSON.stringify(log.entries)).not.toContain(TOKENS.admin);
    } finally {
      await centre.close();
    }
  });
});
