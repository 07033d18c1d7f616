import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { decodeWav } from '../../../hardware/audio/wav.js';
import { startTestHub, testConfig, TestClock, type TestHub } from '../../helpers/hub.js';
import { at } from '../../helpers/floor.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.stop();
  hub = null;
});

async function hubWith(speech?: { enabled: boolean }) {
  const dir = tempDir();
  hub = await startTestHub(dir, new TestClock(at('09:30')), [], testConfig(speech ? { speech } : {}, dir));
  return hub.hub.url;
}

describe('the spoken call over HTTP', () => {
  it('serves the chime as a WAV', async () => {
    const res = await fetch(`${await hubWith()}/audio/chime.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(decodeWav(Buffer.from(await res.arrayBuffer()))).not.toBeNull();
  });

  it('speaks the call with espeak-ng, from words and not digits', async () => {
    expect(execFileSync('espeak-ng', ['--voices=uk'], { encoding: 'utf8' })).toMatch(/\suk\s/);
    const res = await fetch(`${await hubWith()}/audio/call.wav?number=1056&desk=3&lang=uk`);
    expect(res.status).toBe(200);
    const pcm = decodeWav(Buffer.from(await res.arrayBuffer()))!;
    // "Талон номер тисяча п'ятдесят шість, робоче місце три" takes a couple of seconds to say.
    expect(pcm.data.length / 2 / pcm.sampleRate).toBeGreaterThan(1.5);
  });

  it('speaks the call in English with espeak-ng’s English voice for lang=en', async () => {
    expect(execFileSync('espeak-ng', ['--voices=en-gb'], { encoding: 'utf8' })).toMatch(/\sen-gb\s/);
    const url = await hubWith();
    const [en, uk] = await Promise.all(['en', 'uk'].map(async (lang) => {
      const res = await fetch(`${url}/audio/call.wav?number=1056&desk=3&lang=${lang}`);
      expect(res.status, lang).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    }));
    const pcm = decodeWav(en!)!;
    // "Ticket number one thousand fifty-six, desk three": a couple of seconds, and not the Ukrainian clip.
    expect(pcm.data.length / 2 / pcm.sampleRate).toBeGreaterThan(1.5);
    expect(en!.equals(uk!)).toBe(false);
  });

  it('answers 404 with a short text when speech is off, so the board plays the chime alone', async () => {
    const url = await hubWith({ enabled: false });
    const res = await fetch(`${url}/audio/call.wav?number=1056&desk=3`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('speech is off');
    expect((await fetch(`${url}/audio/chime.wav`)).status).toBe(200);
  });

  it('refuses a query that is not a ticket and a desk number', async () => {
    const url = await hubWith();
    for (const q of ['number=abc&desk=3', 'number=10000&desk=3', 'number=5', 'number=5&desk=3&lang=ru', 'number=5&desk=3&x=1', 'number=0&desk=1']) {
      expect((await fetch(`${url}/audio/call.wav?${q}`)).status, q).toBe(400);
    }
    expect((await fetch(`${url}/audio/other.wav`)).status).toBe(404);
  });
});
