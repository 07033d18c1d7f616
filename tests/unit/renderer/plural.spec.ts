import { describe, expect, it } from 'vitest';
import { t } from '../../../renderer/shared/i18n.js';

describe('plural messages on the kiosk', () => {
  it('says one desk and several desks in the right words', () => {
    expect(t('uk', 'ticket.desks', { count: 1, desks: '2' })).toBe('Вас обслуговує робоче місце 2');
    expect(t('uk', 'ticket.desks', { count: 2, desks: '1, 2' })).toBe('Вас обслуговують робочі місця: 1, 2');
    expect(t('en', 'ticket.desks', { count: 1, desks: '2' })).toBe('Desk 2 serves you');
    expect(t('en', 'ticket.desks', { count: 3, desks: '1, 2, 3' })).toBe('Desks serving you: 1, 2, 3');
  });

  it('counts people and minutes by Ukrainian rules: 1 людина, 3 людини, 5 людей, 21 людина', () => {
    expect([0, 1, 3, 5, 11, 21, 22, 25].map((n) => t('uk', 'ticket.ahead', { n }))).toEqual([
      'Перед вами нікого немає',
      'Перед вами 1 людина',
      'Перед вами 3 людини',
      'Перед вами 5 людей',
      'Перед вами 11 людей',
      'Перед вами 21 людина',
      'Перед вами 22 людини',
      'Перед вами 25 людей',
    ]);
    expect(t('uk', 'ticket.wait', { n: 12 })).toBe('Орієнтовне очікування: 12 хвилин');
    expect(t('uk', 'ticket.wait', { n: 2 })).toBe('Орієнтовне очікування: 2 хвилини');
    expect(t('en', 'ticket.wait', { n: 1 })).toBe('Estimated wait: 1 minute');
    expect(t('en', 'ticket.ahead', { n: 4 })).toBe('4 people ahead of you');
  });
});
