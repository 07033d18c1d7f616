/**
 * Desk consoles paired with a code (docs/security.md, credentials). Pairing gives the console a token
 * of its own, random 128 bits, never the desk's configured token; the hub keeps only its SHA-256, so
 * the database holds nothing that signs in. The admin lists the devices and revokes one: its sockets
 * are dropped at once (the hub listens for 'revoked') and its token is refused from then on. The
 * desk's configured token and the other devices go on working.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Millis } from '../core/types.js';
import { PairedDeviceRows } from '../store/pairedDevices.js';
import type { Store } from '../store/index.js';
import type { PairedDeviceView } from '../../sync/protocol/hub.js';
import type { Actor, Answer, CommandContext } from './commands.js';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A device token is 32 hex digits; anything else is not one and costs no lookup. */
const DEVICE_TOKEN = /^[0-9a-f]{32}$/;

interface PairedEvents {
  /** A device was revoked: drop its sockets. */
  revoked: [deviceId: string];
  /** The list changed (a pairing, a revocation): the admin page gets it again. */
  change: [devices: PairedDeviceView[]];
}

export class PairedDevices extends EventEmitter<PairedEvents> {
  private readonly rows: PairedDeviceRows;

  constructor(
    store: Store,
    private readonly now: () => Millis,
  ) {
    super();
    this.rows = new PairedDeviceRows(store);
  }

  /** A new device for a desk: its token, shown once to the console that redeemed the code. */
  pair(desk: number, address: string | null): { id: string; token: string } {
    const id = `dev-${randomBytes(8).toString('hex')}`;
    const token = randomBytes(16).toString('hex');
    this.rows.add({ id, desk, tokenHash: tokenHash(token), pairedAt: this.now(), address });
    this.emit('change', this.list());
    return { id, token };
  }

  /**
   * The paired device a token stands for, when it is one and not revoked; notes when and from where
   * it was seen. The lookup is by the token's hash, so it leaks nothing by timing about other tokens.
   */
  authenticate(token: string, address: string | null): { id: string; desk: number } | null {
    if (!DEVICE_TOKEN.test(token)) return null;
    const device = this.rows.byHash(tokenHash(token));
    if (!device || device.revokedAt !== null) return null;
    this.rows.seen(device.id, this.now(), address);
    return { id: device.id, desk: device.desk };
  }

  list(): PairedDeviceView[] {
    return this.rows.list();
  }

  /** Revokes a device; false when there is no such device. Revoking twice is no change. */
  revoke(id: string): boolean {
    if (!this.rows.byId(id)) return false;
    if (this.rows.revoke(id, this.now())) {
      this.emit('revoked', id);
      this.emit('change', this.list());
    }
    return true;
  }
}

/** The admin's events for paired devices, hooked into HANDLERS.admin (main/hub/commands.ts). */
export const PAIRED_DEVICE_HANDLERS = {
  pairedDevices: (_p: Record<string, never>, _actor: Actor, ctx: CommandContext): Answer =>
    ctx.paired ? { ok: true, body: { devices: ctx.paired.list() } } : { ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'pairing' } } },
  revokeDevice: (p: { commandId: string; device: string }, _actor: Actor, ctx: CommandContext): Answer => {
    if (!ctx.paired) return { ok: false, hubError: { code: 'NOT_AVAILABLE', params: { feature: 'pairing' } } };
    if (!ctx.paired.revoke(p.device)) return { ok: false, hubError: { code: 'BAD_PAYLOAD', params: { detail: `device: no paired device ${p.device}` } } };
    return { ok: true, body: { devices: ctx.paired.list() } };
  },
};
