/**
 * `talon doctor` against a real set-up (a virtual printer on TCP, desk displays on a socat pty
 * pair, a reference central on loopback, a SQLite file) and against each way it breaks.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import { DeviceSimulator } from '../../../hardware/serial/deviceSimulator.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import { doctorCommand, runDoctor, tokenWeakness, type CheckResult } from '../../../main/commands/doctor.js';
import { configSchema, type ConfigInput, type TalonConfig } from '../../../main/config/schema.js';
import { STORE_FILE } from '../../../main/hub/centre.js';
import { openStore } from '../../../main/store/index.js';
import { startCentral } from '../../../sync/central/server.js';
import { silentLog } from '../../../main/core/log.js';
import { centreDef, TERMINAL_TOKEN } from '../sync/fixture.js';
import { ptyPair } from '../hardware/socatPair.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-doctor-');
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const strong = (who: string) => `${who}-Vq7rX2mK9pLw4Zt8`;
const synced = async (command: string) => {
  if (command === 'timedatectl') return 'yes\n';
  throw new Error('no such command');
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A centre whose every part is there and answers. */
async function goodSite(): Promise<{ dir: string; config: TalonConfig; with(over: Partial<ConfigInput>): TalonConfig }> {
  const dir = tempDir();
  const printer = await startVirtualPrinter();
  const pair = await ptyPair(dir);
  const sim = await new DeviceSimulator({ path: pair.device, driver: talonDriver, addresses: [1, 2] }).start();
  const central = await startCentral({ file: ':memory:', log: silentLog, setup: (c) => c.addCentre(centreDef()) });
  cleanup.push(() => printer.close(), () => pair.kill(), () => sim.close(), () => central.close());
  const tokenFile = join(dir, 'central.token');
  writeFileSync(tokenFile, `${TERMINAL_TOKEN}\n`);
  openStore(join(dir, STORE_FILE)).close();
  const input: ConfigInput = {
    centre: { id: '8041', name: 'ТСЦ МВС № 8041', timezone: 'Europe/Kyiv' },
    services: [{ code: 'DL_EXCHANGE', uk: 'Обмін посвідчення водія', en: "Driver's licence exchange" }],
    desks: [1, 2].map((n) => ({ number: n, services: ['DL_EXCHANGE'], token: strong(`desk${n}`), bus: { address: n } })),
    hub: { host: '127.0.0.1', port: 0, kioskTokens: [strong('kiosk')], adminTokens: [strong('admin')] },
    printer: { transport: 'tcp', address: printer.address, codepage: 'cp1125', escT: 44, width: 48 },
    deskBus: { path: pair.hub, driver: 'talon' },
    central: { url: central.url, tokenFile },
    data: { dir },
  };
  return { dir, config: configSchema.parse(input), with: (over) => configSchema.parse({ ...input, ...over }) };
}

const failing = (results: CheckResult[]) => results.filter((r) => r.status === 'fail').map((r) => r.check);

async function doctor(config: TalonConfig) {
  return runDoctor({ config, configPath: 'talon.yaml', timeoutMs: 500, run: synced });
}

