/**
 * The spoken call as WAV: espeak-ng where installed, else recorded clips, else nothing (the board
 * then plays the chime alone).
 */
import { announcementText, type CallToAnnounce, type DeskWord } from './announcement.js';
import { chimeWav } from './chime.js';
import { ClipVoice } from './clips.js';
import { Espeak, espeakAvailable, type EspeakOptions } from './espeak.js';

export type SpeechResult = { ok: true; wav: Buffer } | { ok: false; code: 'SPEECH_OFF' | 'SPEECH_UNAVAILABLE' | 'SPEECH_FAILED' };

export interface SpeechOptions {
  enabled: boolean;
  engine: 'auto' | 'espeak' | 'clips';
  clipsDir?: string;
  deskWord?: DeskWord;
  espeak?: EspeakOptions;
}

export class Speech {
  private readonly espeak: Espeak;
  private readonly clips: ClipVoice | null;
  private espeakFound: Promise<boolean> | null = null;
  private readonly chime = chimeWav();

  constructor(private readonly options: SpeechOptions) {
    this.espeak = new Espeak(options.espeak);
    this.clips = options.clipsDir ? new ClipVoice(options.clipsDir) : null;
  }

  chimeWav(): Buffer {
    return this.chime;
  }

  /** Which voice would speak now, for the device list. */
  async voice(): Promise<'espeak' | 'clips' | 'none'> {
    if (!this.options.enabled) return 'none';
    if (this.options.engine !== 'clips' && (await this.hasEspeak())) return 'espeak';
    if (this.options.engine !== 'espeak' && this.clips?.has('талон номер')) return 'clips';
    return 'none';
  }

  private hasEspeak(): Promise<boolean> {
    this.espeakFound ??= espeakAvailable(this.options.espeak);
    return this.espeakFound;
  }

  async call(call: CallToAnnounce): Promise<SpeechResult> {
    if (!this.options.enabled) return { ok: false, code: 'SPEECH_OFF' };
    const text = announcementText(call, this.options.deskWord);
    const voice = await this.voice();
    if (voice === 'espeak') {
      try {
        return { ok: true, wav: await this.espeak.say(text) };
      } catch {
        return { ok: false, code: 'SPEECH_FAILED' };
      }
    }
    if (voice === 'clips') {
      const wav = this.clips!.say(text);
      return wav ? { ok: true, wav } : { ok: false, code: 'SPEECH_UNAVAILABLE' };
    }
    return { ok: false, code: 'SPEECH_UNAVAILABLE' };
  }
}
