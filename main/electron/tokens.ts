/**
 * Which hub token each window presents. A window's own token in the config wins; otherwise its
 * role's first token from the hub section. Both ways of starting read them from the config file, so
 * no token travels in the environment or on a command line.
 */
import type { TalonConfig } from '../config/schema.js';
import type { WindowRole } from './channels.js';
import type { WindowSpec } from './windows.js';

export type RoleTokens = Partial<Record<WindowRole, string>>;

/**
 * A desk has no role-wide token (each desk has its own), so a desk window needs `token` in its
 * `app.windows` entry; a board needs one only when the hub lists board tokens.
 */
export function roleTokens(config: TalonConfig): RoleTokens {
  const tokens: RoleTokens = {};
  const first = { kiosk: config.hub.kioskTokens[0], admin: config.hub.adminTokens[0], board: config.hub.boardTokens[0] };
  for (const [role, token] of Object.entries(first) as [WindowRole, string | undefined][]) {
    if (token !== undefined) tokens[role] = token;
  }
  return tokens;
}

export function tokenFor(spec: WindowSpec, tokens: RoleTokens): string | null {
  return spec.token ?? tokens[spec.role] ?? null;
}
