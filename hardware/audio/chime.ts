/**
 * The chime before a call: two soft bell tones falling a major third (E6 then C6), made in code so it
 * plays even where speech is off or missing.
 */
import { encodeWav } from './wav.js';

export const CHIME_RATE = 22050;

export function chimeWav(): Buffer {
  const tones = [
    { freq: 1318.5, start: 0, length: 0.6 },
    { freq: 1046.5, start: 0.35, length: 0.9 },
  ];
  const total = Math.ceil(CHIME_RATE * 1.3);
  const samples = new Float64Array(total);
  for (const t of tones) {
    const from = Math.floor(t.start * CHIME_RATE);
    const count = Math.floor(t.length * CHIME_RATE);
    for (let i = 0; i < count && from + i < total; i++) {
      const time = i / CHIME_RATE;
      // A bell: fast attack, exponential decay, a quiet octave partial.
      const env = Math.min(1, time / 0.005) * Math.exp(-time * 4);
      samples[from + i]! += env * (0.55 * Math.sin(2 * Math.PI * t.freq * time) + 0.15 * Math.sin(4 * Math.PI * t.freq * time));
    }
  }
  const data = Buffer.alloc(total * 2);
  for (let i = 0; i < total; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 0.8 * 32767), i * 2);
  return encodeWav({ sampleRate: CHIME_RATE, channels: 1, data });
}
