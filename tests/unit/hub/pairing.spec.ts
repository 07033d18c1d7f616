/** The pairing throttle (main/hub/pairing.ts): per address, and a global cap that never locks out a fresh address's right code. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey, MAX_FAILURES_PER_ADDRESS, Pairing, PAIRING_TTL_MS } from '../../../main/hub/pairing.js';

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and groups IPv6 by its /64', () => {
    expect(addressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});

describe('Pairing', () => {
  it('locks out an address after its wrong codes, for a minute, and not another address', () => {
    let t = 0;
    const p = new Pairing(() => t);
    const { code } = p.issue(2);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect(p.redeem(wrong, '10.0.0.66')).toEqual({ error: 'WRONG_CODE' });
    expect(p.redeem(code, '10.0.0.66')).toEqual({ error: 'TOO_MANY_TRIES' });
    t += 60_001;
    expect(p.redeem(wrong, '10.0.0.66')).toEqual({ error: 'WRONG_CODE' });
    expect(p.redeem(code, '10.0.0.2')).toEqual({ desk: 2 });
    expect(p.redeem(code, '10.0.0.2')).toEqual({ error: 'WRONG_CODE' });
  });

  it('expires a code after ten minutes', () => {
    let t = 0;
    const p = new Pairing(() => t);
    const { code } = p.issue(1);
    t += PAIRING_TTL_MS;
    expect(p.redeem(code, '10.0.0.2')).toEqual({ error: 'WRONG_CODE' });
  });

  it('whatever strangers send from other addresses, a fresh address redeems its right code', () => {
    const attempt = fc.record({ address: fc.ipV4(), code: fc.stringMatching(/^\d{6}$/), wait: fc.nat(5000) });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 400 }), (attempts) => {
        let t = 0;
        const p = new Pairing(() => t);
        const { code } = p.issue(3);
        const desk = '192.0.2.200';
        for (const a of attempts) {
          if (a.address === desk || a.code === code) continue;
          t += a.wait;
          p.redeem(a.code, a.address);
        }
        if (t >= PAIRING_TTL_MS) return;
        expect(p.redeem(code, desk)).toEqual({ desk: 3 });
      }),
      { numRuns: 300 },
    );
  });
});
