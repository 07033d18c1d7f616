/**
 * The live ticket's name: 128 bits that only the hub can make and that say nothing about the visit.
 *
 * id = first 128 bits of HMAC-SHA256(hub secret, day ‖ booking id). The secret is 256 random bits
 * made once per data folder (`live-ticket.key`, mode 0600). A keyed PRF is as unguessable as a stored
 * random id, and it needs no write: the id of a visit is known again after a power cut with nothing
 * in the database, and an id cannot be turned back into a booking without the key. A new day gives
 * every booking a new id, so yesterday's paper never reads today's floor.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const LIVE_KEY_FILE = 'live-ticket.key';

export class LiveIds {
  private readonly byId = new Map<string, string>();
  private indexedDay = '';

  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the live ticket secret must be at least 256 bits');
  }

  /** The secret from its file, made on first use. */
  static fromFile(file: string): LiveIds {
    if (existsSync(file)) {
      const hex = readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{64,}$/.test(hex)) return new LiveIds(Buffer.from(hex, 'hex'));
    }
    mkdirSync(dirname(file), { recursive: true });
    const secret = randomBytes(32);
    writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return new LiveIds(secret);
  }

  idFor(day: string, bookingId: string): string {
    return createHmac('sha256', this.secret).update(`${day}\n${bookingId}`).digest('hex').slice(0, 32);
  }

  /** What central knows a ticket by. */
  static keyOf(id: string): string {
    return createHash('sha256').update(id).digest('hex');
  }

  /**
   * The booking a live id names among `bookingIds` (today's visits), or null. The index is rebuilt
   * when the day changes and extended as visits appear, so a lookup never scans the day.
   */
  resolve(id: string, day: string, bookingIds: Iterable<string>): string | null {
    if (day !== this.indexedDay) {
      this.byId.clear();
      this.indexedDay = day;
    }
    const hit = this.byId.get(id);
    if (hit) return hit;
    for (const bookingId of bookingIds) {
      const own = this.idFor(day, bookingId);
      if (!this.byId.has(own)) this.byId.set(own, bookingId);
    }
    return this.byId.get(id) ?? null;
  }
}
