/** `talon print-test` and `talon bus-sim` as a person runs them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../../hardware/printer/virtual/server.js';
import { DeskBus } from '../../../hardware/serial/deskBus.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import { parseAddresses } from '../../../main/commands/busSim.js';
import { printTest } from '../../../main/commands/printTest.js';
import { ROOT } from '../../helpers/hubProcess.js';
import { testConfig } from '../../helpers/hub.js';
import { useTempDir } from '../../helpers/tmp.js';
import { ptyPair, until } from './socatPair.js';

const tempDir = useTempDir();
const TALON = join(ROOT, 'main', 'bin', 'talon.mjs');
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function virtualPrinter(): Promise<VirtualPrinter> {
  const p = await startVirtualPrinter();
  cleanup.push(() => p.close());
  return p;
}

describe('talon print-test', () => {
  it('prints the sample ticket with every Ukrainian letter on the configured printer', async () => {
    const printer = await virtualPrinter();
    const lines: string[] = [];
    const config = testConfig({ printer: { transport: 'tcp', address: printer.address, codepage: 'cp1125', escT: 44, width: 48 } }, tempDir());
    expect(await printTest(config, 5000, (l) => lines.push(l))).toBe(0);
    expect(printer.tickets).toHaveLength(1);
    expect(printer.tickets[0]!.lines.join(' ')).toContain('АБВГҐДЕЄЖЗИІЇЙ');
    expect(printer.tickets[0]!.qr).toEqual(['TEST2345']);
    expect(lines.at(-1)).toMatch(/printed \d+ bytes; status after it: ok/);
  });

  it('says the paper is out and fails when it stays out', async () => {
    const printer = await virtualPrinter();
    printer.set({ paperOut: true });
    const lines: string[] = [];
    const config = testConfig({ printer: { transport: 'tcp', address: printer.address, codepage: 'wpc1251', escT: 46, width: 48 } }, tempDir());
    expect(await printTest(config, 300, (l) => lines.push(l))).toBe(1);
    expect(lines).toContain('print-test: not printed (paper_out)');
  });

  it('keeps the PNG of a virtual printer’s test ticket and says where it is', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const config = testConfig({ printer: { transport: 'virtual', codepage: 'wpc1251', escT: 46, width: 48 } }, dir);
    expect(await printTest(config, 5000, (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(new RegExp(`^print-test: the ticket as the virtual printer saw it: ${join(dir, 'tickets')}/ticket-.*\\.png$`));
  });
});

/** Ends a child the test started: SIGTERM, and SIGKILL if it has not gone within 3 s. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('talon bus-sim', () => {
  it('reads address lists as ranges and single addresses', () => {
    expect(parseAddresses('1-3,7')).toEqual([1, 2, 3, 7]);
    expect(() => parseAddresses('0-3')).toThrow(/outside 1–99/);
    expect(() => parseAddresses('a')).toThrow(/not N or N-M/);
  });

  it('acts as displays on the far end of a pty and presses keys typed on its input', async () => {
    const pair = await ptyPair(tempDir());
    cleanup.push(() => pair.kill());
    const child = spawn(process.execPath, [TALON, 'bus-sim', '--path', pair.device, '--addresses', '1-6'], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanup.push(() => stopChild(child));
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    await until(() => lines.some((l) => l.startsWith('bus-sim: talon displays')), 15_000, 'bus-sim started');
    const bus = new DeskBus({ path: pair.hub, driver: talonDriver });
    cleanup.push(() => bus.close());
    await bus.start();
    expect(await bus.send(4, { kind: 'number', number: 1056, blink: 3 })).toMatchObject({ ok: true });
    await until(() => lines.includes('bus-sim: display 4: 1056 (blinks 3)'), 3000, 'the display line');
    const presses: string[] = [];
    bus.on('press', (p) => presses.push(`${p.address} ${p.key}`));
    child.stdin!.write('4 next\n');
    await until(() => presses.includes('4 next'), 3000, 'the press');
    await until(() => lines.includes('bus-sim: 4 next: acked'), 3000, 'the press acked');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('plays a contact module: answers the hub’s query and reports "contact on" and "contact off" typed on its input', async () => {
    const pair = await ptyPair(tempDir());
    cleanup.push(() => pair.kill());
    const child = spawn(process.execPath, [TALON, 'bus-sim', '--path', pair.device, '--addresses', '1-2', '--contact', '90'], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanup.push(() => stopChild(child));
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    await until(() => lines.some((l) => l.startsWith('bus-sim: contact module at 90')), 15_000, 'bus-sim started with a contact module');
    const bus = new DeskBus({ path: pair.hub, driver: talonDriver });
    cleanup.push(() => bus.close());
    const reports: string[] = [];
    bus.on('contact', (r) => reports.push(`${r.address} ${r.closed ? 'closed' : 'open'} ${r.seq}`));
    await bus.start();
    expect(await bus.send(90, { kind: 'query' })).toMatchObject({ ok: true });
    expect(reports).toEqual(['90 open 0']);
    child.stdin!.write('contact on\n');
    await until(() => lines.includes('bus-sim: contact 90: closed: acked'), 3000, 'the closing acked');
    child.stdin!.write('contact off\n');
    await until(() => lines.includes('bus-sim: contact 90: open: acked'), 3000, 'the opening acked');
    expect(reports).toEqual(['90 open 0', '90 closed 1', '90 open 2']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits when its line goes away instead of holding a dead pty', async () => {
    const pair = await ptyPair(tempDir());
    const child = spawn(process.execPath, [TALON, 'bus-sim', '--path', pair.device], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanup.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    await until(() => lines.some((l) => l.startsWith('bus-sim: talon displays')), 15_000, 'bus-sim started');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await pair.kill();
    expect(await exited).toBe(1);
  });
});
