import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../../main/config/demo.js';
import { readLaunchEnv } from '../../../main/electron/hubLink.js';
import { parseRoleTokens, roleTokens, tokenFor } from '../../../main/electron/tokens.js';

describe('the launch environment', () => {
  it('reads the hub URL, config path and tokens the CLI sets', () => {
    expect(
      readLaunchEnv({ TALON_HUB_URL: 'http://127.0.0.1:7300/', TALON_CONFIG: '/etc/talon/talon.yaml', TALON_TOKENS: '{"kiosk":"demo-kiosk"}' }),
    ).toEqual({ hubUrl: 'http://127.0.0.1:7300', configPath: '/etc/talon/talon.yaml', tokens: { kiosk: 'demo-kiosk' } });
  });

  it('means the demo centre when TALON_CONFIG is empty, and a packaged start when there is no hub URL', () => {
    expect(readLaunchEnv({ TALON_HUB_URL: 'http://127.0.0.1:7300', TALON_CONFIG: '' })?.configPath).toBeNull();
    expect(readLaunchEnv({})).toBeNull();
  });

  it('rejects a hub URL that is not http(s) and tokens that are not a role map', () => {
    expect(() => readLaunchEnv({ TALON_HUB_URL: 'javascript:alert(1)' })).toThrow('TALON_HUB_URL must be http(s)');
    expect(() => readLaunchEnv({ TALON_HUB_URL: 'not a url' })).toThrow('TALON_HUB_URL is not a URL');
    expect(() => parseRoleTokens('{"root":"x"}')).toThrow('TALON_TOKENS');
    expect(() => parseRoleTokens('kiosk=x')).toThrow('TALON_TOKENS is not JSON');
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
