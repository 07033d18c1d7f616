/**
 * Proof of work against booking bots: the citizen's client fetches a challenge and finds a nonce
 * with sha256(challenge + ':' + nonce) starting with `difficulty` zero bits. Cheap for one person,
 * costly for a bot booking thousands. Challenges are signed (no state until spent) and single-use.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Challenge } from '../protocol/central.js';

export const CHALLENGE_TTL_MS = 5 * 60_000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function issueChallenge(secret: string, now: number, difficulty: number): Challenge {
  const expiresAt = now + CHALLENGE_TTL_MS;
  const body = `${expiresAt}.${difficulty}.${randomBytes(12).toString('base64url')}`;
  return { challenge: `${body}.${sign(secret, body)}`, difficulty, expiresAt };
}

function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function hashOf(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** Checks signature, expiry and work; the caller records the challenge as spent in its transaction. */
export function verifyChallenge(secret: string, now: number, challenge: string, nonce: string): { ok: true; expiresAt: number } | { ok: false } {
  const parts = challenge.split('.');
  if (parts.length !== 4) return { ok: false };
  const body = parts.slice(0, 3).join('.');
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(parts[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false };
  const expiresAt = Number(parts[0]);
  const difficulty = Number(parts[1]);
  if (!(expiresAt > now)) return { ok: false };
  if (leadingZeroBits(hashOf(challenge, nonce)) < difficulty) return { ok: false };
  return { ok: true, expiresAt };
}

/** What a citizen's app does: try nonces until one fits. */
export function solveChallenge(c: Challenge): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(hashOf(c.challenge, String(n))) >= c.difficulty) return String(n);
  }
}
