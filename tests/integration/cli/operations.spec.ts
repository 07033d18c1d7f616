/** The technician's commands as a person runs them: real child processes, real files. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/hubProcess.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-cli-ops-');
const TALON = join(ROOT, 'main', 'bin', 'talon.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [TALON, ...args], { cwd, env: { ...process.env, TALON_CONFIG: '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('talon for the technician', () => {
  it('prints its version', async () => {
    const r = await run(['--version'], tempDir());
    expect(r).toMatchObject({ code: 0, out: `${VERSION}\n` });
  });

  it('refuses an unknown log level', async () => {
    const r = await run(['serve', '--port', '0', '--log-level', 'loud'], tempDir());
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--log-level loud is not one of trace, debug, info/);
  });

  it('writes its log as JSON lines into data.dir/logs while serving, and says it stopped', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [TALON, 'serve', '--port', '0', '--log-level', 'debug'], { cwd, env: { ...process.env, TALON_CONFIG: '' } });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /^READY (\S+)/.exec(line);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`talon exited (${code})`)));
    });
    expect(((await (await fetch(`${url}/health`)).json()) as { version: string }).version).toBe(VERSION);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    const dir = join(cwd, '.talon-data', 'demo', 'logs');
    const lines = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', component: 'talon', msg: 'starting', version: VERSION, centre: '8041' }));
    expect(lines).toContainEqual(expect.objectContaining({ component: 'hub', msg: 'listening', url }));
    expect(lines).toContainEqual(expect.objectContaining({ component: 'talon', msg: 'stopping', signal: 'SIGTERM' }));
    for (const l of lines) expect(typeof l.time).toBe('string');
  });
});
