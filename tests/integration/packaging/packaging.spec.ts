/**
 * What the .deb installs: the headless hub's systemd unit (checked by systemd-analyze where the
 * machine has it), the kiosk's autostart entry, the example config and the install scripts.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../main/config/load.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const run = promisify(execFile);
const tempDir = useTempDir('talon-packaging-');
const UNIT = join(ROOT, 'packaging', 'systemd', 'talon-hub.service');
const hasSystemdAnalyze = existsSync('/usr/bin/systemd-analyze') || existsSync('/bin/systemd-analyze');

/** The unit's keys, section by section (the last value of a key wins, as in systemd). */
function unitKeys(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section = '';
  for (const line of text.split('\n')) {
    const s = /^\[(\w+)\]$/.exec(line.trim());
    if (s) out[(section = s[1]!)] = {};
    const kv = /^(\w+)=(.*)$/.exec(line.trim());
    if (kv && section) out[section]![kv[1]!] = kv[2]!;
  }
  return out;
}

/** The unit with its binary pointed at `binary`, as verify needs an executable that exists. */
function unitWith(binary: string): string {
  const dir = tempDir();
  const file = join(dir, 'talon-hub.service');
  writeFileSync(file, readFileSync(UNIT, 'utf8').replaceAll('/opt/Talon/talon', binary));
  return file;
}

describe('the headless hub service', () => {
  it('restarts always, runs as its own user, sees the file system read-only but for the data dir', () => {
    const unit = unitKeys(readFileSync(UNIT, 'utf8'));
    expect(unit.Service).toMatchObject({
      Restart: 'always',
      User: 'talon',
      ProtectSystem: 'strict',
      ReadWritePaths: '/var/lib/talon',
      NoNewPrivileges: 'yes',
    });
    expect(unit.Service!.ExecStart).toMatch(/^\/opt\/Talon\/talon .*\bserve --config \/etc\/talon\/talon\.yaml$/);
    expect(unit.Install).toMatchObject({ WantedBy: 'multi-user.target' });
  });

  it.runIf(hasSystemdAnalyze)('passes systemd-analyze verify, which refuses a unit whose binary is missing', async () => {
    const stub = join(tempDir(), 'talon');
    writeFileSync(stub, '#!/bin/sh\nexit 0\n');
    chmodSync(stub, 0o755);
    const good = await run('systemd-analyze', ['verify', unitWith(stub)]);
    expect(good.stderr).toBe('');
    await expect(run('systemd-analyze', ['verify', unitWith(join(tempDir(), 'absent'))])).rejects.toMatchObject({ stderr: expect.stringMatching(/not executable/) });
  });
});

describe('the .deb', () => {
  const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    deb: { afterInstall: string; afterRemove: string };
    linux: { target: string[]; extraResources: { from: string; to: string }[] };
  };

  it('ships the unit, the autostart entry, the example config and the guide, and runs its scripts', async () => {
    expect(builder.linux.target).toContain('deb');
    for (const r of builder.linux.extraResources) expect(existsSync(join(ROOT, r.from)), r.from).toBe(true);
    const shipped = builder.linux.extraResources.map((r) => r.to);
    const script = readFileSync(join(ROOT, builder.deb.afterInstall), 'utf8');
    // Every file the after-install script installs from the resources is shipped.
    for (const [, name] of script.matchAll(/"\$RES\/([\w.-]+)"/g)) expect(shipped).toContain(`packaging/${name}`);
    expect(script).toMatch(/systemctl enable talon-hub\.service/);
    expect(script).toMatch(/\/etc\/xdg\/autostart\/talon\.desktop/);
    expect(script).not.toMatch(/\$\{/);
    for (const s of [builder.deb.afterInstall, builder.deb.afterRemove]) {
      accessSync(join(ROOT, s), constants.X_OK);
      await run('bash', ['-n', join(ROOT, s)]);
    }
  });

  it('starts the kiosk app at login through an XDG autostart entry', () => {
    const entry = readFileSync(join(ROOT, 'packaging', 'xdg', 'talon-autostart.desktop'), 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]$/m);
    expect(entry).toMatch(/^Type=Application$/m);
    expect(entry).toMatch(/^Exec=\/opt\/Talon\/talon$/m);
  });

  it('carries an example config that loads, with its data dir where the unit may write', () => {
    const config = loadConfig(join(ROOT, 'packaging', 'talon.yaml.example'));
    expect(config.data.dir).toBe('/var/lib/talon');
    expect(unitKeys(readFileSync(UNIT, 'utf8')).Service!.ReadWritePaths).toBe(config.data.dir);
  });
});
