import { describe, expect, it } from 'vitest';
import { checksum, frame, talonDriver } from '../../../hardware/serial/talonFrames.js';
import { qsystemDriver } from '../../../hardware/serial/qsystemFrames.js';

describe('Talon desk-bus frames', () => {
  it('writes a frame with the address, the command and the XOR of the bytes between lead and star', () => {
    const f = frame('@', 3, 'N1056,3');
    const inner = Buffer.from('03N1056,3');
    expect(f.toString()).toBe(`@03N1056,3*${checksum(inner).toString(16).toUpperCase().padStart(2, '0')}\r\n`);
    expect(checksum(Buffer.from('03N1056,3'))).toBe([...'03N1056,3'].reduce((x, c) => x ^ c.charCodeAt(0), 0));
  });

  it('reads back every display command the hub sends', () => {
    const reader = talonDriver.hubReader();
    const commands = [
      { kind: 'number', number: 1056, blink: 3 },
      { kind: 'blink', times: 2 },
      { kind: 'clear' },
      { kind: 'text', text: 'ПАУЗА' },
      { kind: 'alert' },
      { kind: 'ping' },
    ] as const;
    const frames = reader.push(Buffer.concat(commands.map((c) => talonDriver.command(7, c))));
    expect(frames).toEqual(commands.map((command) => ({ kind: 'command', address: 7, command })));
  });

  it('skips noise and a frame with a wrong checksum, and still reads the next frame', () => {
    const reader = talonDriver.deviceReader();
    const good = talonDriver.press(4, 'next', 17)!;
    const corrupt = Buffer.from(good);
    corrupt[4] = corrupt[4]! ^ 0x01;
    const frames = reader.push(Buffer.concat([Buffer.from([0x00, 0xff, 0x23, 0x41, 0x0d]), corrupt, Buffer.from('garbage#'), good]));
    expect(frames).toEqual([{ kind: 'press', address: 4, key: 'next', seq: 17 }]);
    expect(reader.skipped).toBeGreaterThan(0);
  });

  it('waits for the rest of a frame split across reads', () => {
    const reader = talonDriver.deviceReader();
    const ack = talonDriver.ack(12);
    expect(reader.push(ack.subarray(0, 3))).toEqual([]);
    expect(reader.push(ack.subarray(3))).toEqual([{ kind: 'ack', address: 12 }]);
  });

  it('writes a contact report as #AAI<state><seq> with its checksum: closed 1, open 0', () => {
    expect(talonDriver.contact(90, true, 1)!.toString()).toBe('#90I101*70\r\n');
    expect(talonDriver.contact(90, false, 2)!.toString()).toBe('#90I002*72\r\n');
    expect(talonDriver.contact(7, true, 123)!.toString()).toBe(frame('#', 7, 'I123').toString());
  });

  it('reads contact reports with their state and sequence number, and refuses malformed ones', () => {
    const reader = talonDriver.deviceReader();
    const bytes = Buffer.concat([
      Buffer.from('#90I101*70\r\n'),
      Buffer.from('#90I002*72\r\n'),
      frame('#', 90, 'I2'),
      frame('#', 90, 'I201'),
      frame('#', 90, 'I1001'),
      Buffer.from('#90I101*71\r\n'),
    ]);
    expect(reader.push(bytes)).toEqual([
      { kind: 'contact', address: 90, closed: true, seq: 1 },
      { kind: 'contact', address: 90, closed: false, seq: 2 },
    ]);
  });

  it('writes the hub’s query @AAQ and the ack of a contact report @AAK<seq>, and a device reads both', () => {
    expect(talonDriver.command(90, { kind: 'query' }).toString()).toBe('@90Q*58\r\n');
    expect(talonDriver.ackPress(90, 1).toString()).toBe('@90K01*43\r\n');
    expect(talonDriver.hubReader().push(Buffer.from('@90Q*58\r\n@90K01*43\r\n'))).toEqual([
      { kind: 'command', address: 90, command: { kind: 'query' } },
      { kind: 'ack', address: 90, seq: 1 },
    ]);
  });

  it('tells a contact report from the device’s plain ack', () => {
    const reader = talonDriver.deviceReader();
    expect(reader.push(Buffer.from('#90K*42\r\n#90I100*71\r\n'))).toEqual([
      { kind: 'ack', address: 90 },
      { kind: 'contact', address: 90, closed: true, seq: 0 },
    ]);
  });

  it('refuses an address outside 1–99', () => {
    expect(() => talonDriver.command(0, { kind: 'clear' })).toThrow(RangeError);
    expect(() => talonDriver.command(100, { kind: 'clear' })).toThrow(RangeError);
  });
});

describe('QSystem desk-bus frames', () => {
  it('sends a display frame 01 addr blink c1 c2 c3 07 with the last three digits', () => {
    expect([...qsystemDriver.command(2, { kind: 'number', number: 1056, blink: 3 })]).toEqual([0x01, 0x02, 0x33, 0x30, 0x35, 0x36, 0x07]);
    expect([...qsystemDriver.command(2, { kind: 'number', number: 7, blink: 0 })]).toEqual([0x01, 0x02, 0x30, 0x20, 0x20, 0x37, 0x07]);
  });

  it('reads keypad codes 0x31–0x34 as next, recall, start and finish', () => {
    const reader = qsystemDriver.deviceReader();
    const bytes = Buffer.from([0x01, 5, 0x31, 0x07, 0x01, 5, 0x32, 0x07, 0x01, 5, 0x33, 0x07, 0x01, 5, 0x34, 0x07]);
    expect(reader.push(bytes).map((f) => (f.kind === 'press' ? f.key : f.kind))).toEqual(['next', 'recall', 'start', 'finish']);
  });

  it('has no contact module: no report frame, and a query is only the ACK probe', () => {
    expect(qsystemDriver.contacts).toBe(false);
    expect(qsystemDriver.contact(90, true, 1)).toBeNull();
    expect([...qsystemDriver.command(90, { kind: 'query' })]).toEqual([0x01, 90, 0x06, 0x07]);
  });

  it('skips noise between frames and resyncs on the next start byte', () => {
    const reader = qsystemDriver.deviceReader();
    const frames = reader.push(Buffer.from([0x55, 0x01, 0x07, 0xaa, 0x01, 9, 0x31, 0x07, 0x01, 9, 0x06, 0x07]));
    expect(frames).toEqual([{ kind: 'press', address: 9, key: 'next', seq: null }, { kind: 'ack', address: 9 }]);
  });
});
