/**
 * English numbers in words for the spoken call in English ("Ticket number one thousand fifty-six,
 * desk three"). As in Ukrainian, digits never reach the speech engine: the words are ours, so every
 * voice reads them the same way.
 */
const ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1–999: "three hundred forty-two" (no "and": a board reads a number, not a sum). */
function belowThousand(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) words.push(ONES[h]!, 'hundred');
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else {
    const t = Math.floor(rest / 10);
    const o = rest % 10;
    if (t && o) words.push(`${TENS[t]}-${ONES[o]}`);
    else if (t) words.push(TENS[t]!);
    else if (o) words.push(ONES[o]!);
  }
  return words;
}

/** 0–999 999 in English words. */
export function englishNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`englishNumberWords takes 0–999999, not ${n}`);
  if (n === 0) return 'zero';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (thousands) words.push(...belowThousand(thousands), 'thousand');
  if (rest) words.push(...belowThousand(rest));
  return words.join(' ');
}
