/**
 * `window.talon`: what the Electron shell's preload exposes to a page (main/electron/preload.cjs).
 * Declared here, with the other wire contracts, so the renderer can type it without importing the
 * Electron side.
 */
import type { Namespace } from './hub.js';

/** `window.talon` in a page opened by the shell; absent when the page runs in a plain browser. */
export interface TalonBridge {
  readonly role: Namespace;
  /** The hub token for the socket.io handshake; null where the role needs none (an open board). */
  readonly token: string | null;
  /** The Talon app version. */
  readonly version: string;
  /** Tells the shell the page has rendered and reached the hub. */
  reportReady(): void;
}
