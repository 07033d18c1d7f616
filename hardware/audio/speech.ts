/**
 * The spoken call as WAV: espeak-ng where installed, else recorded clips, else nothing (the board
 * then plays the chime alone). English goes through espeak-ng's English voice only: the recorded
 * clips are Ukrainian words.
 */

/** espeak-ng's voice for each language a board announces in. */
const ESPEAK_VOICE: Record<SpeechLang, string> = { uk: 'uk', en: 'en-gb' };
import { announcementText, type CallToAnnounce, type DeskWord, type SpeechLang } from './announcement.js';
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
  private readonly espeak: Record<SpeechLang, Espeak>;
  private readonly clips: ClipVoice | null;
  private readonly espeakFound = new Map<SpeechLang, Promise<boolean>>();
  private readonly chime = chimeWav();

  constructor(private readonly options: SpeechOptions) {
    this.espeak = {
      uk: new Espeak(options.espeak),
      en: new Espeak({ ...options.espeak, voice: ESPEAK_VOICE.en }),
    };
    this.clips = options.clipsDir ? new ClipVoice(options.clipsDir) : null;
  }

  chimeWav(): Buffer {
    return this.chime;
  }

  /** Which voice would speak now in this language, for the device list. */
  async voice(lang: SpeechLang = 'uk'): Promise<'espeak' | 'clips' | 'none'> {
    if (!this.options.enabled) return 'none';
    if (this.options.engine !== 'clips' && (await this.hasEspeak(lang))) return 'espeak';
    if (lang === 'uk' && this.options.engine !== 'espeak' && this.clips?.has('талон номер')) return 'clips';
    return 'none';
  }

  private hasEspeak(lang: SpeechLang): Promise<boolean> {
    let found = this.espeakFound.get(lang);
    if (!found) {
      // A configured voice stands for Ukrainian; English always asks for espeak-ng's English voice.
      found = espeakAvailable(lang === 'uk' ? this.options.espeak : { ...this.options.espeak, voice: ESPEAK_VOICE.en });
      this.espeakFound.set(lang, found);
    }
    return found;
  }

  async call(call: CallToAnnounce, lang: SpeechLang = 'uk'): Promise<SpeechResult> {
    if (!this.options.enabled) return { ok: false, code: 'SPEECH_OFF' };
    const text = announcementText(call, this.options.deskWord, lang);
    const voice = await this.voice(lang);
    if (voice === 'espeak') {
      try {
        return { ok: true, wav: await this.espeak[lang].say(text) };
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
