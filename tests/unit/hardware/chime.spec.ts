import { describe, expect, it } from 'vitest';
import { chimeWav } from '../../../hardware/audio/chime.js';
import { decodeWav } from '../../../hardware/audio/wav.js';

describe('the chime', () => {
  it('is a 16-bit mono WAV of about a second that is neither silent nor clipped', () => {
    const pcm = decodeWav(chimeWav())!;
    expect(pcm.channels).toBe(1);
    const samples = pcm.data.length / 2;
    expect(samples / pcm.sampleRate).toBeGreaterThan(0.8);
    expect(samples / pcm.sampleRate).toBeLessThan(2);
    let peak = 0;
    for (let i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(pcm.data.readInt16LE(i * 2)));
    expect(peak).toBeGreaterThan(8000);
    expect(peak).toBeLessThan(32767);
  });
});
