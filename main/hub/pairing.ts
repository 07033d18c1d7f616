/**
 * Pairing codes: the admin asks for a code for desk N, the operator types it into the desk console
 * in any browser, and the console gets a token of its own (main/hub/pairedDevices.ts) without anyone
 * reading a token aloud. A code is six digits, good once, for ten minutes.
 *
 * Guessing is throttled per client address, so a stranger's wrong codes never lock out the desk that
 * has the right one (docs/security.md):
 * - an address that sent 10 wrong codes in the last minute is refused until the minute has passed;
 * - across all addresses, once 100 wrong codes came in the last minute, an address that has itself
 *   sent a wrong code in that minute is refused too, but an address that has not (a console typing its
 *   code) is always heard. A distributed guess thus gets 100 tries a minute plus one per fresh
 *   address, against a million codes that live ten minutes.
 * IPv6 addresses count by their /64, since one machine may hold a whole /64.
 */
import { randomInt } from 'node:crypto';
import type { Millis } from '../core/types.js';

export const PAIRING_TTL_MS = 10 * 60_000;
export const MAX_FAILURES_PER_ADDRESS = 10;
export const MAX_FAILURES_GLOBAL = 100;
const WINDOW_MS = 60_000;
/** Past this many addresses with recent failures, every address with a failure is refused (memory stays bounded). */
const MAX_TRACKED_ADDRESSES = 10_000;

interface Pending {
  desk: number;
  expiresAt: Millis;
}

export type RedeemResult = { desk: number } | { error: 'WRONG_CODE' | 'TOO_MANY_TRIES' };

/** The key an address is throttled by: IPv4 (mapped or not) as is, IPv6 by its first four groups. */
export function addressKey(address: string | undefined | null): string {
  if (!address) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1]!;
  if (!address.includes(':')) return address.slice(0, 64);
  const [head, tail] = address.toLowerCase().split('::', 2) as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class Pairing {
  private readonly codes = new Map<string, Pending>();
  /** Failure times per address key, each list oldest first. */
  private readonly failures = new Map<string, Millis[]>();
  private total: Millis[] = [];

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

  /** The desk the code pairs, once; an error for a wrong or used code, or while this address is throttled. */
  redeem(code: string, address?: string | null): RedeemResult {
    this.prune();
    const key = addressKey(address);
    const own = this.failures.get(key)?.length ?? 0;
    const crowded = this.total.length >= MAX_FAILURES_GLOBAL || this.failures.size >= MAX_TRACKED_ADDRESSES;
    if (own >= MAX_FAILURES_PER_ADDRESS || (crowded && own > 0)) return { error: 'TOO_MANY_TRIES' };
    const pending = this.codes.get(code);
    if (!pending) {
      const t = this.now();
      this.failures.set(key, [...(this.failures.get(key) ?? []), t]);
      this.total.push(t);
      return { error: 'WRONG_CODE' };
    }
    this.codes.delete(code);
    return { desk: pending.desk };
  }

  private prune(): void {
    const now = this.now();
    for (const [code, p] of this.codes) if (p.expiresAt <= now) this.codes.delete(code);
    const since = now - WINDOW_MS;
    this.total = this.total.filter((t) => t > since);
    for (const [key, times] of this.failures) {
      const recent = times.filter((t) => t > since);
      if (recent.length) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
  }
}
