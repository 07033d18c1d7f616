import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../main/config/schema.js';
import { hashExitPin, verifyExitPin } from '../../../main/electron/exitPin.js';

const HASH = hashExitPin('2468');

describe('the exit PIN', () => {
  it('is kept as a salted scrypt hash that verifies only the same PIN', () => {
    expect(HASH).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(HASH).not.toContain('2468');
    expect(hashExitPin('2468')).not.toBe(HASH);
    expect(verifyExitPin('2468', HASH)).toBe(true);
    expect(verifyExitPin('2469', HASH)).toBe(false);
    expect(verifyExitPin('', HASH)).toBe(false);
  });

  it('refuses a PIN that is not 4 to 12 digits', () => {
    expect(() => hashExitPin('123')).toThrow('4 to 12 digits');
    expect(() => hashExitPin('12ab')).toThrow('4 to 12 digits');
  });

  it('is accepted in the config only as a hash, never as the PIN itself', () => {
    const base = { centre: { id: '1', name: 'x' }, services: [{ code: 'A', uk: 'a', en: 'a' }], desks: [{ number: 1, services: ['A'], token: 'desk-token-1' }] };
    expect(configSchema.safeParse({ ...base, app: { exitPin: HASH } }).success).toBe(true);
    expect(configSchema.safeParse({ ...base, app: { exitPin: '2468' } }).success).toBe(false);
  });

  it('answers false, never throws, for garbage hashes and PINs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (pin, hash) => {
        expect(verifyExitPin(pin, hash)).toBe(false);
      }),
    );
  });
});
