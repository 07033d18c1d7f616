/**
 * espeak-ng as the voice: `espeak-ng -v uk -w FILE "words"`. Only words go in, never digits (see
 * numberWords). Runs are serialized, each bounded in time, and answers cached by text.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EspeakOptions {
  command?: string;
  voice?: string;
  /** Words per minute. */
  speed?: number;
  timeoutMs?: number;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** Whether espeak-ng is installed and has the voice. */
export async function espeakAvailable(options: EspeakOptions = {}): Promise<boolean> {
  try {
    const voices = await run(options.command ?? 'espeak-ng', [`--voices=${options.voice ?? 'uk'}`], options.timeoutMs ?? 5000);
    return new RegExp(`\\s${options.voice ?? 'uk'}\\s`).test(voices);
  } catch {
    return false;
  }
}

export class Espeak {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly options: EspeakOptions = {}) {}

  /** The WAV of `text`, spoken in Ukrainian. Rejects when espeak-ng fails. */
  say(text: string): Promise<Buffer> {
    if (/\d/.test(text)) return Promise.reject(new Error('digits must be turned into words before speech'));
    const cached = this.cache.get(text);
    if (cached) return Promise.resolve(cached);
    const job = this.chain.then(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'talon-speech-'));
      try {
        const file = join(dir, 'say.wav');
        const o = this.options;
        await run(o.command ?? 'espeak-ng', ['-v', o.voice ?? 'uk', '-s', String(o.speed ?? 150), '-w', file, text], o.timeoutMs ?? 10_000);
        const wav = await readFile(file);
        if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(text, wav);
        return wav;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    this.chain = job.catch(() => {});
    return job;
  }
}
