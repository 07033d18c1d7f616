/** Handshake tokens → who the socket is. Compared in constant time so a token cannot be guessed byte by byte. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TalonConfig } from '../config/schema.js';
import type { Namespace } from '../../sync/protocol/hub.js';
import type { Actor } from './commands.js';
import type { PairedDevices } from './pairedDevices.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time equality of two secrets (tokens, a webhook secret). */
export function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function shelterIndex(tokens: readonly string[] | undefined, token: string | undefined): number {
  return token === undefined || !tokens ? -1 : tokens.findIndex((t) => same(t, token));
}

/** Whether a token may read /metrics: a metrics token or an admin token. */
export function canReadMetrics(config: TalonConfig, token: string): boolean {
  return [...config.hub.metricsTokens, ...config.hub.adminTokens].some((t) => same(t, token));
}

/**
 * The actor a token stands for in a namespace, or null when it stands for none. On /desk a paired
 * console's own token counts too while it is not revoked (its sign-in is noted with `address`).
 */
export function authenticate(
  config: TalonConfig,
  ns: Namespace,
  token: string | undefined,
  paired?: Pick<PairedDevices, 'authenticate'>,
  address?: string | null,
): Actor | null {
  if (token !== undefined && typeof token !== 'string') return null;
  switch (ns) {
    case 'desk': {
      const desk = token === undefined ? undefined : config.desks.find((d) => same(d.token, token));
      if (desk) return { role: 'desk', id: `desk:${desk.number}`, desk: desk.number };
      const device = token === undefined ? null : (paired?.authenticate(token, address ?? null) ?? null);
      // A device of a desk no longer in the config signs in as nobody.
      if (!device || !config.desks.some((d) => d.number === device.desk)) return null;
      return { role: 'desk', id: `desk:${device.desk}`, desk: device.desk, deviceId: device.id };
    }
    case 'kiosk': {
      const i = token === undefined ? -1 : config.hub.kioskTokens.findIndex((t) => same(t, token));
      if (i >= 0) return { role: 'kiosk', id: `kiosk:${i + 1}` };
      const s = shelterIndex(config.hub.shelterKioskTokens, token);
      return s >= 0 ? { role: 'kiosk', id: `kiosk:shelter-${s + 1}`, place: 'shelter' } : null;
    }
    case 'admin': {
      const i = token === undefined ? -1 : config.hub.adminTokens.findIndex((t) => same(t, token));
      return i >= 0 ? { role: 'admin', id: `admin:${i + 1}` } : null;
    }
    case 'board': {
      // A board in the shelter is known by its token; the placement comes from the config, not the page.
      const s = shelterIndex(config.hub.shelterBoardTokens, token);
      if (s >= 0) return { role: 'board', id: `board:shelter-${s + 1}`, place: 'shelter' };
      // Boards only receive; they need a token only when the config lists board tokens.
      if (config.hub.boardTokens.length === 0) return { role: 'board', id: 'board' };
      const i = token === undefined ? -1 : config.hub.boardTokens.findIndex((t) => same(t, token));
      return i >= 0 ? { role: 'board', id: `board:${i + 1}` } : null;
    }
  }
}
