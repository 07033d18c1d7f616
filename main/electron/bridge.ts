/**
 * The contract between the shell and its pages: what a page finds as `window.talon`. The preload
 * asks the main process for its window's configuration over the IPC gateway (`invoke` on
 * CHANNELS.windowConfig, answered only to the top frame of one of our windows showing the hub), so
 * a token never stands on a renderer's command line, in a URL or in the environment.
 */
export type { TalonBridge, TalonWindowConfig } from '../../sync/protocol/bridge.js';
