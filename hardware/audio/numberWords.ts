/**
 * Ukrainian numbers in words, nominative, for the spoken call. Our own code because speech engines
 * get the grammar wrong (espeak-ng reads 1000 as "один тисяча"): a thousand is feminine, so it is
 * "одна тисяча"/"дві тисячі", and the noun follows the number (тисяча, тисячі, тисяч). A number said
 * alone starts "тисяча", not "одна тисяча", as a person reads a ticket aloud.
 */
export type Gender = 'masculine' | 'feminine' | 'neuter';

const ONES: Record<Gender, readonly string[]> = {
  masculine: ['', 'один', 'два', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"],
  feminine: ['', 'одна', 'дві', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"],
  neuter: ['', 'одне', 'два', 'три', 'чотири', "п'ять", 'шість', 'сім', 'вісім', "дев'ять"],
};
const TEENS = ['десять', 'одинадцять', 'дванадцять', 'тринадцять', 'чотирнадцять', "п'ятнадцять", 'шістнадцять', 'сімнадцять', 'вісімнадцять', "дев'ятнадцять"];
const TENS = ['', '', 'двадцять', 'тридцять', 'сорок', "п'ятдесят", 'шістдесят', 'сімдесят', 'вісімдесят', "дев'яносто"];
const HUNDREDS = ['', 'сто', 'двісті', 'триста', 'чотириста', "п'ятсот", 'шістсот', 'сімсот', 'вісімсот', "дев'ятсот"];

/** 1–999 in words, the last word agreeing with `gender`. */
function belowThousand(n: number, gender: Gender): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) words.push(HUNDREDS[h]!);
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else {
    const t = Math.floor(rest / 10);
    const o = rest % 10;
    if (t) words.push(TENS[t]!);
    if (o) words.push(ONES[gender][o]!);
  }
  return words;
}

/** тисяча / тисячі / тисяч by the count before it. */
export function thousandNoun(count: number): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 'тисяч';
  if (last === 1) return 'тисяча';
  if (last >= 2 && last <= 4) return 'тисячі';
  return 'тисяч';
}

/** 0–999 999 in words; `gender` is the gender of what is counted (a ticket number: masculine). */
export function numberWords(n: number, gender: Gender = 'masculine'): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberWords takes 0–999999, not ${n}`);
  if (n === 0) return 'нуль';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands === 1) words.push('тисяча');
  else if (thousands) words.push(...belowThousand(thousands, 'feminine'), thousandNoun(thousands));
  if (rest) words.push(...belowThousand(rest, gender));
  return words.join(' ');
}
