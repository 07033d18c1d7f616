import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announcementText, vocabulary } from '../../../hardware/audio/announcement.js';
import { clipName } from '../../../hardware/audio/clips.js';
import { Speech } from '../../../hardware/audio/speech.js';
import { decodeWav, encodeWav } from '../../../hardware/audio/wav.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A clip per word: a tone whose length is the word's length, so the joined WAV can be checked. */
function clips(words: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'talon-clips-'));
  dirs.push(dir);
  for (const w of words) writeFileSync(join(dir, clipName(w)), encodeWav({ sampleRate: 8000, channels: 1, data: Buffer.alloc([...w].length * 200, 1) }));
  return dir;
}

describe('speech without espeak-ng', () => {
  it('joins recorded clips word by word when the engine is clips', async () => {
    const text = announcementText({ number: 1056, desk: 3 });
    const words = text.toLowerCase().replace(',', '').split(' ');
    const speech = new Speech({ enabled: true, engine: 'clips', clipsDir: clips(vocabulary()) });
    const r = await speech.call({ number: 1056, desk: 3 });
    expect(r.ok).toBe(true);
    const pcm = decodeWav((r as { wav: Buffer }).wav)!;
    const letters = words.reduce((n, w) => n + [...w].length, 0);
    expect(pcm.data.length).toBe(letters * 200 + words.length * Math.round(8000 * 0.06) * 2);
  });

  it('says it has no voice when a clip is missing, and that speech is off when it is', async () => {
    const some = new Speech({ enabled: true, engine: 'clips', clipsDir: clips(['талон', 'номер']) });
    expect(await some.call({ number: 5, desk: 1 })).toEqual({ ok: false, code: 'SPEECH_UNAVAILABLE' });
    const off = new Speech({ enabled: false, engine: 'auto' });
    expect(await off.call({ number: 5, desk: 1 })).toEqual({ ok: false, code: 'SPEECH_OFF' });
    expect(decodeWav(off.chimeWav())).not.toBeNull();
  });

  it('has a clip for every word a call up to 9999 at desk 999 can use', () => {
    const words = new Set(vocabulary());
    for (const n of [1, 12, 1000, 1056, 2000, 4321, 9999]) for (const w of announcementText({ number: n, desk: 999, priority: true }).toLowerCase().replace(',', '').split(' ')) expect(words.has(w), w).toBe(true);
  });
});
