/** The live ticket page's words, Ukrainian first; plurals by Intl.PluralRules (CLDR's uk/en rules). */
export type Lang = 'uk' | 'en';

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const plural = (lang: Lang, n: number, forms: Plural): string => {
  const rule = new Intl.PluralRules(lang).select(n);
  return (forms[rule] ?? forms.other).replace('#', String(n));
};

export const WORDS = {
  uk: {
    title: 'Ваш талон',
    priority: 'Пріоритетна черга',
    ahead: (n: number) =>
      n === 0 ? 'Ви наступні в черзі' : plural('uk', n, { one: 'Перед вами # людина', few: 'Перед вами # людини', many: 'Перед вами # людей', other: 'Перед вами # людини' }),
    wait: (m: number) => (m <= 1 ? 'Орієнтовне очікування: менше хвилини' : plural('uk', m, { one: 'Орієнтовне очікування: ≈ # хвилина', few: 'Орієнтовне очікування: ≈ # хвилини', many: 'Орієнтовне очікування: ≈ # хвилин', other: 'Орієнтовне очікування: ≈ # хвилини' })),
    called: (desk: number) => `Ваша черга: робоче місце ${desk}`,
    calledHint: 'Підійдіть, будь ласка, до робочого місця.',
    serving: (desk: number) => `Вас обслуговують: робоче місце ${desk}`,
    paused: 'Обслуговування призупинено через тривогу — ваше місце збережено.',
    done: 'Обслуговування завершено. Дякуємо!',
    noShow: 'Вас викликали, але ви не підійшли. Зверніться до адміністратора центру.',
    gone: 'Цей талон більше не в черзі.',
    frozen: 'Черга призупинена через тривогу — ваше місце збережено.',
    frozenHint: 'Пройдіть в укриття. Після відбою черга продовжиться з того місця, де зупинилася.',
    shelter: 'Повітряна тривога. Обслуговування триває в укритті.',
    calls: 'Останні виклики',
    callRow: (number: string, desk: number) => `${number} → робоче місце ${desk}`,
    noCalls: 'Викликів ще не було.',
    updated: (t: string) => `Оновлено о ${t}`,
    stale: (t: string) => `Немає зв’язку з центром. Дані станом на ${t} — черга могла зрушити.`,
    connecting: 'З’єднання…',
    notFound: 'Талон не знайдено. Перевірте QR-код на паперовому талоні.',
    sound: 'Увімкнути звуковий сигнал',
    soundOn: 'Звуковий сигнал увімкнено',
    lang: 'English',
  },
  en: {
    title: 'Your ticket',
    priority: 'Priority queue',
    ahead: (n: number) => (n === 0 ? 'You are next' : plural('en', n, { one: '# person ahead of you', other: '# people ahead of you' })),
    wait: (m: number) => (m <= 1 ? 'Estimated wait: under a minute' : plural('en', m, { one: 'Estimated wait: about # minute', other: 'Estimated wait: about # minutes' })),
    called: (desk: number) => `Your turn: desk ${desk}`,
    calledHint: 'Please come to the desk.',
    serving: (desk: number) => `You are being served at desk ${desk}`,
    paused: 'Service is paused for an air-raid alert — your place is kept.',
    done: 'Your visit is complete. Thank you!',
    noShow: 'You were called but did not come. Please ask the centre’s administrator.',
    gone: 'This ticket is no longer in the queue.',
    frozen: 'The queue is paused for an air-raid alert — your place is kept.',
    frozenHint: 'Go to the shelter. After the all-clear the queue goes on from where it stopped.',
    shelter: 'Air-raid alert. Service continues in the shelter.',
    calls: 'Latest calls',
    callRow: (number: string, desk: number) => `${number} → desk ${desk}`,
    noCalls: 'No calls yet.',
    updated: (t: string) => `Updated at ${t}`,
    stale: (t: string) => `No link to the centre. As of ${t} — the queue may have moved.`,
    connecting: 'Connecting…',
    notFound: 'Ticket not found. Check the QR code on your paper ticket.',
    sound: 'Turn on the sound signal',
    soundOn: 'Sound signal on',
    lang: 'Українська',
  },
} as const;
