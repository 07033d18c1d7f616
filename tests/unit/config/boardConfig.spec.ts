import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { configSchema } from '../../../main/config/schema.js';
import { testConfig } from '../../helpers/hub.js';

const base = () => {
  const { board: _board, ...rest } = testConfig() as unknown as Record<string, unknown>;
  return rest;
};

describe('the board section of the config', () => {
  it('shows Ukrainian alone unless told otherwise, for 10 s a language', () => {
    expect(configSchema.parse(base()).board).toEqual({ languages: ['uk'], switchEverySeconds: 10 });
  });

  it('takes Ukrainian and English in turn, in the order given', () => {
    expect(configSchema.parse({ ...base(), board: { languages: ['uk', 'en'], switchEverySeconds: 15 } }).board).toEqual({ languages: ['uk', 'en'], switchEverySeconds: 15 });
  });

  it('refuses an unknown language, a language twice, none at all, and a switch too quick to read', () => {
    for (const board of [{ languages: ['ru'] }, { languages: ['uk', 'uk'] }, { languages: [] }, { languages: ['uk', 'en'], switchEverySeconds: 1 }, { languages: ['uk'], extra: 1 }]) {
      expect(configSchema.safeParse({ ...base(), board }).success, JSON.stringify(board)).toBe(false);
    }
  });

  it('answers any garbage with a refusal, never a throw', () => {
    fc.assert(
      fc.property(fc.anything(), (board) => {
        const r = configSchema.safeParse({ ...base(), board });
        if (r.success) expect(r.data.board.languages.length).toBeGreaterThan(0);
      }),
    );
  });
});
