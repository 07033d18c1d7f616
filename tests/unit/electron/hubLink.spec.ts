import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { readLaunchEnv } from '../../../main/electron/hubLink.js';
import { machinePaths } from '../../../main/electron/machinePaths.js';
import { roleTokens, tokenFor } from '../../../main/electron/tokens.js';

describe('the launch environment', () => {
  it('reads the hub URL and config path the CLI sets, and no tokens', () => {
    expect(readLaunchEnv({ TALON_HUB_URL: 'http://127.0.0.1:7300/', TALON_CONFIG: '/etc/talon/talon.yaml', TALON_TOKENS: '{"kiosk":"demo-kiosk"}' })).toEqual({
      hubUrl: 'http://127.0.0.1:7300',
      configPath: '/etc/talon/talon.yaml',
    });
  });

  it('has no config path when TALON_CONFIG is empty, and means a packaged start when there is no hub URL', () => {
    expect(readLaunchEnv({ TALON_HUB_URL: 'http://127.0.0.1:7300', TALON_CONFIG: '' })?.configPath).toBeNull();
    expect(readLaunchEnv({})).toBeNull();
  });

  it('rejects a hub URL that is not http(s)', () => {
    expect(() => readLaunchEnv({ TALON_HUB_URL: 'javascript:alert(1)' })).toThrow('TALON_HUB_URL must be http(s)');
    expect(() => readLaunchEnv({ TALON_HUB_URL: 'not a url' })).toThrow('TALON_HUB_URL is not a URL');
  });
});

describe('the machine-wide places', () => {
  it('are /etc/talon and /var/lib/talon on Linux, whoever is signed in', () => {
    expect(machinePaths({ HOME: '/home/kiosk' }, 'linux')).toEqual({ configFile: '/etc/talon/talon.yaml', dataDir: '/var/lib/talon' });
  });

  it('are under %ProgramData%\\Talon on Windows', () => {
    expect(machinePaths({ ProgramData: 'D:\\ProgramData' }, 'win32')).toEqual({
      configFile: 'D:\\ProgramData\\Talon\\talon.yaml',
      dataDir: 'D:\\ProgramData\\Talon\\data',
    });
    expect(machinePaths({}, 'win32').configFile).toBe('C:\\ProgramData\\Talon\\talon.yaml');
  });

  it('give way to TALON_CONFIG and TALON_DATA', () => {
    expect(machinePaths({ TALON_CONFIG: '/srv/centre/talon.yaml', TALON_DATA: '/srv/centre/data' }, 'linux')).toEqual({
      configFile: '/srv/centre/talon.yaml',
      dataDir: '/srv/centre/data',
    });
    expect(machinePaths({ TALON_CONFIG: '  ', TALON_DATA: '' }, 'linux')).toEqual({ configFile: '/etc/talon/talon.yaml', dataDir: '/var/lib/talon' });
  });
});

describe('window tokens', () => {
  it("take the role's first token from the hub section, and a window's own token first", () => {
    const tokens = roleTokens(demoConfig('/tmp/talon-demo'));

    expect(tokens).toEqual({ kiosk: 'demo-kiosk', admin: 'demo-admin' });
    expect(tokenFor({ role: 'kiosk', display: 0, fullscreen: true }, tokens)).toBe('demo-kiosk');
    expect(tokenFor({ role: 'kiosk', display: 0, fullscreen: true, token: 'kiosk-2-token' }, tokens)).toBe('kiosk-2-token');
    expect(tokenFor({ role: 'desk', display: 0, fullscreen: false }, tokens)).toBeNull();
  });
});
