/**
 * `window.talon`: what the Electron shell's preload exposes to a page (main/electron/preload.cjs).
 * Declared here, with the other wire contracts, so the renderer can type it without importing the
 * Electron side.
 */
import type { Namespace } from './hub.js';

/** The window's configuration, asked of the shell over IPC (never on a command line or in a URL). */
export interface TalonWindowConfig {
  readonly role: Namespace;
  /** The hub token for the socket.io handshake; null where the role needs none (an open board). */
  readonly token: string | null;
  /** The Talon app version. */
  readonly version: string;
}

/** `window.talon` in a page opened by the shell; absent when the page runs in a plain browser. */
export interface TalonBridge {
  /** This window's configuration; null when the shell refused to give it (not one of its pages). */
  config(): Promise<TalonWindowConfig | null>;
  /** Tells the shell the page has rendered and reached the hub. */
  reportReady(): void;
}