describe('talon doctor', () => {
  it('passes every check of a sound set-up, one line each', async () => {
    const site = await goodSite();
    const results = await doctor(site.config);
    const byCheck = Object.fromEntries(results.map((r) => [r.check, r]));
    for (const name of ['config', 'tokens', 'data dir', 'disk', 'database', 'wal', 'migrations', 'printer', 'serial 0', 'central', 'central token', 'clock skew', 'machine clock']) {
      expect(byCheck[name], name).toMatchObject({ status: 'ok' });
    }
    expect(byCheck['serial 0']!.detail).toMatch(/address 1, 2 answer/);
    expect(byCheck['clock skew']!.detail).toMatch(/central minus this machine: -?\d+\.\d s/);
    expect(new Set(results.map((r) => r.check)).size).toBe(results.length);
  });

  // Each broken part fails its own line and no other that the sound set-up passes.
  const broken: [string, string, (site: Awaited<ReturnType<typeof goodSite>>) => Promise<TalonConfig> | TalonConfig, RegExp][] = [
    ['the printer port is closed', 'printer', async (s) => s.with({ printer: { transport: 'tcp', address: `127.0.0.1:${await freePort()}`, codepage: 'cp1125', escT: 44, width: 48 } }), /ECONNREFUSED|refused|offline/i],
    ['the serial path is missing', 'serial 0', (s) => s.with({ deskBus: { path: join(s.dir, 'no-such-tty'), driver: 'talon' } }), /does not exist/],
    ['central is down', 'central', async (s) => s.with({ central: { url: `http://127.0.0.1:${await freePort()}`, tokenFile: s.config.central!.tokenFile } }), /CENTRAL_UNREACHABLE/],
    ['the central token is wrong', 'central token', (s) => {
      const file = join(s.dir, 'other.token');
      writeFileSync(file, 'terminal-Qx83mVb2Lk9sPz71\n');
      return s.with({ central: { url: s.config.central!.url, tokenFile: file } });
    }, /refused \(HTTP 401\)/],
    ['a token is weak', 'tokens', (s) => s.with({ desks: [{ number: 1, services: ['DL_EXCHANGE'], token: 'desk1234', bus: { address: 1 } }, { number: 2, services: ['DL_EXCHANGE'], token: strong('desk2'), bus: { address: 2 } }] }), /desk 1: the token has 8 characters/],
    ['the database is corrupt', 'database', (s) => {
      writeFileSync(join(s.dir, STORE_FILE), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x41)]));
      return s.config;
    }, /integrity_check: .*(malformed|not a database|cannot open)/i],
  ];
  for (const [what, check, breakIt, why] of broken) {
    it(`fails the ${check} line when ${what}`, async () => {
      const site = await goodSite();
      const sound = failing(await doctor(site.config));
      expect(sound).not.toContain(check);
      const results = await doctor(await breakIt(site));
      expect(failing(results).filter((c) => !sound.includes(c))).toEqual([check]);
      expect(results.find((r) => r.check === check)!.detail).toMatch(why);
    });
  }

  it('fails the serial line naming a display that does not answer, and the printer line when the paper is out', async () => {
    const dir = tempDir();
    const printer = await startVirtualPrinter();
    printer.set({ paperOut: true });
    const pair = await ptyPair(dir);
    const sim = await new DeviceSimulator({ path: pair.device, driver: talonDriver, addresses: [1] }).start();
    cleanup.push(() => printer.close(), () => pair.kill(), () => sim.close());
    const config = configSchema.parse({
      centre: { id: '8041', name: 'x' },
      services: [{ code: 'A', uk: 'а', en: 'a' }],
      desks: [1, 2].map((n) => ({ number: n, services: ['A'], token: strong(`desk${n}`), bus: { address: n } })),
      hub: { adminTokens: [strong('admin')] },
      printer: { transport: 'tcp', address: printer.address },
      deskBus: { path: pair.hub },
      data: { dir },
    });
    const results = await doctor(config);
    expect(results.find((r) => r.check === 'serial 0')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/address 2 of 1, 2 do not answer/) });
    expect(results.find((r) => r.check === 'printer')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/paper out/) });
  });

  it('says the machine clock is not synchronised, or unknown where nothing can tell', async () => {
    const site = await goodSite();
    const unsynced = await runDoctor({ config: site.config, configPath: null, timeoutMs: 500, run: async (c) => (c === 'timedatectl' ? 'no\n' : '') });
    expect(unsynced.find((r) => r.check === 'machine clock')).toMatchObject({ status: 'fail' });
    const chrony = await runDoctor({ config: site.config, configPath: null, timeoutMs: 500, run: async (c) => {
      if (c === 'chronyc') return 'Reference ID    : 0A000001\nLeap status     : Normal\n';
      throw new Error('absent');
    } });
    expect(chrony.find((r) => r.check === 'machine clock')).toMatchObject({ status: 'ok', detail: 'synchronised (chrony)' });
    const none = await runDoctor({ config: site.config, configPath: null, timeoutMs: 500, run: () => Promise.reject(new Error('absent')) });
    expect(none.find((r) => r.check === 'machine clock')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^unknown/) });
  });

  it('prints one line per check and exits 1 when any fails', async () => {
    const site = await goodSite();
    const lines: string[] = [];
    const code = await doctorCommand([], () => ({ config: site.with({ hub: { adminTokens: ['admin-token-1'] } }), configPath: 'talon.yaml' }), (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith('FAIL  tokens'))).toMatch(/admin 1: the token has 13 characters/);
    expect(lines.at(-1)).toMatch(/^doctor: \d+ checks? failed$/);
  });

  it('calls a token weak when short, public, repetitive or a word', () => {
    expect(tokenWeakness('demo-admin-8041')).not.toBeNull();
    expect(tokenWeakness('short')).toMatch(/5 characters/);
    expect(tokenWeakness('aaaaaaaaaaaaaaaaaaaa')).toMatch(/too few/);
    expect(tokenWeakness('password-1234567890')).toMatch(/word/);
    expect(tokenWeakness(strong('desk'))).toBeNull();
  });
});
