/**
 * The spoken call over HTTP, for the board page: `GET /audio/chime.wav` always, and
 * `GET /audio/call.wav?number=1056&desk=3&lang=uk|en[&priority=1]` the announcement in words (404 with a
 * short text when speech is off or no voice is installed, so the board plays the chime alone).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { TalonConfig } from '../config/schema.js';
import { Speech } from '../../hardware/audio/speech.js';
import type { BoundedQueue, Take } from './limits.js';

const callQuery = z.strictObject({
  number: z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.number().int().min(1).max(9999)),
  desk: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(999)),
  lang: z.enum(['uk', 'en']).default('uk'),
  priority: z.enum(['0', '1']).optional(),
});

/**
 * Where the recorded clips are when the config names none: shipped with the packaged app
 * (electron-builder's extraResources), or made in a checkout by `npm run build:clips`.
 */
export function defaultClipsDir(): string | undefined {
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(resources ? [join(resources, 'clips')] : []),
    fileURLToPath(new URL('../../build/clips', import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(dir));
}

export function speechFor(config: TalonConfig): Speech {
  const s = config.speech;
  const clipsDir = s?.clipsDir ?? defaultClipsDir();
  return new Speech({
    enabled: s?.enabled ?? true,
    engine: s?.engine ?? 'auto',
    deskWord: s?.deskWord ?? 'workplace',
    ...(clipsDir && { clipsDir }),
  });
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function wav(res: ServerResponse, body: Buffer, cache: string): void {
  res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': body.length, 'cache-control': cache });
  res.end(body);
}

/**
 * What keeps a flood of `call.wav` requests from piling up espeak processes: a bucket per client
 * address, and a bounded queue in front of the voice (main/hub/limits.ts).
 */
export interface AudioGate {
  limit(address: string): Take;
  queue: BoundedQueue;
}

function busy(res: ServerResponse, retryAfterMs: number, why: string): void {
  res.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  text(res, why === 'rate' ? 429 : 503, why === 'rate' ? 'too many requests' : 'the voice is busy');
}

/** Answers /audio/*; returns false for any other path. */
export function serveAudio(req: IncomingMessage, res: ServerResponse, speech: Speech, gate?: AudioGate): boolean {
  const url = new URL(req.url ?? '/', 'http://hub');
  if (!url.pathname.startsWith('/audio/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    text(res, 405, 'GET only');
    return true;
  }
  if (url.pathname === '/audio/chime.wav') {
    wav(res, speech.chimeWav(), 'public, max-age=86400');
    return true;
  }
  if (url.pathname !== '/audio/call.wav') {
    text(res, 404, 'no such audio');
    return true;
  }
  const query = callQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    text(res, 400, `bad query: ${query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`);
    return true;
  }
  const { number, desk, priority, lang } = query.data;
  if (gate) {
    const allowed = gate.limit(req.socket.remoteAddress ?? '?');
    if (!allowed.ok) {
      busy(res, allowed.retryAfterMs, 'rate');
      return true;
    }
  }
  const job = () => speech.call({ number, desk, priority: priority === '1' }, lang);
  const spoken = gate ? gate.queue.run(job) : job();
  if (!spoken) {
    busy(res, 2000, 'queue');
    return true;
  }
  void spoken.then(
    (r) => {
      if (r.ok) wav(res, r.wav, 'public, max-age=3600');
      else text(res, 404, r.code === 'SPEECH_OFF' ? 'speech is off' : r.code === 'SPEECH_UNAVAILABLE' ? 'no voice installed' : 'speech failed');
    },
    () => text(res, 500, 'speech failed'),
  );
  return true;
}

/** Puts the voice in the device list: espeak-ng, recorded clips, or none (chime only). */
export class SpeechStatus {
  readonly name = 'speech';
  constructor(private readonly config: TalonConfig) {}

  async attach(ports: import('./extensions.js').HubPorts): Promise<void> {
    const voice = await speechFor(this.config).voice();
    ports.devices.report({
      id: 'speech',
      kind: 'speech',
      name: 'spoken call',
      state: voice === 'none' ? 'degraded' : 'ok',
      detail: voice === 'none' ? (this.config.speech?.enabled === false ? 'speech off: chime only' : 'no voice installed: chime only') : `voice: ${voice}`,
    });
  }
}
