import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../../main/commands/hashPin.js';
import { verifyExitPin } from '../../../main/electron/exitPin.js';

describe('talon hash-pin', () => {
  it('prints the app.exitPin line for the PIN read from standard input', async () => {
    const out: string[] = [];

    expect(await hashPin(Readable.from(['4829', '13\n']), (line) => out.push(line))).toBe(0);

    const hash = /^exitPin: "(.+)"$/.exec(out[0]!)?.[1];
    expect(verifyExitPin('482913', hash!)).toBe(true);
  });

  it('refuses what is not 4 to 12 digits', async () => {
    const out: string[] = [];

    expect(await hashPin(Readable.from(['12ab\n']), (line) => out.push(line))).toBe(64);
    expect(out).toEqual(['talon hash-pin: the PIN on standard input must be 4 to 12 digits']);
  });
});
