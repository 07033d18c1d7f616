/**
 * How strong the config's tokens are (docs/security.md, credentials). A token is a bearer secret on
 * an untrusted LAN, so it should be as hard to guess as a random 128-bit number: what
 * `talon token new` prints. The hub warns at start-up, by key, about every one that is not.
 *
 * The estimate is deliberately simple and is documented as such: a token of only hex digits counts
 * 4 bits a character; any other token counts log2(the alphabet it draws on) a character, the
 * alphabet being the sum of the character classes seen in it (a–z 26, A–Z 26, 0–9 10, ASCII
 * punctuation 32, anything else 128). A token with fewer than 8 distinct characters, or a known word
 * with a number after it, is weak whatever its length.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_TOKENS } from './demo.js';
import type { TalonConfig } from './schema.js';

export const STRONG_TOKEN_BITS = 128;

const KNOWN_WEAK = /^(password|secret|token|admin|changeme|talon|kiosk|desk|board|metrics|shelter|qwerty|letmein|[0-9]*)$/i;

/** A new random token: 16 bytes from the OS's CSPRNG as 32 hex digits (128 bits by the rule above). */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** The estimated bits of a token (see the rule at the top of this file). */
export function tokenBits(token: string): number {
  if (token.length === 0) return 0;
  if (/^[0-9a-fA-F]+$/.test(token)) return token.length * 4;
  let alphabet = 0;
  if (/[a-z]/.test(token)) alphabet += 26;
  if (/[A-Z]/.test(token)) alphabet += 26;
  if (/[0-9]/.test(token)) alphabet += 10;
  if (/[!-/:-@[-`{-~]/.test(token)) alphabet += 32;
  if (/[^\x21-\x7e]/.test(token)) alphabet += 128;
  return Math.floor([...token].length * Math.log2(alphabet));
}

/** Why a token is weaker than 128 bits, or null when it is not. */
export function tokenStrengthProblem(token: string): string | null {
  if (new Set(token).size < 8) return 'repeats too few characters';
  if (KNOWN_WEAK.test(token.replace(/[-_.\d]+$/, ''))) return 'is a word with a number';
  const bits = tokenBits(token);
  if (bits < STRONG_TOKEN_BITS) return `has about ${bits} bits of randomness, fewer than ${STRONG_TOKEN_BITS} (make one with \`talon token new\`)`;
  return null;
}

const DEMO_PUBLIC = new Set<string>([DEMO_TOKENS.kiosk, DEMO_TOKENS.admin, ...DEMO_TOKENS.desks.map((d) => d.token)]);

/** Whether the hub listens on loopback only, where the demo's public tokens are fine. */
export function onLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Every token the config holds, by its key (`desks[2].token`, `hub.adminTokens[0]`). */
export function configTokens(config: TalonConfig): { key: string; token: string }[] {
  const list = (key: string, tokens: readonly string[] | undefined) => (tokens ?? []).map((token, i) => ({ key: `${key}[${i}]`, token }));
  const out = [
    ...config.desks.map((d, i) => ({ key: `desks[${i}].token`, token: d.token })),
    ...list('hub.kioskTokens', config.hub.kioskTokens),
    ...list('hub.adminTokens', config.hub.adminTokens),
    ...list('hub.boardTokens', config.hub.boardTokens),
    ...list('hub.shelterBoardTokens', config.hub.shelterBoardTokens),
    ...list('hub.shelterKioskTokens', config.hub.shelterKioskTokens),
    ...list('hub.metricsTokens', config.hub.metricsTokens),
    ...config.app.windows.flatMap((w, i) => (w.token === undefined ? [] : [{ key: `app.windows[${i}].token`, token: w.token }])),
  ];
  if (config.central) {
    const central = readTokenFile(config.central.tokenFile);
    if (central !== null) out.push({ key: 'central.tokenFile', token: central });
  }
  return out;
}

function readTokenFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * One line per token weaker than 128 bits, naming its key, never the token. The demo's public tokens
 * are named as such, except on a hub that listens on loopback only.
 */
export function tokenWarnings(config: TalonConfig): string[] {
  const loopback = onLoopback(config.hub.host);
  const out: string[] = [];
  for (const { key, token } of configTokens(config)) {
    if (DEMO_PUBLIC.has(token)) {
      if (!loopback) out.push(`${key}: is a public demo token, on a hub others can reach (hub.host ${config.hub.host})`);
      continue;
    }
    const problem = tokenStrengthProblem(token);
    if (problem) out.push(`${key}: the token ${problem}`);
  }
  return out;
}
