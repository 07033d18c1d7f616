/**
 * Build step: records every word the announcements use with espeak-ng into DIR, for centres whose
 * machine has no espeak-ng. Usage: npx tsx hardware/audio/buildClips.ts DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vocabulary } from './announcement.js';
import { clipName } from './clips.js';
import { Espeak } from './espeak.js';

export async function buildClips(dir: string, espeak = new Espeak()): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const words = vocabulary();
  for (const w of words) writeFileSync(join(dir, clipName(w)), await espeak.say(w));
  return words.length;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: buildClips.ts DIR');
    process.exit(64);
  }
  buildClips(dir).then((n) => console.log(`recorded ${n} clips into ${dir}`), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
