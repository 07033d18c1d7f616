import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig, type ConfigIssue } from '../../../main/config/load.js';
import { HUB_LIMIT_DEFAULTS } from '../../../main/config/schema.js';
import { configFailure } from '../../helpers/config.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talon-config-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the lines as talon.yaml; a fixture's line N is lines[N - 1]. */
function write(lines: string[], name = 'talon.yaml'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}


function issuesOf(lines: string[]): ConfigIssue[] {
  return configFailure(() => loadConfig(write(lines))).issues;
}

const MINIMAL = [
  'centre:', //                                                                     1
  '  id: "8041"', //                                                                2
  '  name: ТСЦ МВС № 8041', //                                                      3
  'services:', //                                                                   4
  '  - { code: DL_EXCHANGE, uk: Обмін посвідчення водія, en: "Licence exchange" }', // 5
  '  - { code: THEORY_EXAM, uk: Теоретичний іспит, en: Theory exam }', //           6
  'desks:', //                                                                      7
  '  - number: 1', //                                                               8
  '    services: [DL_EXCHANGE]', //                                                 9
  '    token: desk-token-1', //                                                     10
  '  - number: 2', //                                                               11
  '    services:', //                                                               12
  '      - THEORY_EXAM', //                                                         13
  '    token: desk-token-2', //                                                     14
];

describe('loadConfig', () => {
  it('loads a minimal config and fills in every default', () => {
    const config = loadConfig(write(MINIMAL));
    expect(config.centre).toEqual({ id: '8041', name: 'ТСЦ МВС № 8041', timezone: 'Europe/Kyiv', worksDuringAlert: false });
    expect(config.desks).toEqual([
      { number: 1, services: ['DL_EXCHANGE'], token: 'desk-token-1' },
      { number: 2, services: ['THEORY_EXAM'], token: 'desk-token-2' },
    ]);
    expect(config.checkIn).toEqual({ earliestMinutes: 60, latestMinutes: 15, reprints: 1 });
    expect(config.calls).toEqual({ recallsBeforeNoShow: 2, maxRecalls: 3 });
    expect(config.hub).toEqual({ host: '0.0.0.0', port: 7300, kioskTokens: [], adminTokens: [], boardTokens: [], metricsTokens: [], allowedOrigins: [], limits: HUB_LIMIT_DEFAULTS });
    expect(config.app.runHub).toBe(true);
    expect(config.app.windows.map((w) => w.role)).toEqual(['kiosk', 'board']);
    expect(config.alerts.sources).toEqual(['manual']);
    expect(config.printer).toBeUndefined();
    expect(config.data.dir).toBe(path.join(dir, '.talon-data'));
  });

  it('keeps every value a full config sets and resolves its token files next to the config', () => {
    const config = loadConfig(
      write([
        'centre: { id: "8041", name: "ТСЦ МВС № 8041", timezone: Europe/Kyiv, worksDuringAlert: true }',
        'services:',
        '  - { code: DL_EXCHANGE, uk: "Обмін посвідчення водія", en: "Driver\'s licence exchange" }',
        'desks:',
        '  - { number: 1, services: [DL_EXCHANGE], token: "desk-token-1", bus: { address: 1 } }',
        'checkIn: { earliestMinutes: 30, latestMinutes: 10, reprints: 2 }',
        'calls: { recallsBeforeNoShow: 1, maxRecalls: 2 }',
        'hub: { host: 127.0.0.1, port: 8080, kioskTokens: ["kiosk-token-1"], adminTokens: ["admin-token-1"] }',
        'app: { runHub: true, windows: [{ role: board, display: 1, fullscreen: false }] }',
        'printer: { transport: tcp, address: "192.168.1.50:9100", codepage: cp866, escT: 17, width: 42 }',
        'deskBus: { path: /dev/ttyUSB0, baudRate: 19200, driver: qsystem }',
        'central: { url: "https://central.example/api", tokenFile: secrets/central.token }',
        'alerts: { sources: [manual, alertsInUa], alertsInUa: { tokenFile: /etc/talon/alerts.token, location: { oblast: 31, raion: 1060 } } }',
        'data: { dir: /var/lib/talon }',
      ]),
    );
    expect(config.centre.worksDuringAlert).toBe(true);
    expect(config.desks[0]!.bus).toEqual({ address: 1 });
    expect(config.checkIn).toEqual({ earliestMinutes: 30, latestMinutes: 10, reprints: 2 });
    expect(config.hub).toEqual({ host: '127.0.0.1', port: 8080, kioskTokens: ['kiosk-token-1'], adminTokens: ['admin-token-1'], boardTokens: [], metricsTokens: [], allowedOrigins: [], limits: HUB_LIMIT_DEFAULTS });
    expect(config.app.windows).toEqual([{ role: 'board', display: 1, fullscreen: false }]);
    expect(config.printer).toEqual({ transport: 'tcp', address: '192.168.1.50:9100', codepage: 'cp866', escT: 17, width: 42 });
    expect(config.deskBus).toEqual({ path: '/dev/ttyUSB0', baudRate: 19200, driver: 'qsystem' });
    expect(config.central).toMatchObject({ url: 'https://central.example/api', tokenFile: path.join(dir, 'secrets/central.token') });
    expect(config.alerts.alertsInUa).toEqual({
      tokenFile: '/etc/talon/alerts.token',
      location: { oblast: '31', raion: '1060' },
      pollEveryMs: 20_000,
      baseUrl: 'https://api.alerts.in.ua',
      timeoutMs: 10_000,
    });
    expect(config.alerts.freezeTypes).toEqual(['air_raid']);
    expect(config.data.dir).toBe('/var/lib/talon');
  });

  it("resolves a relative data dir against the config file's directory, not the working directory", () => {
    fs.mkdirSync(path.join(dir, 'etc'));
    const config = loadConfig(write([...MINIMAL, 'data: { dir: ../state }'], 'etc/talon.yaml'));
    expect(config.data.dir).toBe(path.join(dir, 'state'));
  });

  it('reports a file that does not exist as not found', () => {
    const file = path.join(dir, 'missing.yaml');
    const error = configFailure(() => loadConfig(file));
    expect(error.name).toBe('ConfigError');
    expect(error).toBeInstanceOf(Error);
    expect(error.issues).toEqual([{ path: '', line: null, column: null, message: 'file not found' }]);
    expect(error.message).toBe(`${file}: file not found`);
  });

  it('reports an empty file', () => {
    expect(issuesOf([''])).toEqual([{ path: '', line: null, column: null, message: 'the file is empty' }]);
  });
});

