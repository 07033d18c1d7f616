/**
 * Recorded clips, the voice for machines without espeak-ng: made at build time with the real
 * espeak-ng (`npm run build:clips`), then joined word by word and served by the hub.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementText, vocabulary } from '../../../hardware/audio/announcement.js';
import { buildClips } from '../../../hardware/audio/buildClips.js';
import { ClipVoice } from '../../../hardware/audio/clips.js';
import { decodeWav } from '../../../hardware/audio/wav.js';
import { at } from '../../helpers/floor.js';
import { startTestHub, testConfig, TestClock } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-clips-');
let clipsDir: string;
let recorded: number;

// Recorded once for the file (useTempDir's folders go after each test).
beforeAll(async () => {
  clipsDir = join(mkdtempSync(join(tmpdir(), 'talon-clips-built-')), 'clips');
  recorded = await buildClips(clipsDir);
}, 60_000);
afterAll(() => rmSync(join(clipsDir, '..'), { recursive: true, force: true }));

describe('recorded clips', () => {
  it('records one clip per word the announcements use', () => {
    expect(recorded).toBe(vocabulary().length);
    expect(new ClipVoice(clipsDir).has(announcementText({ number: 1056, desk: 3, priority: false }, 'workplace'))).toBe(true);
  });

  it('joins the words of an announcement into one WAV, longer than any of its words', () => {
    const voice = new ClipVoice(clipsDir);
    const text = announcementText({ number: 2999, desk: 12, priority: false }, 'window');
    const wav = voice.say(text);
    expect(wav).not.toBeNull();
    const joined = decodeWav(wav!)!;
    const first = decodeWav(voice.say(text.split(/\s+/)[0]!)!)!;
    expect(joined.sampleRate).toBe(first.sampleRate);
    expect(joined.data.length).toBeGreaterThan(first.data.length * 4);
  });

  it('says nothing rather than a part of the announcement when a word has no clip', () => {
    const empty = join(tempDir(), 'empty');
    mkdirSync(empty);
    expect(new ClipVoice(empty).say('талон номер тисяча')).toBeNull();
  });

  it('is the voice the hub serves when the config asks for clips, and 404 without them', async () => {
    const dir = tempDir();
    const withClips = await startTestHub(dir, new TestClock(at('09:30')), [], testConfig({ speech: { engine: 'clips', clipsDir } }, dir));
    try {
      const res = await fetch(`${withClips.hub.url}/audio/call.wav?number=1056&desk=3`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/wav');
      expect(decodeWav(Buffer.from(await res.arrayBuffer()))).not.toBeNull();
    } finally {
      await withClips.stop();
    }
    const other = tempDir();
    const empty = join(other, 'no-clips');
    mkdirSync(empty);
    const without = await startTestHub(other, new TestClock(at('09:30')), [], testConfig({ speech: { engine: 'clips', clipsDir: empty } }, other));
    try {
      expect((await fetch(`${without.hub.url}/audio/call.wav?number=1056&desk=3`)).status).toBe(404);
      expect((await fetch(`${without.hub.url}/audio/chime.wav`)).status).toBe(200);
    } finally {
      await without.stop();
    }
  });
});
