/** Handshake tokens → who the socket is. Compared in constant time so a token cannot be guessed byte by byte. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TalonConfig } from '../config/schema.js';
import type { Namespace } from '../../sync/protocol/hub.js';
import type { Actor } from './commands.js';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function same(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Whether a token may read /metrics: a metrics token or an admin token. */
export function canReadMetrics(config: TalonConfig, token: string): boolean {
  return [...config.hub.metricsTokens, ...config.hub.adminTokens].some((t) => same(t, token));
}

/** The actor a token stands for in a namespace, or null when it stands for none. */
export function authenticate(config: TalonConfig, ns: Namespace, token: string | undefined): Actor | null {
  switch (ns) {
    case 'desk': {
      const desk = token === undefined ? undefined : config.desks.find((d) => same(d.token, token));
      return desk ? { role: 'desk', id: `desk:${desk.number}`, desk: desk.number } : null;
    }
    case 'kiosk': {
      const i = token === undefined ? -1 : config.hub.kioskTokens.findIndex((t) => same(t, token));
      return i >= 0 ? { role: 'kiosk', id: `kiosk:${i + 1}` } : null;
    }
    case 'admin': {
      const i = token === undefined ? -1 : config.hub.adminTokens.findIndex((t) => same(t, token));
      return i >= 0 ? { role: 'admin', id: `admin:${i + 1}` } : null;
    }
    case 'board': {
      // Boards only receive; they need a token only when the config lists board tokens.
      if (config.hub.boardTokens.length === 0) return { role: 'board', id: 'board' };
      const i = token === undefined ? -1 : config.hub.boardTokens.findIndex((t) => same(t, token));
      return i >= 0 ? { role: 'board', id: `board:${i + 1}` } : null;
    }
  }
}
