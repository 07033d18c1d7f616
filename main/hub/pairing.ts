/**
 * Pairing codes: the admin asks for a code for desk N, the operator types it into the desk console
 * in any browser, and the console gets the desk's token without anyone reading it aloud. A code is
 * six digits, good once, for ten minutes.
 */
import { randomInt } from 'node:crypto';
import type { Millis } from '../core/types.js';

export const PAIRING_TTL_MS = 10 * 60_000;
const MAX_FAILURES_PER_MINUTE = 10;

interface Pending {
  desk: number;
  expiresAt: Millis;
}

export class Pairing {
  private readonly codes = new Map<string, Pending>();
  private failures: Millis[] = [];

  constructor(private readonly now: () => Millis) {}

  issue(desk: number): { code: string; expiresAt: Millis } {
    this.prune();
    for (const [code, p] of this.codes) if (p.desk === desk) this.codes.delete(code);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.codes.has(code));
    const expiresAt = this.now() + PAIRING_TTL_MS;
    this.codes.set(code, { desk, expiresAt });
    return { code, expiresAt };
  }

  /** The desk the code pairs, once; null for a wrong or used code, or while guessing is throttled. */
  redeem(code: string): { desk: number } | { error: 'WRONG_CODE' | 'TOO_MANY_TRIES' } {
    this.prune();
    if (this.failures.length >= MAX_FAILURES_PER_MINUTE) return { error: 'TOO_MANY_TRIES' };
    const pending = this.codes.get(code);
    if (!pending) {
      this.failures.push(this.now());
      return { error: 'WRONG_CODE' };
    }
    this.codes.delete(code);
    return { desk: pending.desk };
  }

  private prune(): void {
    const now = this.now();
    for (const [code, p] of this.codes) if (p.expiresAt <= now) this.codes.delete(code);
    this.failures = this.failures.filter((t) => t > now - 60_000);
  }
}
