import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron, launchElectron } from '../../../main/electron/launch.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-launch-');
const WITH_DISPLAY = { DISPLAY: ':0', PATH: process.env.PATH };

/** An executable script standing in for the Electron binary. */
function fakeBinary(dir: string, body: string): string {
  const file = join(dir, 'electron-binary');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A project whose node_modules/electron has the given index.js, like the npm package. */
function projectWithElectron(indexJs: string): string {
  const root = tempDir();
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  writeFileSync(join(root, 'node_modules', 'electron', 'index.js'), indexJs);
  return root;
}

/** Waits for the child to finish, whether it ran or failed to spawn. */
function closed(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

function projectWithBinary(binary: string): string {
  return projectWithElectron(`module.exports = ${JSON.stringify(binary)};\n`);
}

describe('findElectron', () => {
  it('finds a binary that runs', () => {
    const binary = fakeBinary(tempDir(), 'echo v39.8.10');

    expect(findElectron({ from: projectWithBinary(binary), env: WITH_DISPLAY, platform: 'linux', root: false })).toEqual({ ok: true, binary });
  });

  it('says so when the electron package is not installed', () => {
    expect(findElectron({ from: tempDir(), env: WITH_DISPLAY, platform: 'linux', root: false })).toEqual({
      ok: false,
      reason: 'the electron package is not installed (it is optional and its install was skipped or failed)',
    });
  });

  it('says so when the package is there but its binary download failed', () => {
    const from = projectWithElectron(
      "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');\n",
    );

    const found = findElectron({ from, env: WITH_DISPLAY, platform: 'linux', root: false });

    expect(found).toEqual({
      ok: false,
      reason:
        'the electron package is installed but not its binary (Electron failed to install correctly, please delete node_modules/electron and try installing again); reinstall it where its download is reachable',
    });
  });

  it('says so when the binary is missing', () => {
    const binary = join(tempDir(), 'dist', 'electron');

    expect(findElectron({ from: projectWithBinary(binary), env: WITH_DISPLAY, platform: 'linux', root: false })).toEqual({
      ok: false,
      reason: `the Electron binary is missing: ${binary}`,
    });
  });

  it('says so when Linux has no display', () => {
    const from = projectWithBinary(fakeBinary(tempDir(), 'echo v39.8.10'));

    expect(findElectron({ from, env: { PATH: process.env.PATH }, platform: 'linux', root: false })).toEqual({
      ok: false,
      reason: 'no display to show windows on (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    });
    expect(findElectron({ from, env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux', root: false }).ok).toBe(true);
    expect(findElectron({ from, env: {}, platform: 'win32', root: false }).ok).toBe(true);
  });

  it('says so when running as root on Linux', () => {
    const from = projectWithBinary(fakeBinary(tempDir(), 'echo v39.8.10'));

    expect(findElectron({ from, env: WITH_DISPLAY, platform: 'linux', root: true })).toEqual({
      ok: false,
      reason: "Electron does not run as root (Chromium's sandbox needs a normal user)",
    });
  });

  it("gives the binary's own complaint, in one line, when it cannot run", () => {
    const binary = fakeBinary(
      tempDir(),
      'echo "electron: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2\necho "second line" >&2\nexit 127',
    );

    expect(findElectron({ from: projectWithBinary(binary), env: WITH_DISPLAY, platform: 'linux', root: false })).toEqual({
      ok: false,
      reason: 'the Electron binary cannot run: electron: error while loading shared libraries: libnss3.so: cannot open shared object file',
    });
  });

  it("drops Chromium's log prefix from the complaint", () => {
    const binary = fakeBinary(tempDir(), 'echo "[12:12:1121/220000.000:ERROR:ozone_platform_x11.cc(240)] Missing X server or \\$DISPLAY" >&2\nexit 1');

    const found = findElectron({ from: projectWithBinary(binary), env: WITH_DISPLAY, platform: 'linux', root: false });

    expect(found).toEqual({ ok: false, reason: 'the Electron binary cannot run: Missing X server or $DISPLAY' });
  });
});

describe('launchElectron', () => {
  it('starts the binary on the app directory with only the hub URL and config path in its environment', async () => {
    const dir = tempDir();
    // A real child process that reports what it was given, in place of Electron.
    const binary = join(dir, 'print-launch.mjs');
    writeFileSync(
      binary,
      `#!${process.execPath}
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TALON_') || k === 'ELECTRON_RUN_AS_NODE'));
console.log(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env }));
console.error('a warning on stderr');
`,
    );
    chmodSync(binary, 0o755);
    const appDir = tempDir();
    const lines: string[] = [];

    const child = launchElectron({
      binary,
      hubUrl: 'http://127.0.0.1:7300',
      configPath: null,
      log: (line) => lines.push(line),
      appDir,
      env: { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1', TALON_HUB_URL: 'stale', TALON_TOKENS: '{"kiosk":"stale"}' },
    });
    // 'close', not 'exit': it comes once the output has been read to the end.
    const code = await closed(child);

    expect(code).toBe(0);
    const report = lines.find((line) => line.startsWith('electron: {'));
    expect(JSON.parse(report!.slice('electron: '.length))).toEqual({
      // The demo is asked for on the command line; no token travels in argv or the environment.
      argv: [appDir, '--demo'],
      cwd: appDir,
      env: { TALON_HUB_URL: 'http://127.0.0.1:7300', TALON_CONFIG: '' },
    });
    expect(lines).toContain('electron: a warning on stderr');
  });

  it('logs, rather than throws, when the binary cannot be spawned', async () => {
    const lines: string[] = [];

    const child = launchElectron({
      binary: join(tempDir(), 'no-such-electron'),
      hubUrl: 'http://127.0.0.1:7300',
      configPath: '/etc/talon/talon.yaml',
      log: (line) => lines.push(line),
      appDir: tempDir(),
    });
    await closed(child);

    expect(lines).toEqual([expect.stringMatching(/^electron: could not start: spawn .*no-such-electron ENOENT$/)]);
  });
});
