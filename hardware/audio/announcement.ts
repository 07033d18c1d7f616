/**
 * The words of a spoken call: "Талон номер тисяча п'ятдесят шість, робоче місце три", or in English
 * "Ticket number one thousand fifty-six, desk three". Digits never reach the speech engine; every
 * number is words from numberWords or englishNumberWords.
 */
import { englishNumberWords } from './englishWords.js';
import { numberWords } from './numberWords.js';

export type DeskWord = 'workplace' | 'window';

export interface CallToAnnounce {
  number: number;
  desk: number;
  priority?: boolean;
}

const DESK: Record<DeskWord, string> = { workplace: 'робоче місце', window: 'вікно' };

export type SpeechLang = 'uk' | 'en';

export function announcementText(call: CallToAnnounce, deskWord: DeskWord = 'workplace', lang: SpeechLang = 'uk'): string {
  if (lang === 'en') {
    const ticket = call.priority ? 'Priority ticket number' : 'Ticket number';
    return `${ticket} ${englishNumberWords(call.number)}, ${deskWord === 'window' ? 'window' : 'desk'} ${englishNumberWords(call.desk)}`;
  }
  const ticket = call.priority ? 'Пріоритетний талон номер' : 'Талон номер';
  return `${ticket} ${numberWords(call.number)}, ${DESK[deskWord]} ${numberWords(call.desk)}`;
}

/** The words the announcements can use, for clips recorded ahead of time. */
export function vocabulary(): string[] {
  const words = new Set<string>(['талон', 'номер', 'пріоритетний', 'робоче', 'місце', 'вікно']);
  for (let n = 1; n < 1000; n++) for (const w of numberWords(n).split(' ')) words.add(w);
  for (let t = 1; t <= 9; t++) for (const w of numberWords(t * 1000).split(' ')) words.add(w);
  for (const w of numberWords(2000).split(' ')) words.add(w);
  return [...words].sort();
}
