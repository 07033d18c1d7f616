import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hashExitPin } from '../../../main/electron/exitPin.js';
import { createInputFilter, isSafePublicKey } from '../../../main/electron/inputFilter.js';
import { useTempDir } from '../../helpers/tmp.js';
import { app, resetElectronFake } from '../../fakes/electron.js';
import { startDevShell, writeConfig } from './harness.js';

vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'));

const tempDir = useTempDir('talon-input-');
// Hashed once: scrypt is deliberately slow.
const PIN = '482913';
const PIN_HASH = hashExitPin(PIN);

beforeEach(() => {
  resetElectronFake();
});

async function shellWith(role: 'kiosk' | 'board' | 'desk', exitPin?: string, now?: () => number) {
  const started = await startDevShell(writeConfig(tempDir(), [{ role, display: 0, fullscreen: role !== 'desk' }], exitPin ? { exitPin } : {}), now ? { now } : {});
  return { ...started, page: started.windows[0]!.webContents };
}

const CHORD = { control: true, shift: true } as const;

describe("a public screen's keyboard", () => {
  it('reaches the page with characters and the keys a form needs', async () => {
    const { page } = await shellWith('kiosk');

    expect(page.simulateTyping(['a', 'Є', '7', ' ', 'Enter', 'Backspace', 'Tab', 'ArrowLeft', 'Escape'])).toHaveLength(9);
    expect(page.simulateKey('A', { shift: true })).toBe(true);
  });

  it('never lets reload, zoom, devtools, print, close or quit keys through', async () => {
    const { page } = await shellWith('kiosk');
    const refused: [string, Parameters<typeof page.simulateKey>[1]][] = [
      ['r', { control: true }],
      ['R', { control: true, shift: true }],
      ['F5', {}],
      ['=', { control: true }],
      ['-', { control: true }],
      ['0', { control: true }],
      ['I', { control: true, shift: true }],
      ['F12', {}],
      ['p', { control: true }],
      ['w', { control: true }],
      ['F4', { alt: true }],
      ['q', { control: true }],
      ['F11', {}],
      ['Alt', { alt: true }],
      ['ContextMenu', {}],
      ['l', { meta: true }],
    ];

    for (const [key, modifiers] of refused) expect(page.simulateKey(key, modifiers), `${key} ${JSON.stringify(modifiers)}`).toBe(false);
  });

  it('is filtered on the board too, but not on a desk, where staff copy and paste', async () => {
    expect((await shellWith('board')).page.simulateKey('r', { control: true })).toBe(false);
    resetElectronFake();
    expect((await shellWith('desk')).page.simulateKey('v', { control: true })).toBe(true);
  });

  it('lets no key with Ctrl, Alt or Meta through, whatever it is', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean(), (key, control, alt, meta) => {
        fc.pre(control || alt || meta);
        expect(isSafePublicKey({ key, control, alt, meta })).toBe(false);
      }),
    );
  });
});

describe("the technician's exit", () => {
  it('quits the kiosk after the chord and the right PIN, and the page never sees the PIN', async () => {
    const { page, log } = await shellWith('kiosk', PIN_HASH);

    expect(page.simulateKey('F10', CHORD)).toBe(false);
    expect(page.simulateTyping([...PIN])).toEqual([]);
    expect(page.simulateKey('Enter')).toBe(false);

    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(log).toContain('technician exit: PIN accepted on the kiosk window; leaving');
    expect(log.join('\n')).not.toContain(PIN);
  });

  it('stays locked after a wrong PIN, and goes back to the page after Escape', async () => {
    const { page, log } = await shellWith('kiosk', PIN_HASH);

    page.simulateKey('F10', CHORD);
    page.simulateTyping([...'111111', 'Enter']);
    page.simulateKey('F10', CHORD);
    page.simulateTyping(['4', '8']);
    page.simulateKey('Escape');

    expect(app.quitRequests).toBe(0);
    expect(log).toContain('technician exit: wrong PIN (1 of 5)');
    expect(page.simulateKey('a')).toBe(true);
  });

  it('locks the chord for five minutes after five wrong PINs', async () => {
    let now = 1_000_000;
    const { page, log } = await shellWith('board', PIN_HASH, () => now);

    for (let i = 0; i < 5; i += 1) {
      page.simulateKey('F10', CHORD);
      page.simulateTyping([...'0000', 'Enter']);
    }
    page.simulateKey('F10', CHORD);
    // The right PIN now only reaches the page (which ignores digits it was not asked for).
    expect(page.simulateTyping([...PIN])).toHaveLength(PIN.length);
    expect(log).toContain('technician exit: locked after too many wrong PINs');

    now += 5 * 60_000;
    page.simulateKey('F10', CHORD);
    page.simulateTyping([...PIN, 'Enter']);
    await vi.waitFor(() => expect(app.quitted).toBe(true));
  });

  it('gives up a PIN entry left for 30 s', () => {
    let now = 0;
    const exits: string[] = [];
    const filter = createInputFilter({ exitPinHash: PIN_HASH, now: () => now, log: () => undefined, onExit: (role) => exits.push(role) });
    const key = (k: string, mods: { control?: boolean; shift?: boolean } = {}) =>
      filter.decide('kiosk', { type: 'keyDown', key: k, control: mods.control ?? false, shift: mods.shift ?? false, alt: false, meta: false });

    key('F10', CHORD);
    key('4');
    now += 30_001;

    expect(key('8')).toBe('pass');
    expect(exits).toEqual([]);
  });

  it('does nothing without an exit PIN in the config', async () => {
    const { page, log } = await shellWith('kiosk');

    expect(page.simulateKey('F10', CHORD)).toBe(false);
    expect(page.simulateKey('1')).toBe(true);
    expect(log).toContain('technician exit: the chord was pressed but the config has no app.exitPin');
  });
});
