/**
 * npm test's pretest step (.ci/system-deps.sh) on a machine made of stubs: which Debian packages it
 * finds missing, and whether it installs them or stops with the line to run.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-deps-');
const SCRIPT = join(ROOT, '.ci', 'system-deps.sh');
const BASH = existsSync('/bin/bash') ? '/bin/bash' : '/usr/bin/bash';

/** A PATH holding only the commands named, each a stub running `body`. */
function machine(commands: Record<string, string>, fonts = true) {
  const dir = tempDir();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const [name, body] of Object.entries(commands)) {
    writeFileSync(join(bin, name), `#!${BASH}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const dejavu = join(dir, 'dejavu');
  if (fonts) mkdirSync(dejavu);
  const log = join(dir, 'apt.log');
  return {
    log,
    run: () =>
      new Promise<{ code: number; err: string }>((resolve) => {
        execFile(BASH, [SCRIPT], { env: { PATH: bin, TALON_DEJAVU_DIR: dejavu, APT_LOG: log } }, (error, _out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, err }));
      }),
  };
}

const tools = { socat: 'exit 0', chromium: 'exit 0', Xvfb: 'exit 0', 'espeak-ng': 'exit 0', prometheus: 'exit 0', promtool: 'exit 0' };
const user = { id: 'echo 1000', 'apt-get': 'echo "apt-get $*" >> "$APT_LOG"' };

describe('the pretest step', () => {
  it('says nothing and passes when every package is there', async () => {
    const m = machine({ ...tools, ...user, sudo: 'exit 1' });
    expect(await m.run()).toEqual({ code: 0, err: '' });
  });

  it('stops at once with the exact apt-get line when it cannot install', async () => {
    const { socat: _s, prometheus: _p, ...rest } = tools;
    const m = machine({ ...rest, ...user, sudo: 'exit 1' }, false);
    const r = await m.run();
    expect(r.code).toBe(1);
    expect(r.err).toContain('  sudo apt-get update && sudo apt-get install -y --no-install-recommends socat fonts-dejavu-core prometheus\n');
    expect(existsSync(m.log)).toBe(false);
  });

  it('installs what is missing through sudo without a password', async () => {
    const { chromium: _c, 'espeak-ng': _e, ...rest } = tools;
    const m = machine({ ...rest, ...user, sudo: '[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; "$@"' });
    const r = await m.run();
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/installing chromium espeak-ng/);
    expect(readFileSync(m.log, 'utf8').split('\n').filter(Boolean)).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium espeak-ng']);
  });

  it('installs as root without sudo', async () => {
    const { Xvfb: _x, ...rest } = tools;
    const m = machine({ ...rest, 'apt-get': user['apt-get'], id: 'echo 0' });
    expect((await m.run()).code).toBe(0);
    expect(readFileSync(m.log, 'utf8')).toContain('apt-get install -y -qq --no-install-recommends xvfb');
  });

  it('is what npm test runs first, and .ci/run runs the README’s test command', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe('bash .ci/system-deps.sh && sh .ci/electron-types.sh');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const testCommand = /^(npm ci && npm test)\b/m.exec(readme)?.[1];
    expect(testCommand).toBe('npm ci && npm test');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n')).toContain(testCommand);
  });
});
