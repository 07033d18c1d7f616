/**
 * Recorded clips for machines without espeak-ng: one WAV per word of the announcements, made ahead of
 * time (`npx tsx hardware/audio/buildClips.ts DIR` on a machine that has espeak-ng, at build time) and
 * joined word by word with short pauses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, encodeWav, silence, type Pcm } from './wav.js';

/** A file name for a word that survives any file system: its code points in hex. */
export function clipName(word: string): string {
  return `${[...word.toLowerCase()].map((c) => c.codePointAt(0)!.toString(16)).join('-')}.wav`;
}

export class ClipVoice {
  constructor(private readonly dir: string) {}

  /** True when the folder holds a clip for every word of `text`. */
  has(text: string): boolean {
    return words(text).every((w) => existsSync(join(this.dir, clipName(w))));
  }

  say(text: string): Buffer | null {
    const parts: Pcm[] = [];
    for (const w of words(text)) {
      const file = join(this.dir, clipName(w));
      if (!existsSync(file)) return null;
      const pcm = decodeWav(readFileSync(file));
      if (!pcm || (parts[0] && (parts[0].sampleRate !== pcm.sampleRate || parts[0].channels !== pcm.channels))) return null;
      parts.push(pcm);
    }
    if (!parts.length) return null;
    const { sampleRate, channels } = parts[0]!;
    const gap = silence(sampleRate * channels, 60);
    return encodeWav({ sampleRate, channels, data: Buffer.concat(parts.flatMap((p) => [p.data, gap])) });
  }
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[,.]/g, ' ').split(/\s+/).filter(Boolean);
}