describe('parseConfig error lines', () => {
  it('names an unknown key and the line and column of the key', () => {
    const lines = [...MINIMAL];
    lines.splice(3, 0, '  colour: blue'); // becomes line 4
    expect(issuesOf(lines)).toEqual([{ path: 'centre.colour', line: 4, column: 3, message: 'unknown key "colour"' }]);
  });

  it('reports each unknown key of one map on its own line', () => {
    const issues = issuesOf([...MINIMAL, '    bogus: 1', '    other: 2']);
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['desks[1].bogus', 15],
      ['desks[1].other', 16],
    ]);
  });

  it('reports an unknown top-level key', () => {
    expect(issuesOf([...MINIMAL, 'printers: { transport: tcp }'])).toEqual([
      { path: 'printers', line: 15, column: 1, message: 'unknown key "printers"' },
    ]);
  });

  it('reports a missing required key on the line where the map that lacks it starts', () => {
    const lines = MINIMAL.filter((l) => l !== '    token: desk-token-2');
    expect(issuesOf(lines)).toEqual([{ path: 'desks[1].token', line: 11, column: 5, message: 'is required but missing' }]);
  });

  it('reports a missing top-level section on the first line of the file', () => {
    expect(issuesOf(MINIMAL.slice(0, 6))).toEqual([{ path: 'desks', line: 1, column: 1, message: 'is required but missing' }]);
  });

  it('reports a value of the wrong type on its own line and column', () => {
    const lines = MINIMAL.map((l) => (l === '  id: "8041"' ? '  id: 8041' : l));
    expect(issuesOf(lines)).toEqual([
      { path: 'centre.id', line: 2, column: 7, message: 'Invalid input: expected string, received number' },
    ]);
  });

  it('reports a desk number listed twice on the line of the second one', () => {
    const lines = MINIMAL.map((l) => (l === '  - number: 2' ? '  - number: 1' : l));
    expect(issuesOf(lines)).toEqual([{ path: 'desks[1].number', line: 11, column: 13, message: 'desk 1 is listed twice' }]);
  });

  it('reports a token used twice and who already has it', () => {
    const issues = issuesOf([...MINIMAL, 'hub:', '  kioskTokens:', '    - desk-token-1']);
    expect(issues).toEqual([{ path: 'hub.kioskTokens[0]', line: 17, column: 7, message: 'token already used by desk 1' }]);
  });

  it('reports an unknown service on a desk at the list item, as file:line:column in the message', () => {
    const lines = MINIMAL.map((l) => (l === '      - THEORY_EXAM' ? '      - FOO' : l));
    const file = write(lines);
    const error = configFailure(() => loadConfig(file));
    expect(error.issues).toEqual([{ path: 'desks[1].services[0]', line: 13, column: 9, message: 'unknown service FOO' }]);
    expect(error.message).toBe(`${file}:13:9 desks[1].services[0]: unknown service FOO`);
  });

  it('reports a timezone that is not an IANA zone', () => {
    const lines = [...MINIMAL];
    lines.splice(3, 0, '  timezone: Europe/Kiev-on-Dnipro');
    expect(issuesOf(lines)).toEqual([{ path: 'centre.timezone', line: 4, column: 13, message: 'not a known IANA timezone' }]);
  });

  it('explains a rule across keys instead of calling the key missing', () => {
    expect(issuesOf([...MINIMAL, 'app:', '  runHub: false'])).toEqual([
      { path: 'app.remoteHub', line: 16, column: 3, message: 'a machine that does not run the hub needs remoteHub' },
    ]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const lines = [...MINIMAL];
    lines[2] = '   name: ТСЦ'; // line 3 is indented one space deeper than line 2
    expect(issuesOf(lines)).toEqual([{ path: '', line: 3, column: 1, message: 'All mapping items must start at the same column' }]);
  });

  it('reports only the first syntax error, where the parser lost its footing', () => {
    const lines = [...MINIMAL];
    lines[8] = '    services: [DL_EXCHANGE'; // line 9 never closes; the parser notices on line 10
    const issues = issuesOf(lines);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '', line: 10, column: 5 });
  });

  it('reports a tab used for indentation', () => {
    const lines = [...MINIMAL];
    lines[1] = '\tid: "8041"';
    expect(issuesOf(lines)).toEqual([{ path: '', line: 2, column: 1, message: 'Tabs are not allowed as indentation' }]);
  });

  it('reports a key written twice in one map as a YAML error on the second one', () => {
    const lines = [...MINIMAL];
    lines.splice(2, 0, '  id: "8042"'); // line 3 repeats line 2's key
    expect(issuesOf(lines)).toEqual([{ path: '', line: 3, column: 3, message: 'Map keys must be unique' }]);
  });

  it('lists every problem in the message, one line each', () => {
    const lines = [...MINIMAL, '    bogus: 1'];
    lines[1] = '  id: 8041';
    const file = write(lines);
    const error = configFailure(() => loadConfig(file));
    expect(error.message.split('\n')).toEqual([
      `${file}:2:7 centre.id: Invalid input: expected string, received number`,
      `${file}:15:5 desks[1].bogus: unknown key "bogus"`,
    ]);
  });

  it('names the file as given by the caller', () => {
    const error = configFailure(() => parseConfig('centre: [', 'site/talon.yaml'));
    expect(error.message).toMatch(/^site\/talon\.yaml:\d+:\d+: /);
  });
});

describe('printer profile defaults', () => {
  it("takes Epson's ESC t number for the code page unless the profile names its own", () => {
    const base = 'centre: { id: "1", name: "x" }\nservices: [{ code: A, uk: a, en: a }]\ndesks: [{ number: 1, services: [A], token: "deskdesk1" }]\n';
    const escT = (printer: string) => parseConfig(`${base}printer: ${printer}\n`, 'talon.yaml').printer?.escT;
    expect(escT('{ transport: virtual }')).toBe(46);
    expect(escT('{ transport: virtual, codepage: cp1125 }')).toBe(44);
    expect(escT('{ transport: virtual, codepage: cp866 }')).toBe(17);
    expect(escT('{ transport: virtual, codepage: wpc1251, escT: 23 }')).toBe(23);
  });
});
