/** The sync client's backoff is core's one backoff (main/core/backoff.ts). */
export { Backoff, type BackoffOptions } from '../../main/core/backoff.js';
