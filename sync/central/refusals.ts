/** Every refusal of central's APIs, as a code with its HTTP status and its Ukrainian (and English) message. */
export const REFUSALS = {
  NO_SUCH_CENTRE: [404, 'Сервісний центр не знайдено.', 'No such service centre.'],
  NO_SUCH_SERVICE: [404, 'Послуга в цьому центрі не надається.', 'The centre does not offer this service.'],
  NO_SUCH_SLOT: [404, 'Такого часу запису немає.', 'There is no such slot.'],
  NO_SUCH_BOOKING: [404, 'Запис не знайдено.', 'No such booking.'],
  NO_SUCH_APPLICATION: [404, 'Заяву не знайдено.', 'No such application.'],
  NOT_OPEN_YET: [409, 'Запис на цей день ще не відкрито. Новий день відкривається щодня о 06:00.', 'Booking for this day is not open yet; a new day opens at 06:00 every day.'],
  SLOT_PAST: [409, 'Цей час уже минув.', 'This time has passed.'],
  SLOT_TAKEN: [409, 'На цей час вільних місць немає. Оберіть інший час.', 'No seats left at this time; choose another.'],
  OLD_SYSTEM: [409, 'Записи до {cutover} ведуться в попередній системі.', 'Bookings before {cutover} belong to the old system.'],
  MONTHLY_LIMIT: [409, 'Ви вже маєте 4 онлайн-записи цього місяця (скасовані враховуються).', 'You already have 4 online bookings this month (cancelled ones count).'],
  DAILY_LIMIT: [409, 'Юридична особа може мати не більше 4 записів на день.', 'A legal entity may make at most 4 bookings a day.'],
  RETAKE_TOO_SOON: [409, 'Повторний іспит можливий не раніше ніж через 10 днів після попереднього запису (з {date}).', 'An exam retake is possible 10 days after the previous booking at the earliest (from {date}).'],
  PRIORITY_ONCE: [409, 'Пріоритетний запис можливий лише раз на день для одного виду послуги.', 'A priority booking is possible once a day per service type.'],
  BLOCKED: [403, 'Онлайн-запис заблоковано через 4 неявки цього місяця. Розблокування — особисто в сервісному центрі.', 'Online booking is blocked after 4 no-shows this month; it is unblocked in person at a service centre.'],
  CANCEL_TOO_LATE: [409, 'Скасувати запис можна не пізніше ніж за 2 години до його часу.', 'A booking can be cancelled no later than 2 hours before its time.'],
  ALREADY_CANCELLED: [409, 'Запис уже скасовано.', 'The booking is already cancelled.'],
  WRONG_CODE: [403, 'Неправильний код запису.', 'Wrong booking code.'],
  CHALLENGE_REQUIRED: [428, 'Потрібна перевірка: отримайте завдання і надішліть його розв’язок.', 'A challenge is required: fetch one and send its solution.'],
  CHALLENGE_FAILED: [403, 'Перевірку не пройдено. Отримайте нове завдання.', 'The challenge failed; fetch a new one.'],
  RATE_LIMITED: [429, 'Забагато запитів. Спробуйте пізніше.', 'Too many requests; try later.'],
  BAD_STATUS_CHANGE: [409, 'Такий перехід статусу заяви неможливий ({from} → {to}).', 'This status change is not possible ({from} → {to}).'],
  REASON_REQUIRED: [400, 'Для відмови потрібна причина.', 'A refusal needs a reason.'],
  UNAUTHORIZED: [401, 'Неправильний або відсутній токен доступу.', 'Wrong or missing access token.'],
  BAD_REQUEST: [400, 'Неправильні дані запиту: {detail}', 'Bad request: {detail}'],
  NOT_FOUND: [404, 'Немає такого ресурсу.', 'No such resource.'],
  NO_SUCH_TICKET: [404, 'Талон не знайдено.', 'No such ticket.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type RefusalCode = keyof typeof REFUSALS;

export class Refusal extends Error {
  constructor(readonly code: RefusalCode, readonly params: Record<string, string> = {}) {
    super(code);
  }
  get status(): number {
    return REFUSALS[this.code][0];
  }
  body() {
    const fill = (s: string) => s.replace(/\{(\w+)\}/g, (w, k: string) => this.params[k] ?? w);
    return { error: { code: this.code, message: fill(REFUSALS[this.code][1]), messageEn: fill(REFUSALS[this.code][2]) } };
  }
}

export function refuse(code: RefusalCode, params?: Record<string, string>): never {
  throw new Refusal(code, params);
}
