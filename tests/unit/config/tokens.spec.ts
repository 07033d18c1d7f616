/** Token strength (main/config/tokens.ts) and tokens from files (main/config/load.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../../main/config/load.js';
import { demoConfig } from '../../../main/config/demo.js';
import { configSchema, type ConfigInput } from '../../../main/config/schema.js';
import { newToken, STRONG_TOKEN_BITS, tokenBits, tokenStrengthProblem, tokenWarnings } from '../../../main/config/tokens.js';
import { useTempDir } from '../../helpers/tmp.js';
import { configFailure } from '../../helpers/config.js';

const tempDir = useTempDir('talon-tokens-');

const strong = () => newToken();

function base(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    centre: { id: '8041', name: 'ТСЦ' },
    services: [{ code: 'A', uk: 'А', en: 'A' }],
    desks: [
      { number: 1, services: ['A'], token: strong() },
      { number: 2, services: ['A'], token: strong() },
    ],
    hub: { host: '0.0.0.0', adminTokens: [strong()], kioskTokens: [strong()] },
    ...over,
  };
}


describe('token strength', () => {
  it('rates hex by 4 bits a character and other tokens by the classes they draw on', () => {
    expect(tokenBits('0123456789abcdef0123456789abcdef')).toBe(128);
    expect(tokenBits('abcdefghijklmnopqrstuv')).toBe(Math.floor(22 * Math.log2(26)));
    expect(tokenBits('desk1-Vq7rX2mK9pLw4Zt8')).toBe(Math.floor(22 * Math.log2(94)));
    expect(tokenBits('')).toBe(0);
  });

  it('calls every token `talon token new` makes strong', () => {
    for (let i = 0; i < 2000; i++) {
      const t = newToken();
      expect(t).toMatch(/^[0-9a-f]{32}$/);
      expect(tokenStrengthProblem(t)).toBeNull();
    }
  });

  it('calls short, repetitive and word tokens weak, saying why', () => {
    expect(tokenStrengthProblem('desk-token-1')).toMatch(/word with a number|bits/);
    expect(tokenStrengthProblem('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toMatch(/too few/);
    expect(tokenStrengthProblem('password-12345678')).toMatch(/word/);
    expect(tokenStrengthProblem('Xk39-fjQ2')).toMatch(new RegExp(`fewer than ${STRONG_TOKEN_BITS}`));
  });

  it('warns by key about every weak token, never printing the token', () => {
    const config = configSchema.parse(
      base({
        desks: [
          { number: 1, services: ['A'], token: strong() },
          { number: 2, services: ['A'], token: strong() },
          { number: 3, services: ['A'], token: 'desk-three-3' },
        ],
        hub: { host: '0.0.0.0', adminTokens: [strong(), 'admin-secret'], kioskTokens: [strong()], metricsTokens: ['scrape-me-please'], shelterBoardTokens: ['shelterbrd'] },
        app: { windows: [{ role: 'kiosk', token: 'kiosk-window' }] },
      }),
    );
    const warnings = tokenWarnings(config);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['desks[2].token', 'hub.adminTokens[1]', 'hub.shelterBoardTokens[0]', 'hub.metricsTokens[0]', 'app.windows[0].token']);
    for (const t of ['desk-three-3', 'admin-secret', 'scrape-me-please', 'shelterbrd', 'kiosk-window']) expect(warnings.join('\n')).not.toContain(t);
  });

  it('reads the central token from its file too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'central.token'), 'short-one\n');
    const config = configSchema.parse(base({ central: { url: 'http://127.0.0.1:1', tokenFile: join(dir, 'central.token') } }));
    expect(tokenWarnings(config)).toEqual([expect.stringMatching(/^central\.tokenFile: the token/)]);
  });

  it("excepts the demo's public tokens on loopback, and names them elsewhere", () => {
    const demo = demoConfig(tempDir());
    expect(tokenWarnings(demo)).toEqual([]);
    const exposed = { ...demo, hub: { ...demo.hub, host: '0.0.0.0' } };
    const warnings = tokenWarnings(exposed);
    expect(warnings.length).toBe(demo.desks.length + 2);
    expect(warnings.every((w) => /public demo token/.test(w))).toBe(true);
  });
});

describe('tokens from files', () => {
  function write(dir: string, config: Record<string, unknown>): string {
    const file = join(dir, 'talon.yaml');
    writeFileSync(file, stringify(config));
    return file;
  }

  it("reads tokenFile next to the config, trimmed, for desks, lists and windows", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'secrets'));
    const tokens = { desk: strong(), admin: strong(), kiosk: strong(), window: strong() };
    writeFileSync(join(dir, 'secrets', 'desk1'), `  ${tokens.desk}\n`);
    writeFileSync(join(dir, 'secrets', 'admin'), `${tokens.admin}\r\n`);
    writeFileSync(join(dir, 'kiosk.token'), tokens.kiosk);
    writeFileSync(join(dir, 'window.token'), tokens.window);
    const inlineKiosk = strong();
    const file = write(dir, base({
      desks: [
        { number: 1, services: ['A'], tokenFile: 'secrets/desk1' },
        { number: 2, services: ['A'], token: strong() },
      ],
      hub: { adminTokens: [{ tokenFile: 'secrets/admin' }], kioskTokens: [inlineKiosk, { tokenFile: join(dir, 'kiosk.token') }] },
      app: { windows: [{ role: 'kiosk', tokenFile: 'window.token' }] },
    }));
    // Started from elsewhere: the paths still mean "next to the config".
    const cwd = process.cwd();
    process.chdir('/');
    try {
      const config = loadConfig(file);
      expect(config.desks[0]!.token).toBe(tokens.desk);
      expect(config.hub.adminTokens).toEqual([tokens.admin]);
      expect(config.hub.kioskTokens).toEqual([inlineKiosk, tokens.kiosk]);
      expect(config.app.windows[0]!.token).toBe(tokens.window);
      expect('tokenFile' in config.desks[0]!).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  it('reports an unreadable, empty, oversized or many-line token file as a config error naming the key and its line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty'), ' \n\n');
    writeFileSync(join(dir, 'big'), 'x'.repeat(5000));
    writeFileSync(join(dir, 'lines'), `${strong()}\n${strong()}\n`);
    const cases: [unknown, RegExp][] = [
      ['missing', /desks\[0\]\.tokenFile: cannot read the token file .*missing: no such file/],
      ['empty', /desks\[0\]\.tokenFile: the token file .*empty is empty/],
      ['big', /desks\[0\]\.tokenFile: cannot read the token file .*big: 5000 bytes/],
      ['lines', /desks\[0\]\.tokenFile: the token file .*lines holds more than one line/],
      ['.', /desks\[0\]\.tokenFile: cannot read the token file .*: not a plain file/],
      [42, /desks\[0\]\.tokenFile: tokenFile is the path of a file/],
      ['', /desks\[0\]\.tokenFile: tokenFile is the path of a file/],
    ];
    for (const [tokenFile, message] of cases) {
      const err = configFailure(() => loadConfig(write(dir, base({ desks: [{ number: 1, services: ['A'], tokenFile }] }))));
      expect(err.message).toMatch(message);
      expect(err.issues[0]!.line).toBeGreaterThan(1);
    }
  });

  it('refuses both token and tokenFile, and a list entry with other keys', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't'), strong());
    expect(configFailure(() => loadConfig(write(dir, base({ desks: [{ number: 1, services: ['A'], token: strong(), tokenFile: 't' }] })))).message).toMatch(
      /desks\[0\]\.tokenFile: give token or tokenFile, not both/,
    );
    expect(configFailure(() => loadConfig(write(dir, base({ hub: { adminTokens: [{ tokenFile: 't', also: 1 }] } })))).message).toMatch(
      /hub\.adminTokens\[0\]: a token from a file is \{ tokenFile: PATH \}; unknown key "also"/,
    );
  });

  it("runs the schema's checks on a file's token, naming the file", () => {
    const dir = tempDir();
    const shared = strong();
    writeFileSync(join(dir, 'short'), 'abc');
    writeFileSync(join(dir, 'dup'), shared);
    const short = configFailure(() => loadConfig(write(dir, base({ desks: [{ number: 1, services: ['A'], tokenFile: 'short' }] }))));
    expect(short.message).toMatch(/desks\[0\]\.token: a token has at least 8 characters \(the token in .*short\)/);
    const dup = configFailure(() => loadConfig(write(dir, base({ hub: { adminTokens: [{ tokenFile: 'dup' }], kioskTokens: [shared] } }))));
    expect(dup.message).toMatch(/hub\.adminTokens\[0\]: token already used by a kiosk \(the token in .*dup\)/);
  });

  it('turns any garbage in token places into a ConfigError, never another exception', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok'), strong());
    const junk = fc.oneof(fc.anything(), fc.constantFrom('ok', '/dev/null', '/proc/self/mem', '..', '/', 'ok\0x'), fc.dictionary(fc.constantFrom('tokenFile', 'token', 'x'), fc.anything()));
    fc.assert(
      fc.property(junk, junk, junk, (deskEntry, listEntry, windowEntry) => {
        const input: Record<string, unknown> = base({
          desks: [{ number: 1, services: ['A'], ...(typeof deskEntry === 'object' && deskEntry !== null ? deskEntry : { tokenFile: deskEntry }) }],
          hub: { adminTokens: [listEntry], kioskTokens: [{ tokenFile: listEntry }] },
          app: { windows: [{ role: 'kiosk', tokenFile: windowEntry }] },
        });
        let text: string;
        try {
          text = stringify(input);
        } catch {
          return;
        }
        try {
          parseConfig(text, join(dir, 'talon.yaml'));
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('turns any text into a config or a ConfigError', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('a: &a [*a, *a]\nb: *a'), fc.constant('x: &x {y: *x}')), (text) => {
        try {
          parseConfig(text, join(dir, 'talon.yaml'));
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// A ConfigInput with tokenFile is the loader's, not the schema's: the schema sees resolved strings.
export type _Input = ConfigInput;
