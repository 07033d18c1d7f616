/**
 * Every refusal the floor can give, as a code. User-facing text comes from `messages.ts` by code.
 */
export const FLOOR_ERROR_CODES = [
  // check-in
  'UNKNOWN_CODE',
  'OTHER_DAY',
  'OTHER_CENTRE',
  'TOO_EARLY',
  'TOO_LATE',
  'CANCELLED',
  'ALREADY_CHECKED_IN',
  'SERVICE_SUSPENDED',
  'ALERT_ACTIVE',
  // desks
  'QUEUE_EMPTY',
  'DESK_BUSY',
  'DESK_PAUSED',
  'DESK_NOT_PAUSED',
  'DESK_IDLE',
  'UNKNOWN_DESK',
  'UNKNOWN_SERVICE',
  'NOT_SERVED_HERE',
  'NOT_WAITING',
  'UNKNOWN_NUMBER',
  'WRONG_STATE',
  'RECALL_LIMIT',
  'NO_SHOW_TOO_SOON',
  'SAME_TARGET',
  'ALERT_UNCHANGED',
  // same-day terminal booking and licence pickup (sameDay.ts)
  'NO_FREE_SLOT',
  'SAME_DAY_LIMIT',
  'SAME_DAY_DAILY_LIMIT',
  'UNKNOWN_APPLICATION',
  'LICENCE_NOT_HERE',
] as const;

export type FloorErrorCode = (typeof FLOOR_ERROR_CODES)[number];

export interface FloorError {
  code: FloorErrorCode;
  /** Values the message needs (a time, a date, a number); never free text from input. */
  params?: Record<string, string | number>;
}

export function refuse(code: FloorErrorCode, params?: FloorError['params']): { ok: false; error: FloorError } {
  return params ? { ok: false, error: { code, params } } : { ok: false, error: { code } };
}
