/**
 * `talon hash-pin`: reads a technician's exit PIN from standard input (never the command line, where
 * shell history and `ps` would keep it) and prints the `app.exitPin` value for the config.
 */
import type { Readable } from 'node:stream';
import { hashExitPin, PIN_PATTERN } from '../electron/exitPin.js';

export async function hashPin(input: Readable, print: (line: string) => void): Promise<number> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  const pin = text.trim();
  if (!PIN_PATTERN.test(pin)) {
    print('talon hash-pin: the PIN on standard input must be 4 to 12 digits');
    return 64;
  }
  print(`exitPin: "${hashExitPin(pin)}"`);
  return 0;
}
