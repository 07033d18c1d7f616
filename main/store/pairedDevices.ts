/**
 * The rows of migration 008_paired_devices: one per desk console paired with a code. The token itself
 * is never stored, only its SHA-256 (main/hub/pairedDevices.ts makes and checks it).
 */
import type { Store } from './store.js';

export interface PairedDeviceRecord {
  id: string;
  desk: number;
  pairedAt: number;
  /** When it last signed in, and from where; null before its first sign-in. */
  lastSeen: number | null;
  address: string | null;
  revokedAt: number | null;
}

interface Row {
  id: string;
  desk: number;
  paired_at: number;
  last_seen: number | null;
  address: string | null;
  revoked_at: number | null;
}

const toRecord = (r: Row): PairedDeviceRecord => ({
  id: r.id,
  desk: r.desk,
  pairedAt: r.paired_at,
  lastSeen: r.last_seen,
  address: r.address,
  revokedAt: r.revoked_at,
});

export class PairedDeviceRows {
  private readonly stmt;

  constructor(readonly store: Store) {
    const db = store.db;
    this.stmt = {
      add: db.prepare('INSERT INTO paired_devices (id, desk, token_hash, paired_at, last_seen, address) VALUES (?, ?, ?, ?, NULL, ?)'),
      byHash: db.prepare('SELECT id, desk, paired_at, last_seen, address, revoked_at FROM paired_devices WHERE token_hash = ?'),
      byId: db.prepare('SELECT id, desk, paired_at, last_seen, address, revoked_at FROM paired_devices WHERE id = ?'),
      seen: db.prepare('UPDATE paired_devices SET last_seen = ?, address = ? WHERE id = ?'),
      revoke: db.prepare('UPDATE paired_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      list: db.prepare('SELECT id, desk, paired_at, last_seen, address, revoked_at FROM paired_devices ORDER BY paired_at, id'),
    };
  }

  add(device: { id: string; desk: number; tokenHash: string; pairedAt: number; address: string | null }): void {
    this.stmt.add.run(device.id, device.desk, device.tokenHash, device.pairedAt, device.address);
  }

  byHash(tokenHash: string): PairedDeviceRecord | null {
    const row = this.stmt.byHash.get(tokenHash) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  byId(id: string): PairedDeviceRecord | null {
    const row = this.stmt.byId.get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  seen(id: string, at: number, address: string | null): void {
    this.stmt.seen.run(at, address, id);
  }

  /** True when this revoked it; false when it was revoked already or is unknown. */
  revoke(id: string, at: number): boolean {
    return this.stmt.revoke.run(at, id).changes === 1;
  }

  list(): PairedDeviceRecord[] {
    return (this.stmt.list.all() as Row[]).map(toRecord);
  }
}
