/**
 * Garbage on the desk bus (issue 8): whatever bytes arrive, in whatever chunks, the Talon and QSystem
 * readers never throw and never produce a frame that is not in the bytes. Each reader is checked
 * against a reference reading of the whole input written from docs/desk-bus.md: the frames the
 * reader returns are exactly the well-formed frames of the stream, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameReader } from '../../../hardware/serial/busTypes.js';
import { qsystemDriver } from '../../../hardware/serial/qsystemFrames.js';
import { talonDriver } from '../../../hardware/serial/talonFrames.js';
import { qsystemDeviceFrames, qsystemHubFrames, stream, talonDeviceFrames, talonHubFrames } from '../../helpers/busReference.js';
import { garbageBytes } from '../../helpers/hostile.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function readAll<F>(reader: FrameReader<F>, chunks: Buffer[]): F[] {
  // The reader may keep the chunk it was given: pass copies, as a serial port does.
  return chunks.flatMap((c) => reader.push(Buffer.from(c)));
}

const readers = [
  { name: 'Talon device → hub', driver: talonDriver, reader: () => talonDriver.deviceReader(), reference: talonDeviceFrames },
  { name: 'Talon hub → device', driver: talonDriver, reader: () => talonDriver.hubReader(), reference: talonHubFrames },
  { name: 'QSystem device → hub', driver: qsystemDriver, reader: () => qsystemDriver.deviceReader(), reference: qsystemDeviceFrames },
  { name: 'QSystem hub → device', driver: qsystemDriver, reader: () => qsystemDriver.hubReader(), reference: qsystemHubFrames },
] as const;

describe('desk-bus frames under garbage', () => {
  for (const r of readers) {
    it(`${r.name}: reads exactly the well-formed frames of any stream, in any chunks, and never throws`, () => {
      let framed = 0;
      fc.assert(
        fc.property(stream(r.driver), ({ bytes, chunks }) => {
          const reader = r.reader() as FrameReader<unknown>;
          const got = readAll(reader, chunks);
          const expected = r.reference(bytes);
          if (expected.length) framed++;
          expect(got).toEqual(expected);
          expect(Number.isInteger(reader.skipped) && reader.skipped >= 0 && reader.skipped <= bytes.length).toBe(true);
        }),
        { numRuns: RUNS },
      );
      // Not a vacuous property: most streams hold frames to read.
      expect(framed).toBeGreaterThan(RUNS / 4);
    });

    it(`${r.name}: pure noise (no lead byte) yields nothing and stays bounded`, () => {
      const lead = r.driver === talonDriver ? (r.name.startsWith('Talon device') ? 0x23 : 0x40) : 0x01;
      fc.assert(
        fc.property(fc.array(garbageBytes(200), { maxLength: 20 }), (chunks) => {
          const reader = r.reader() as FrameReader<unknown>;
          const clean = chunks.map((c) => Buffer.from(c.filter((b) => b !== lead)));
          expect(readAll(reader, clean)).toEqual([]);
        }),
        { numRuns: 100 },
      );
    });
  }

  it('QSystem: a press right after a stray SOH is read at once, not when the bus next speaks', () => {
    // Found by the property above: 01 01 30 could start a display frame, but the 07 two bytes on rules it out.
    expect(qsystemDriver.deviceReader().push(Buffer.from([0x01, 0x01, 0x30, 0x31, 0x07]))).toEqual([{ kind: 'press', address: 0x30, key: 'next', seq: null }]);
  });

  it('keeps no more than one frame of an endless line without an end', () => {
    for (const r of readers) {
      const reader = r.reader() as FrameReader<unknown>;
      const lead = r.name.startsWith('Talon device') ? '#' : r.name.startsWith('Talon') ? '@' : '\u0001';
      for (let i = 0; i < 2000; i++) reader.push(Buffer.from(`${lead}01N1`.repeat(3), 'latin1'));
      // The reader still reads a real frame after the flood.
      const good = r.name.includes('device → hub') ? r.driver.ack(5) : r.driver.command(5, { kind: 'clear' });
      expect(reader.push(Buffer.concat([Buffer.from('\r\n'), good]))).toContainEqual(r.name.includes('device → hub') ? { kind: 'ack', address: 5 } : { kind: 'command', address: 5, command: { kind: 'clear' } });
    }
  });
});
