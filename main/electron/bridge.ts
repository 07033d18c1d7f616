/**
 * The contract between the shell and its pages: what a page finds as `window.talon`, and the one
 * command-line argument through which the main process hands the sandboxed preload everything it
 * exposes. preload.cjs must stand alone (a sandboxed preload can require only `electron`), so it
 * reads the argument by the prefix below; tests/unit/electron/preload.spec.ts keeps both sides honest.
 */
import type { Channel, WindowRole } from './channels.js';

export type { TalonBridge } from '../../sync/protocol/bridge.js';

export const WINDOW_ARGUMENT_PREFIX = '--talon-window=';

export interface WindowArgument {
  role: WindowRole;
  token: string | null;
  version: string;
  channels: { windowReady: Channel };
}

/** URI-encoded JSON: only characters that survive any command line, and decodable with builtins. */
export function windowArgument(value: WindowArgument): string {
  return WINDOW_ARGUMENT_PREFIX + encodeURIComponent(JSON.stringify(value));
}
