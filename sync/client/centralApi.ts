/**
 * The hub's HTTP client for central's terminal API (DESIGN §6). Every answer is checked against
 * sync/protocol/central.ts; one that does not fit is refused as CENTRAL_MALFORMED and nothing of it
 * is applied. Errors are values with codes and a `retryable` flag (STYLE 5).
 */
import type { z } from 'zod';
import {
  alertAnswerSchema, licencesAnswerSchema, poolAnswerSchema, pullPageSchema, pushAnswerSchema,
  type AlertAnswer, type LicencesAnswer, type PoolAnswer, type PullPage, type PushAnswer, type PushRequest,
} from '../protocol/central.js';
import { progressAnswerSchema, type ProgressAnswer, type ProgressRequest } from '../protocol/liveTicket.js';

export type CentralErrorCode = 'CENTRAL_UNREACHABLE' | 'CENTRAL_UNAVAILABLE' | 'CENTRAL_REFUSED' | 'CENTRAL_MALFORMED';

export class CentralError extends Error {
  override name = 'CentralError';
  constructor(
    readonly code: CentralErrorCode,
    message: string,
    /** Worth trying again later: the network, a 5xx, a malformed answer. A 4xx will not fix itself. */
    readonly retryable: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** An answer and the local (uncorrected) times the request was sent and answered, for the clock skew. */
export interface Timed<T> {
  data: T;
  sentAt: number;
  receivedAt: number;
}

export interface CentralApiOptions {
  url: string;
  centre: string;
  token: string;
  /** The hub's own clock, uncorrected: the skew is measured against it. */
  clock: () => number;
  timeoutMs?: number;
  /** An answer longer than this is refused unread past the limit (default 16 MiB). */
  maxAnswerBytes?: number;
  fetch?: typeof fetch;
}

export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

class TooLarge extends Error {}

/** The body as text, refusing it as soon as it grows past `max` bytes. */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class CentralApi {
  private readonly base: string;

  constructor(private readonly o: CentralApiOptions) {
    this.base = `${o.url.replace(/\/$/, '')}/v1/centres/${encodeURIComponent(o.centre)}`;
  }

  pull(after: string, limit: number): Promise<Timed<PullPage>> {
    return this.call('GET', `/bookings?after=${encodeURIComponent(after)}&limit=${limit}`, pullPageSchema);
  }

  push(body: PushRequest): Promise<Timed<PushAnswer>> {
    return this.call('POST', '/events', pushAnswerSchema, body);
  }

  alert(): Promise<Timed<AlertAnswer>> {
    return this.call('GET', '/alert', alertAnswerSchema);
  }

  pool(): Promise<Timed<PoolAnswer>> {
    return this.call('GET', '/terminal-pool', poolAnswerSchema);
  }

  licences(): Promise<Timed<LicencesAnswer>> {
    return this.call('GET', '/licences', licencesAnswerSchema);
  }

  /** The floor's progress for the live tickets central serves (docs/live-ticket.md). */
  progress(body: ProgressRequest): Promise<Timed<ProgressAnswer>> {
    return this.call('PUT', '/progress', progressAnswerSchema, body);
  }

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<Timed<z.output<S>>> {
    const what = `${method} ${path.split('?')[0]}`;
    const sentAt = this.o.clock();
    let res: Response;
    let text: string;
    try {
      res = await (this.o.fetch ?? fetch)(this.base + path, {
        method,
        headers: { authorization: `Bearer ${this.o.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
      text = await readCapped(res, this.o.maxAnswerBytes ?? MAX_ANSWER_BYTES);
    } catch (err) {
      if (err instanceof TooLarge) throw new CentralError('CENTRAL_MALFORMED', `${what}: the answer is larger than ${this.o.maxAnswerBytes ?? MAX_ANSWER_BYTES} bytes`, true);
      throw new CentralError('CENTRAL_UNREACHABLE', `${what}: ${(err as Error)?.message ?? String(err)}`, true);
    }
    const receivedAt = this.o.clock();
    if (res.status >= 500 || res.status === 429) {
      throw new CentralError('CENTRAL_UNAVAILABLE', `${what}: HTTP ${res.status}`, true, res.status);
    }
    if (res.status >= 400) {
      throw new CentralError('CENTRAL_REFUSED', `${what}: HTTP ${res.status} ${text.slice(0, 200)}`, false, res.status);
    }
    // Only a 2xx is an answer: a redirect fetch did not follow, or a 304, holds nothing to apply.
    if (res.status < 200 || res.status > 299) {
      throw new CentralError('CENTRAL_MALFORMED', `${what}: HTTP ${res.status} is not an answer`, true, res.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CentralError('CENTRAL_MALFORMED', `${what}: the answer is not JSON (${text.length} bytes: ${JSON.stringify(text.slice(0, 60))})`, true, res.status);
    }
    let parsed: z.ZodSafeParseResult<z.output<S>>;
    try {
      parsed = schema.safeParse(json) as z.ZodSafeParseResult<z.output<S>>;
    } catch {
      // zod measures `.length` of whatever has one and throws on `{ "length": { "valueOf": 0 } }`.
      throw new CentralError('CENTRAL_MALFORMED', `${what}: the answer does not fit the protocol (a value that cannot be checked)`, true, res.status);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CentralError('CENTRAL_MALFORMED', `${what}: the answer does not fit the protocol (${issue.path.join('.') || 'answer'}: ${issue.message})`, true, res.status);
    }
    return { data: parsed.data, sentAt, receivedAt };
  }
}
