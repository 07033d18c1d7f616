/**
 * Which hub token each window presents. A window's own token in the config wins; otherwise its
 * role's first token from the hub section. The dev launcher hands the same map to Electron as
 * TALON_TOKENS, so both ways of starting pick tokens alike.
 */
import { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';
import { WINDOW_ROLES, type WindowRole } from './channels.js';
import type { WindowSpec } from './windows.js';

export type RoleTokens = Partial<Record<WindowRole, string>>;

const roleTokensSchema = z.partialRecord(z.enum(WINDOW_ROLES), z.string().min(1).max(200));

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

/** TALON_TOKENS: JSON of role → token; absent or empty means none. */
export function parseRoleTokens(json: string | undefined): RoleTokens {
  if (json === undefined || json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('TALON_TOKENS is not JSON (expected {"kiosk": "…", …})');
  }
  const parsed = roleTokensSchema.safeParse(value);
  if (!parsed.success) throw new Error(`TALON_TOKENS: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}
