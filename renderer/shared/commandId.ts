/**
 * A fresh id per user action (the hub's `commandId`). crypto.randomUUID exists only in a secure
 * context; a desk console opened as http://192.168.x.y is not one, so fall back to getRandomValues.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
