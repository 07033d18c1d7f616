import type { FloorErrorCode, FloorError } from './errors.js';

export type Lang = 'uk' | 'en';

type Table = Record<FloorErrorCode, string>;

/** Ukrainian first (state-language law); English second. `{name}` is filled from error params. */
const uk: Table = {
  UNKNOWN_CODE: 'Запис із таким кодом не знайдено. Перевірте код або зверніться до адміністратора.',
  OTHER_DAY: 'Ваш запис на інший день ({date}). Приходьте у день запису.',
  OTHER_CENTRE: 'Ваш запис до іншого сервісного центру ({centre}).',
  TOO_EARLY: 'Ще зарано. Реєстрація на ваш запис відкриється о {opensAt}.',
  TOO_LATE: 'Час реєстрації на ваш запис минув о {closedAt}. Зверніться до адміністратора.',
  CANCELLED: 'Цей запис скасовано.',
  ALREADY_CHECKED_IN: 'Ви вже зареєстровані, ваш талон № {number}. Повторний друк більше недоступний.',
  SERVICE_SUSPENDED: 'Послуга тимчасово не надається. Зверніться до адміністратора.',
  ALERT_ACTIVE: 'Повітряна тривога. Обслуговування призупинено — пройдіть до укриття.',
  QUEUE_EMPTY: 'Немає відвідувачів у черзі.',
  DESK_BUSY: 'На робочому місці вже є відвідувач. Спершу завершіть обслуговування.',
  DESK_PAUSED: 'Робоче місце на паузі. Відновіть роботу, щоб викликати.',
  DESK_NOT_PAUSED: 'Робоче місце не на паузі.',
  DESK_IDLE: 'На робочому місці немає відвідувача.',
  UNKNOWN_DESK: 'Невідоме робоче місце № {desk}.',
  UNKNOWN_SERVICE: 'Невідома послуга {service}.',
  NOT_SERVED_HERE: 'Це робоче місце не надає послугу {service}.',
  NOT_WAITING: 'Талон № {number} не очікує в черзі.',
  UNKNOWN_NUMBER: 'Талон № {number} сьогодні не зареєстровано.',
  WRONG_STATE: 'Дія неможлива: відвідувач у стані «{state}».',
  RECALL_LIMIT: 'Виклик повторено {recalls} разів. Позначте відвідувача як такого, що не з’явився.',
  NO_SHOW_TOO_SOON: 'Спершу повторіть виклик ще {left} раз(и).',
  SAME_TARGET: 'Відвідувач уже в цій черзі.',
  ALERT_UNCHANGED: 'Стан тривоги вже такий.',
  NO_FREE_SLOT: 'На сьогодні вільного часу для цієї послуги немає.',
  SAME_DAY_LIMIT: 'На цю особу вже є запис на сьогодні на цю послугу. Через термінал одна особа може записатися на одну послугу не більше {limit} раз(и) на день.',
  SAME_DAY_DAILY_LIMIT: 'На цю особу вже є {limit} запис(и) на сьогодні через термінал — це найбільше для однієї особи на день.',
  UNKNOWN_APPLICATION: 'Заяви з таким номером і такими останніми цифрами телефону не знайдено.',
  LICENCE_NOT_HERE: 'Посвідчення за цією заявою не очікує видачі в цьому центрі (стан: {status}).',
};

const en: Table = {
  UNKNOWN_CODE: 'No booking has this code. Check the code or ask the administrator.',
  OTHER_DAY: 'Your booking is for another day ({date}). Please come on the day of your booking.',
  OTHER_CENTRE: 'Your booking is at another service centre ({centre}).',
  TOO_EARLY: 'Too early. Check-in for your booking opens at {opensAt}.',
  TOO_LATE: 'Check-in for your booking closed at {closedAt}. Please ask the administrator.',
  CANCELLED: 'This booking has been cancelled.',
  ALREADY_CHECKED_IN: 'You are already checked in, your ticket is No. {number}. No more reprints are available.',
  SERVICE_SUSPENDED: 'This service is suspended for now. Please ask the administrator.',
  ALERT_ACTIVE: 'Air-raid alert. Service is suspended — please go to the shelter.',
  QUEUE_EMPTY: 'Nobody is waiting.',
  DESK_BUSY: 'The desk already has a visitor. Finish that visit first.',
  DESK_PAUSED: 'The desk is paused. Resume to call.',
  DESK_NOT_PAUSED: 'The desk is not paused.',
  DESK_IDLE: 'The desk has no visitor.',
  UNKNOWN_DESK: 'Unknown desk No. {desk}.',
  UNKNOWN_SERVICE: 'Unknown service {service}.',
  NOT_SERVED_HERE: 'This desk does not serve {service}.',
  NOT_WAITING: 'Ticket No. {number} is not waiting.',
  UNKNOWN_NUMBER: 'Ticket No. {number} has not checked in today.',
  WRONG_STATE: 'Not possible: the visit is {state}.',
  RECALL_LIMIT: 'Recalled {recalls} times. Mark the visitor as a no-show.',
  NO_SHOW_TOO_SOON: 'Recall {left} more time(s) first.',
  SAME_TARGET: 'The visitor is already in that queue.',
  ALERT_UNCHANGED: 'The alert is already in that state.',
  NO_FREE_SLOT: 'No free time is left today for this service.',
  SAME_DAY_LIMIT: 'This person already has a booking for this service today. At the terminal one person may book one service at most {limit} time(s) a day.',
  SAME_DAY_DAILY_LIMIT: 'This person already has {limit} booking(s) made at the terminal today: the most one person may make in a day.',
  UNKNOWN_APPLICATION: 'No application has this number and these last digits of the phone.',
  LICENCE_NOT_HERE: 'The licence of this application is not waiting for pickup at this centre (status: {status}).',
};

const TABLES: Record<Lang, Table> = { uk, en };

export function messageFor(error: FloorError, lang: Lang = 'uk'): string {
  const template = TABLES[lang][error.code];
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = error.params?.[key];
    return value === undefined ? whole : String(value);
  });
}
