/**
 * What an official alert source says, and the poll loop the sources share. A reading lists the alerts
 * declared for the centre's location (hromada, raion or oblast), each with its type; every way a
 * request can go wrong is a coded value, never a throw, so a failing source changes nothing.
 */
import { EventEmitter } from 'node:events';
import type { AlertType } from '../../main/core/alertTypes.js';

/** One place of the centre's location, as a source names it. */
export interface LocationId {
  level: 'hromada' | 'raion' | 'oblast';
  id: string;
}

export interface SourceAlert {
  type: AlertType;
  /** Which of the centre's locations it is declared for, e.g. "raion 1060". */
  location: string;
  since: number | null;
}

export type SourceErrorCode = 'UNAUTHORIZED' | 'RATE_LIMITED' | 'HTTP_ERROR' | 'BAD_ANSWER' | 'UNREACHABLE' | 'TIMEOUT';
export interface SourceError {
  code: SourceErrorCode;
  detail: string;
  /** From a 429's Retry-After: the source asks us to wait this long. */
  retryAfterMs?: number;
}

export type SourceReading = { ok: true; alerts: SourceAlert[]; unchanged: boolean } | { ok: false; error: SourceError };

/** A text answer, or why there is none. The body is capped so a hostile answer cannot fill memory. */
export type HttpAnswer = { ok: true; status: number; headers: Headers; text: string } | { ok: false; error: SourceError };

const MAX_BODY = 4 * 1024 * 1024;

export async function request(
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
  o: { fetch?: typeof fetch; timeoutMs?: number },
): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000), redirect: 'error' });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, error: { code: 'TIMEOUT', detail: `no answer within ${o.timeoutMs ?? 10_000} ms` } };
    return { ok: false, error: { code: 'UNREACHABLE', detail: e.message } };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, error: { code: 'UNAUTHORIZED', detail: `HTTP ${res.status}` } };
  if (res.status === 429) {
    const after = Number(res.headers.get('retry-after'));
    return { ok: false, error: { code: 'RATE_LIMITED', detail: 'HTTP 429', ...(Number.isFinite(after) && after > 0 && { retryAfterMs: Math.min(after, 3600) * 1000 }) } };
  }
  if (res.status !== 304 && !res.ok) return { ok: false, error: { code: 'HTTP_ERROR', detail: `HTTP ${res.status}` } };
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    const e = err as Error;
    return { ok: false, error: { code: e.name === 'TimeoutError' ? 'TIMEOUT' : 'UNREACHABLE', detail: `the answer broke off: ${e.message}` } };
  }
  if (text.length > MAX_BODY) return { ok: false, error: { code: 'BAD_ANSWER', detail: `an answer of ${text.length} characters` } };
  return { ok: true, status: res.status, headers: res.headers, text };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: SourceError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { code: 'BAD_ANSWER', detail: `not JSON: ${JSON.stringify(text.slice(0, 60))}` } };
  }
}

export interface PollerOptions {
  /** Wait between polls while the source answers. */
  everyMs: number;
  /** The source's own floor: no schedule (backoff included) ever polls sooner than this after the last. */
  minMs?: number;
  /** After a failure the wait doubles from everyMs up to this. */
  maxBackoffMs?: number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

/**
 * Polls a source and emits each reading. One poll at a time: a poll asked for while one runs (a
 * webhook's nudge) runs once right after it.
 */
export class SourcePoller extends EventEmitter<{ reading: [SourceReading]; scheduled: [number] }> {
  private timer: { cancel(): void } | null = null;
  private stopped = false;
  private delay: number;
  private running: Promise<SourceReading> | null = null;
  private again = false;

  constructor(
    private readonly read: (force: boolean) => Promise<SourceReading>,
    private readonly o: PollerOptions,
  ) {
    super();
    this.delay = this.every();
  }

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  /** One poll now (after the running one); resolves with its reading. `force` skips a source's "unchanged" shortcut. */
  async poll(force = false): Promise<SourceReading> {
    if (this.running) {
      this.again ||= force;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    this.timer?.cancel();
    this.timer = null;
    this.running = this.read(force).catch((err: unknown) => ({ ok: false as const, error: { code: 'BAD_ANSWER' as const, detail: String(err) } }));
    const reading = await this.running;
    this.running = null;
    const backoff = Math.min(this.delay * 2, this.o.maxBackoffMs ?? 5 * 60_000);
    this.delay = reading.ok ? this.every() : Math.max(backoff, reading.error.retryAfterMs ?? 0, this.every());
    if (this.stopped) return reading;
    this.emit('reading', reading);
    if (this.again) {
      this.again = false;
      void this.poll(true);
    } else this.schedule();
    return reading;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private every(): number {
    return Math.max(this.o.everyMs, this.o.minMs ?? 0);
  }

  private schedule(): void {
    if (this.stopped) return;
    const set = this.o.setTimer ?? ((fn, ms) => {
      const t = setTimeout(fn, ms).unref();
      return { cancel: () => clearTimeout(t) };
    });
    this.emit('scheduled', this.delay);
    this.timer = set(() => void this.poll(), this.delay);
  }
}
