/**
 * The technician's PIN that lets a kiosk or board be left: only its scrypt hash is in the config
 * (`app.exitPin`), so a config file copied off a machine does not give the PIN away.
 * Format: `scrypt$<16-byte salt, base64url>$<32-byte key, base64url>` (N=16384, r=8, p=1).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { EXIT_PIN_HASH } from '../config/schema.js';

const KEY_BYTES = 32;
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const;

/** 4 to 12 digits: typed on a kiosk's keyboard or a numeric pad. */
export const PIN_PATTERN = /^\d{4,12}$/;

export function hashExitPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!PIN_PATTERN.test(pin)) throw new Error('an exit PIN is 4 to 12 digits');
  const key = scryptSync(pin, salt, KEY_BYTES, SCRYPT);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** False for a wrong PIN and for a hash that is not in the format above; never throws. */
export function verifyExitPin(pin: string, hash: string): boolean {
  if (!EXIT_PIN_HASH.test(hash) || !PIN_PATTERN.test(pin)) return false;
  const [, salt, key] = hash.split('$') as [string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const given = scryptSync(pin, Buffer.from(salt, 'base64url'), KEY_BYTES, SCRYPT);
  return timingSafeEqual(expected, given);
}
