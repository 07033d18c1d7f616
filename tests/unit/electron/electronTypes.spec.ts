/**
 * `npm run typecheck` holds the shell's Electron types and the fake to Electron's own declarations.
 * Shown here by compiling copies of main/electron/electronApi.ts and tests/fakes/electron.ts, each
 * with one deliberate drift, next to an unchanged copy: the drifted ones must fail, the copy must not.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const API = join(ROOT, 'main/electron/electronApi.ts');
const FAKE = join(ROOT, 'tests/fakes/electron.ts');
const run = promisify(execFile);

/** Replaces exactly one occurrence, so a fixture cannot silently stop drifting when the source changes. */
function drift(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`the drift needs exactly one "${from}"`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

let dir: string;
let errors: string[] = [];

beforeAll(async () => {
  // The declarations come with the `electron` package; the script installs them where they are missing.
  await run('sh', [join(ROOT, '.ci/electron-types.sh')], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'talon-electron-types-'));
  const api = readFileSync(API, 'utf8');
  const fake = readFileSync(FAKE, 'utf8').replace("'../../main/electron/electronApi.js'", `'${join(ROOT, 'main/electron/electronApi.js')}'`);
  const files: Record<string, string> = {
    'fake-as-is.ts': fake,
    // The fake takes a number where Electron's loadURL takes a string.
    'fake-drifted.ts': drift(fake, 'loadURL(url: string): Promise<void> {', 'loadURL(url: number): Promise<void> {\n    void url;\n    return Promise.resolve();\n  }\n  loadURLOld(url: string): Promise<void> {'),
    'api-as-is.ts': api,
    // An event Electron's WebContents does not emit (a typo for will-frame-navigate).
    'api-drifted-event.ts': drift(api, "on(event: 'will-frame-navigate'", "on(event: 'will-frame-navigated'"),
    // A method Electron's WebContents does not have.
    'api-drifted-member.ts': drift(api, "'id' | 'loadURL' | 'reload'", "'id' | 'loadURL' | 'reloadAll'"),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        paths: { electron: [join(ROOT, 'node_modules/electron/electron.d.ts')] },
      },
      files: Object.keys(files),
    }),
  );
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir }).then(
    () => ({ stdout: '' }),
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const errorsIn = (file: string) => errors.filter((line) => line.startsWith(`${file}(`) || line.includes(`/${file}(`));

describe("the type check against Electron's declarations", () => {
  it('has the declarations of the pinned electron package', () => {
    expect(existsSync(join(ROOT, 'node_modules/electron/electron.d.ts'))).toBe(true);
  });

  it('passes the shell types and the fake as they are', () => {
    expect(errorsIn('fake-as-is.ts')).toEqual([]);
    expect(errorsIn('api-as-is.ts')).toEqual([]);
  });

  it('fails a fake whose method no longer matches Electron', () => {
    expect(errorsIn('fake-drifted.ts').join('\n')).toMatch(/loadURL/);
  });

  it('fails shell types that name an event or a member Electron does not have', () => {
    expect(errorsIn('api-drifted-event.ts').join('\n')).toMatch(/does not satisfy the constraint 'ElectronMain'/);
    expect(errorsIn('api-drifted-member.ts').join('\n')).toMatch(/reloadAll/);
  });
});
